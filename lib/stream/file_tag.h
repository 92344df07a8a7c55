#pragma once
// FileTag: the commitment T of a file-mode split, computed incrementally over a secret of any
// size (share_file_format.h gives the definition): SHA-256 for share file version 1, BLAKE3 for
// version 2. The hash state and the tag are secret (they are derived from S) and live in
// SecureBytes; both hashes run in fixed blocks with no branch or index on the data.

#include <algorithm>
#include <cstdint>
#include <span>
#include <variant>

#include "base/blake3.h"
#include "base/sha256_stream.h"
#include "secmem/secure_bytes.h"
#include "share/share.h"

namespace keyrite::stream {

class FileTag {
 public:
  // Starts T, as share file `version` (1 or 2) defines it, for a secret of exactly
  // `secret_bytes` bytes.
  FileTag(std::uint8_t version, const share::SetId& set_id, std::uint8_t threshold,
          std::uint64_t secret_bytes);

  // The next bytes of S, in order; their total must reach secret_bytes before Finish().
  void Update(std::span<const std::uint8_t> secret_chunk);

  // The 16-byte tag; Finish() once (a second call or a wrong total aborts as a bug).
  secmem::SecureBytes Finish();

 private:
  static constexpr std::size_t kStateBytes =
      std::max(Sha256Stream::kStateBytes, Blake3Stream::kStateBytes);

  secmem::SecureBytes hash_state_{kStateBytes};  // before hash_, which borrows it
  std::variant<Sha256Stream, Blake3Stream> hash_;
  std::uint64_t expected_ = 0;
  std::uint64_t seen_ = 0;
  bool finished_ = false;
};

}  // namespace keyrite::stream
