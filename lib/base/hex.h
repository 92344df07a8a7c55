#pragma once
// Hex and base64 for public data (digests, public keys, ids). Lowercase hex out; either case in.
// For secret bytes use the constant-time codecs (base32.h) into SecureBytes.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace keyrite {

std::string ToHex(std::span<const std::uint8_t> bytes);
// Accepts an optional "0x" prefix. InvalidInput names the first bad character.
Result<std::vector<std::uint8_t>> FromHex(std::string_view text);

std::string ToBase64(std::span<const std::uint8_t> bytes);
Result<std::vector<std::uint8_t>> FromBase64(std::string_view text);

}  // namespace keyrite
