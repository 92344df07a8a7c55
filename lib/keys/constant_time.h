#pragma once
// Branch-free helpers for code that must not branch on or index by secret values (word lookups in
// mnemonics, dice parsing). Every function is a pure computation on small unsigned integers.

#include <cstdint>

namespace keyrite::keys::ct {

// 1 when x == 0, else 0.
inline std::uint32_t IsZero(std::uint32_t x) { return (~x & (x - 1)) >> 31; }
// 1 when a == b, else 0.
inline std::uint32_t Equal(std::uint32_t a, std::uint32_t b) { return IsZero(a ^ b); }
// 1 when a < b, for a, b below 2^31.
inline std::uint32_t Less(std::uint32_t a, std::uint32_t b) { return (a - b) >> 31; }
// 1 when lo <= x < hi, for values below 2^31.
inline std::uint32_t InRange(std::uint32_t x, std::uint32_t lo, std::uint32_t hi) {
  return Less(x, hi) & (Less(x, lo) ^ 1U);
}
// All ones when bit is 1, zero when it is 0.
inline std::uint32_t Mask(std::uint32_t bit) { return 0U - bit; }
// a when bit is 1, b when it is 0.
inline std::uint32_t Select(std::uint32_t bit, std::uint32_t a, std::uint32_t b) {
  return (a & Mask(bit)) | (b & ~Mask(bit));
}

}  // namespace keyrite::keys::ct
