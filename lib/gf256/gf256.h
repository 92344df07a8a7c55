#pragma once
// Arithmetic in GF(2^8) with the AES polynomial x^8 + x^4 + x^3 + x + 1 (0x11B), the field of
// SLIP-39 and HashiCorp Vault shares. Every function is constant time in all of its arguments:
// no branch and no table index depends on a value, so share bytes and coefficients may pass in.

#include <cstdint>
#include <span>

namespace keyrite::gf256 {

// The reduction polynomial, bit 8 included.
inline constexpr unsigned kPolynomial = 0x11B;

// Addition and subtraction are the same: xor.
constexpr std::uint8_t Add(std::uint8_t a, std::uint8_t b) {
  return static_cast<std::uint8_t>(a ^ b);
}

std::uint8_t Mul(std::uint8_t a, std::uint8_t b);

// The multiplicative inverse, a^254. Inv(0) == 0 (there is no inverse; callers with public
// operands check for zero themselves).
std::uint8_t Inv(std::uint8_t a);

// acc[i] ^= scalar * x[i] for every i; acc.size() must equal x.size(). Constant time in the
// bytes of x, acc and in scalar (the length is public).
void MulAdd(std::span<std::uint8_t> acc, std::span<const std::uint8_t> x, std::uint8_t scalar);

}  // namespace keyrite::gf256
