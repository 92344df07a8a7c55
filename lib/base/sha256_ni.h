#pragma once
// Internal to lib/base (sha256_stream.cpp): the SHA-256 compression function on the x86 SHA
// extensions. Data moves only through registers; no branch or index depends on it.

#include <cstddef>
#include <cstdint>

namespace keyrite::internal {

bool Sha256NiSupported();

// Runs the compression function over `blocks` 64-byte blocks, updating state[0..8) (H0..H7).
// Only call it when Sha256NiSupported().
void Sha256NiCompress(std::uint32_t state[8], const std::uint8_t* data, std::size_t blocks);

}  // namespace keyrite::internal
