#include "base/base32.h"

#include "base/check.h"

namespace keyrite {
namespace {

// All-ones when a < b (both small non-negative ints), else zero.
inline unsigned LessMask(int a, int b) { return static_cast<unsigned>((a - b) >> 31); }

}  // namespace

char Base32Char(unsigned value) {
  const int v = static_cast<int>(value & 31u);
  const unsigned letter = LessMask(v, 26);
  const unsigned c = (letter & static_cast<unsigned>('A' + v)) |
                     (~letter & static_cast<unsigned>('2' + v - 26));
  return static_cast<char>(c & 0xFFu);
}

int Base32Value(char ch) {
  const int c = static_cast<unsigned char>(ch);
  const unsigned is_letter = ~LessMask(c, 'A') & LessMask(c, 'Z' + 1);
  const unsigned is_digit = ~LessMask(c, '2') & LessMask(c, '7' + 1);
  const unsigned value = (is_letter & static_cast<unsigned>(c - 'A')) |
                         (is_digit & static_cast<unsigned>(c - '2' + 26)) |
                         (~(is_letter | is_digit) & ~0u);
  return static_cast<int>(value);
}

void Base32Encode(std::span<const std::uint8_t> in, std::span<char> out) {
  KR_CHECK(out.size() == Base32EncodedLength(in.size()));
  std::uint32_t acc = 0;
  int bits = 0;
  std::size_t o = 0;
  for (const std::uint8_t b : in) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out[o++] = Base32Char((acc >> bits) & 31u);
    }
  }
  if (bits > 0) out[o++] = Base32Char((acc << (5 - bits)) & 31u);
  acc = 0;
}

Status Base32Decode(std::string_view in, std::span<std::uint8_t> out) {
  KR_CHECK(out.size() == Base32DecodedLength(in.size()));
  // Lengths that leave 5+ spare bits cannot come from the encoder.
  const std::size_t spare = in.size() * 5 - out.size() * 8;
  if (spare >= 5) return InvalidInput("base32 text has an impossible length");
  std::uint32_t acc = 0;
  int bits = 0;
  std::size_t o = 0;
  unsigned bad = 0;
  std::size_t first_bad = 0;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const int v = Base32Value(in[i]);
    const unsigned invalid = static_cast<unsigned>(v >> 31);  // all-ones when v == -1
    first_bad |= static_cast<std::size_t>(invalid & ~bad) & (i + 1);
    bad |= invalid;
    acc = (acc << 5) | (static_cast<unsigned>(v) & 31u);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = static_cast<std::uint8_t>(acc >> bits);
    }
  }
  const unsigned leftover = acc & ((1u << bits) - 1u);
  acc = 0;
  if (bad) {
    return InvalidInput("character " + std::to_string(first_bad) + " is not a base32 letter (A-Z, 2-7)");
  }
  if (leftover != 0) return InvalidInput("base32 text does not end on a whole byte (last character is wrong)");
  return OkStatus();
}

std::string Base32EncodePublic(std::span<const std::uint8_t> in) {
  std::string out(Base32EncodedLength(in.size()), '\0');
  Base32Encode(in, out);
  return out;
}

}  // namespace keyrite
