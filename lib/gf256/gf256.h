#pragma once
// Arithmetic in GF(2^8) with the AES polynomial x^8 + x^4 + x^3 + x + 1 (0x11B), the field of
// SLIP-39 and HashiCorp Vault shares. Every function is constant time in all of its arguments:
// no branch and no table index depends on a value, so share bytes and coefficients may pass in.

#include <cstddef>
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
// bytes of x, acc and in scalar (the length is public). Runs on the fastest kernel this CPU
// supports (gf256_kernels.h); every kernel gives the same bytes.
void MulAdd(std::span<std::uint8_t> acc, std::span<const std::uint8_t> x, std::uint8_t scalar);

// The most terms LinearCombination and EvaluatePolynomials take (a threshold is at most 255).
inline constexpr std::size_t kMaxTerms = 255;

// out[k] = sum over i of scalars[i] * inputs[i][k], in one pass: the t terms of a Lagrange
// interpolation, or the powers of one x times the coefficients of a polynomial. 1..kMaxTerms
// inputs of out.size() bytes each, as many scalars; out is overwritten and must not overlap an
// input. Constant time in every byte and every scalar (the sizes are public).
void LinearCombination(std::span<std::uint8_t> out,
                       std::span<const std::span<const std::uint8_t>> inputs,
                       std::span<const std::uint8_t> scalars);

// outputs[p][k] = sum over j of xs[p]^j * coefficients[j][k]: the byte-wise polynomials whose
// coefficient j is coefficients[j], evaluated at every x (one Shamir split of a chunk, for all
// shares at once). One x per output; 1..kMaxTerms coefficients; all spans of one length, and no
// output overlaps a coefficient. Constant time in the coefficients and in xs; call it on a few
// KiB at a time so the coefficients stay in the L1 cache across the outputs.
void EvaluatePolynomials(std::span<const std::span<std::uint8_t>> outputs,
                         std::span<const std::uint8_t> xs,
                         std::span<const std::span<const std::uint8_t>> coefficients);

}  // namespace keyrite::gf256
