#pragma once
// Tezos text forms of public keys and their hashes: base58check(prefix || payload), where the
// prefix bytes make the text start with "tz1", "edpk", ... (Octez src/lib_crypto/base58.ml).
// An address is the prefix plus BLAKE2b-160 of the public key bytes. Public data only.

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace keyrite::keys {

inline constexpr std::size_t kTezosKeyHashBytes = 20;
using TezosKeyHash = std::array<std::uint8_t, kTezosKeyHashBytes>;

inline constexpr std::array<std::uint8_t, 3> kTz1Prefix = {6, 161, 159};       // ed25519 hash
inline constexpr std::array<std::uint8_t, 3> kTz2Prefix = {6, 161, 161};       // secp256k1 hash
inline constexpr std::array<std::uint8_t, 4> kEdpkPrefix = {13, 15, 37, 217};  // ed25519 key
inline constexpr std::array<std::uint8_t, 4> kSppkPrefix = {3, 254, 226, 86};  // secp256k1 key

// BLAKE2b with a 20-byte output, unkeyed (libsodium crypto_generichash).
TezosKeyHash TezosKeyHashOf(std::span<const std::uint8_t> public_key);

std::string TezosEncode(std::span<const std::uint8_t> prefix,
                        std::span<const std::uint8_t> payload);
// The payload of `text`; InvalidInput when it does not carry `prefix` or is not `payload_size`
// bytes, Corrupt when its checksum fails.
Result<std::vector<std::uint8_t>> TezosDecode(std::string_view text,
                                              std::span<const std::uint8_t> prefix,
                                              std::size_t payload_size);

std::string Tz1Address(std::span<const std::uint8_t, 32> ed25519_public_key);
std::string EdpkText(std::span<const std::uint8_t, 32> ed25519_public_key);
std::string Tz2Address(std::span<const std::uint8_t, 33> secp256k1_compressed_key);
std::string SppkText(std::span<const std::uint8_t, 33> secp256k1_compressed_key);

}  // namespace keyrite::keys
