#pragma once
// SecureBuffer: a growing byte sink in locked memory, for output whose size is not known ahead
// (cairo's PDF stream, libpng's encoder). Bytes go into fixed SecureBytes chunks, so nothing is
// ever reallocated through ordinary memory; Take() joins them into one SecureBytes of exactly the
// written size. Move-only; everything it held is wiped when it is destroyed.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "secmem/secure_bytes.h"

namespace keyrite::paper {

class SecureBuffer {
 public:
  // `limit`: the most bytes it accepts; Append past it fails (a runaway renderer is an error,
  // not an abort on the memory-lock limit).
  explicit SecureBuffer(std::size_t limit) : limit_(limit) {}

  // False when the limit would be exceeded or the lock budget is spent; the buffer keeps what it
  // had.
  bool Append(std::span<const std::uint8_t> bytes);
  std::size_t size() const { return size_; }
  bool overflowed() const { return overflowed_; }

  // The bytes written, in one buffer; the SecureBuffer is empty afterwards.
  secmem::SecureBytes Take();

 private:
  static constexpr std::size_t kChunkBytes = 64 * 1024;

  std::vector<secmem::SecureBytes> chunks_;
  std::size_t used_in_last_ = 0;
  std::size_t size_ = 0;
  std::size_t limit_;
  bool overflowed_ = false;
};

}  // namespace keyrite::paper
