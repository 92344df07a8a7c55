#pragma once
// FileTag: the commitment T of a file-mode split, computed incrementally over a secret of any
// size (share_file_format.h gives the definition). The hash state and the tag are secret (they
// are derived from S) and live in SecureBytes; SHA-256 (base/sha256_stream.h) runs in fixed
// blocks with no branch or index on the data.

#include <cstdint>
#include <span>

#include "base/sha256_stream.h"
#include "secmem/secure_bytes.h"
#include "share/share.h"

namespace keyrite::stream {

class FileTag {
 public:
  // Starts T for a secret of exactly `secret_bytes` bytes.
  FileTag(const share::SetId& set_id, std::uint8_t threshold, std::uint64_t secret_bytes);

  // The next bytes of S, in order; their total must reach secret_bytes before Finish().
  void Update(std::span<const std::uint8_t> secret_chunk);

  // The 16-byte tag; Finish() once (a second call or a wrong total aborts as a bug).
  secmem::SecureBytes Finish();

 private:
  secmem::SecureBytes hash_state_{Sha256Stream::kStateBytes};  // before hash_, which borrows it
  Sha256Stream hash_{hash_state_.span().first<Sha256Stream::kStateBytes>()};
  std::uint64_t expected_ = 0;
  std::uint64_t seen_ = 0;
  bool finished_ = false;
};

}  // namespace keyrite::stream
