#pragma once
// Keccak-256 as Ethereum uses it: the original Keccak submission padding (0x01 ... 0x80), not the
// FIPS 202 SHA3-256 padding (0x06). Pure function of its input, constant time in the data (the
// only branches depend on the input length); the sponge state is wiped before returning.

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace keyrite::keys {

inline constexpr std::size_t kKeccak256Bytes = 32;
using Keccak256Digest = std::array<std::uint8_t, kKeccak256Bytes>;

Keccak256Digest Keccak256(std::span<const std::uint8_t> data);
Keccak256Digest Keccak256(std::string_view text);

}  // namespace keyrite::keys
