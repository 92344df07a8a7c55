#include "keys/ethereum.h"

#include <algorithm>

#include "base/check.h"
#include "base/hex.h"
#include "keys/keccak.h"

namespace keyrite::keys {
namespace {

// Nibble i of the digest, most significant nibble of each byte first.
unsigned Nibble(const Keccak256Digest& digest, std::size_t i) {
  const unsigned byte = digest[i / 2];
  return i % 2 == 0 ? byte >> 4 : byte & 0x0fu;
}

}  // namespace

EthereumAddress EthereumAddressOf(std::span<const std::uint8_t, 65> uncompressed_public_key) {
  KR_CHECK(uncompressed_public_key[0] == 0x04);
  const Keccak256Digest digest = Keccak256(uncompressed_public_key.subspan<1>());
  EthereumAddress address;
  std::copy(digest.end() - kEthereumAddressBytes, digest.end(), address.begin());
  return address;
}

std::string Eip55Text(const EthereumAddress& address) {
  std::string hex = ToHex(address);  // lowercase, as EIP-55 hashes it
  const Keccak256Digest digest = Keccak256(hex);
  for (std::size_t i = 0; i < hex.size(); ++i) {
    const bool is_letter = hex[i] >= 'a' && hex[i] <= 'f';
    if (is_letter && Nibble(digest, i) >= 8) hex[i] = static_cast<char>(hex[i] - 'a' + 'A');
  }
  return "0x" + hex;
}

}  // namespace keyrite::keys
