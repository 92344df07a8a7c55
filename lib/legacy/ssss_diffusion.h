#pragma once
// The diffusion layer that ssss (0.2 and later) applies to the secret before sharing it, for fields
// of 64 bits or more: many overlapping passes of the XTEA block cipher, under the all-zero key,
// over the secret's bytes, so that a few known bytes of a secret tell nothing about the others.
// It is keyless and invertible: Undiffuse recovers the secret. Constant time (XTEA is ARX).

#include <cstdint>
#include <span>

namespace keyrite::legacy {

// The smallest field (in bytes) ssss diffuses; smaller secrets are shared as they are.
inline constexpr std::size_t kMinDiffusionBytes = 8;

// `secret` is the field element as ssss's big-endian bytes (bits / 8 of them, at least 8).
void Diffuse(std::span<std::uint8_t> secret);
void Undiffuse(std::span<std::uint8_t> secret);

}  // namespace keyrite::legacy
