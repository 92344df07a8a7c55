#pragma once
// Ethereum addresses: the last 20 bytes of Keccak-256 of the 64-byte uncompressed public key
// (X || Y, without the 0x04 tag), written as EIP-55 mixed-case checksummed hex. Public data.

#include <array>
#include <cstdint>
#include <span>
#include <string>

namespace keyrite::keys {

inline constexpr std::size_t kEthereumAddressBytes = 20;
using EthereumAddress = std::array<std::uint8_t, kEthereumAddressBytes>;

// `uncompressed_public_key` is 0x04 || X || Y (a broken tag is a bug and aborts).
EthereumAddress EthereumAddressOf(std::span<const std::uint8_t, 65> uncompressed_public_key);

// "0x" + 40 hex digits, a letter upper-cased when the matching nibble of Keccak-256 of the
// lowercase hex text is 8 or more (EIP-55).
std::string Eip55Text(const EthereumAddress& address);

}  // namespace keyrite::keys
