#pragma once
// Base58 (the Bitcoin alphabet) and Base58Check (payload + first 4 bytes of SHA-256(SHA-256)),
// for PUBLIC data only: addresses, public keys, test vectors. The big-number conversion is not
// constant time, so secret bytes never go through here.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace keyrite::keys {

inline constexpr std::size_t kBase58CheckBytes = 4;

std::string Base58Encode(std::span<const std::uint8_t> bytes);
// InvalidInput names the position of the first character outside the alphabet.
Result<std::vector<std::uint8_t>> Base58Decode(std::string_view text);

std::string Base58CheckEncode(std::span<const std::uint8_t> payload);
// The payload without its checksum; Corrupt when the checksum does not match.
Result<std::vector<std::uint8_t>> Base58CheckDecode(std::string_view text);

}  // namespace keyrite::keys
