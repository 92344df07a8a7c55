#pragma once
// GF(2^n) for n = 8, 16, ..., 1024: the fields of ssss shares, each reduced by the pentanomial of
// Seroussi's table (ssss_polynomials.inc). An element is an n-bit polynomial over GF(2) in 64-bit
// limbs, least significant first; callers keep secret elements in secmem::Wiped<FieldElement>.
// Add and Mul are constant time in the element values (n is public); Inverse is for public values.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "base/status.h"

namespace keyrite::legacy {

inline constexpr unsigned kMinFieldBits = 8;
inline constexpr unsigned kMaxFieldBits = 1024;
inline constexpr std::size_t kFieldLimbs = kMaxFieldBits / 64;

struct FieldElement {
  std::array<std::uint64_t, kFieldLimbs> limbs{};
};

class BinaryField {
 public:
  // InvalidInput unless bits is a multiple of 8 in [8, 1024].
  static Result<BinaryField> ForBits(unsigned bits);

  unsigned bits() const { return bits_; }
  std::size_t bytes() const { return bits_ / 8; }

  // The element whose bits are those of `value` (ssss's share index x).
  FieldElement FromUint(std::uint32_t value) const;
  // From and to a big-endian byte string of exactly bytes() bytes (ssss's hex order).
  void Import(std::span<const std::uint8_t> big_endian, FieldElement& out) const;
  void Export(const FieldElement& e, std::span<std::uint8_t> big_endian) const;

  static void AddInto(FieldElement& acc, const FieldElement& x);
  void Mul(const FieldElement& a, const FieldElement& b, FieldElement& out) const;
  // a^e for a public exponent.
  FieldElement Pow(const FieldElement& a, unsigned e) const;
  // a^(2^n - 2), the inverse of a non-zero a. Public operands only (x coordinates).
  FieldElement Inverse(const FieldElement& a) const;

 private:
  BinaryField(unsigned bits, std::array<unsigned, 3> taps) : bits_(bits), taps_(taps) {}
  std::size_t limbs() const { return (bits_ + 63) / 64; }
  void MulByX(FieldElement& e) const;

  unsigned bits_;
  std::array<unsigned, 3> taps_;  // a, b, c of x^n + x^a + x^b + x^c + 1
};

}  // namespace keyrite::legacy
