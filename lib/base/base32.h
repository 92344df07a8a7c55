#pragma once
// RFC 4648 base32 (alphabet A-Z 2-7, no padding) in constant time: no table lookup and no
// branch depends on the data, so it may encode secret bytes (share payloads). Characters outside
// the alphabet are reported by position; only upper case is accepted (callers normalize typed
// text first). The last character's unused low bits must be zero (one text per byte string).

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "base/status.h"

namespace keyrite {

inline constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

constexpr std::size_t Base32EncodedLength(std::size_t bytes) { return (bytes * 8 + 4) / 5; }
constexpr std::size_t Base32DecodedLength(std::size_t chars) { return chars * 5 / 8; }

// out.size() must be Base32EncodedLength(in.size()).
void Base32Encode(std::span<const std::uint8_t> in, std::span<char> out);
// out.size() must be Base32DecodedLength(in.size()); InvalidInput names the first bad position
// (1-based) or a non-canonical ending.
Status Base32Decode(std::string_view in, std::span<std::uint8_t> out);

// Convenience for public data (set ids, fingerprints).
std::string Base32EncodePublic(std::span<const std::uint8_t> in);

// Value 0..31 of one base32 character, or -1. Constant time.
int Base32Value(char c);
// The character for a value 0..31. Constant time.
char Base32Char(unsigned value);

}  // namespace keyrite
