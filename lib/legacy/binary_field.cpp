#include "legacy/binary_field.h"

#include <string>

#include "secmem/secure_bytes.h"

namespace keyrite::legacy {
namespace {

struct Pentanomial {
  unsigned n, a, b, c;
};

constexpr Pentanomial kPolynomials[] = {
#include "legacy/ssss_polynomials.inc"
};
static_assert(std::size(kPolynomials) == kMaxFieldBits / 8);

}  // namespace

Result<BinaryField> BinaryField::ForBits(unsigned bits) {
  if (bits < kMinFieldBits || bits > kMaxFieldBits || bits % 8 != 0) {
    return InvalidInput("a field of " + std::to_string(bits) +
                        " bits; ssss uses multiples of 8 from 8 to 1024");
  }
  const Pentanomial& p = kPolynomials[bits / 8 - 1];
  KR_CHECK(p.n == bits);
  return BinaryField(bits, {p.a, p.b, p.c});
}

FieldElement BinaryField::FromUint(std::uint32_t value) const {
  FieldElement e;
  e.limbs[0] = value;
  if (bits_ < 32) e.limbs[0] &= (std::uint64_t{1} << bits_) - 1;
  return e;
}

void BinaryField::Import(std::span<const std::uint8_t> big_endian, FieldElement& out) const {
  KR_CHECK(big_endian.size() == bytes());
  out = FieldElement();
  for (std::size_t i = 0; i < big_endian.size(); ++i) {
    const std::size_t bit = 8 * (big_endian.size() - 1 - i);
    out.limbs[bit / 64] |= std::uint64_t{big_endian[i]} << (bit % 64);
  }
}

void BinaryField::Export(const FieldElement& e, std::span<std::uint8_t> big_endian) const {
  KR_CHECK(big_endian.size() == bytes());
  for (std::size_t i = 0; i < big_endian.size(); ++i) {
    const std::size_t bit = 8 * (big_endian.size() - 1 - i);
    big_endian[i] = static_cast<std::uint8_t>(e.limbs[bit / 64] >> (bit % 64));
  }
}

void BinaryField::AddInto(FieldElement& acc, const FieldElement& x) {
  for (std::size_t i = 0; i < kFieldLimbs; ++i) acc.limbs[i] ^= x.limbs[i];
}

// e = e * x mod p: shift left, and fold the bit that left the field back in by a mask, not a
// branch (e may be secret).
void BinaryField::MulByX(FieldElement& e) const {
  const std::size_t top = bits_ - 1;
  const std::uint64_t carry = (e.limbs[top / 64] >> (top % 64)) & 1;
  for (std::size_t i = limbs() - 1; i > 0; --i)
    e.limbs[i] = (e.limbs[i] << 1) | (e.limbs[i - 1] >> 63);
  e.limbs[0] <<= 1;
  if (bits_ % 64 != 0) e.limbs[limbs() - 1] &= (std::uint64_t{1} << (bits_ % 64)) - 1;
  const std::uint64_t reduce = 1 | (std::uint64_t{1} << taps_[0]) | (std::uint64_t{1} << taps_[1]) |
                               (std::uint64_t{1} << taps_[2]);
  e.limbs[0] ^= reduce & (0 - carry);
}

// Shift-and-add over every bit of b: the same operations whatever the values.
void BinaryField::Mul(const FieldElement& a, const FieldElement& b, FieldElement& out) const {
  secmem::Wiped<FieldElement> acc;
  secmem::Wiped<FieldElement> shifted;
  shifted.value = a;
  for (std::size_t i = 0; i < bits_; ++i) {
    const std::uint64_t mask = 0 - ((b.limbs[i / 64] >> (i % 64)) & 1);
    for (std::size_t l = 0; l < limbs(); ++l) acc.value.limbs[l] ^= shifted.value.limbs[l] & mask;
    MulByX(shifted.value);
  }
  out = acc.value;
}

FieldElement BinaryField::Pow(const FieldElement& a, unsigned e) const {
  FieldElement result = FromUint(1);
  for (unsigned i = 0; i < e; ++i) Mul(result, a, result);
  return result;
}

// a^(2^n - 2) = product of a^(2^i) for i = 1 .. n-1.
FieldElement BinaryField::Inverse(const FieldElement& a) const {
  FieldElement result = FromUint(1);
  FieldElement square = a;
  for (unsigned i = 1; i < bits_; ++i) {
    Mul(square, square, square);
    Mul(result, square, result);
  }
  return result;
}

}  // namespace keyrite::legacy
