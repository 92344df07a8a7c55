#include "gf256/gf256.h"

#include <cstring>

#include "base/check.h"

namespace keyrite::gf256 {
namespace {

// All-ones when the low bit of `bit` is set, else zero; the masks replace branches.
constexpr unsigned Mask(unsigned bit) { return 0u - (bit & 1u); }
constexpr std::uint64_t Mask64(std::uint64_t bit) { return 0ull - (bit & 1ull); }

// Eight field elements packed in one word, each multiplied by x (the "xtime" of FIPS-197 4.2.1).
constexpr std::uint64_t XTime8(std::uint64_t v) {
  constexpr std::uint64_t kHigh = 0x8080808080808080ull;
  const std::uint64_t carries = (v & kHigh) >> 7;  // 1 in each byte whose top bit was set
  return ((v & ~kHigh) << 1) ^ (carries * (kPolynomial & 0xFFu));
}

// Each of the eight packed bytes of v times scalar: shift-and-add over the scalar's bits.
std::uint64_t Mul8(std::uint64_t v, std::uint8_t scalar) {
  std::uint64_t product = 0;
  for (unsigned bit = 0; bit < 8; ++bit) {
    product ^= v & Mask64(static_cast<std::uint64_t>(scalar >> bit));
    v = XTime8(v);
  }
  return product;
}

std::uint64_t Load(const std::uint8_t* p) {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

void Store(std::uint8_t* p, std::uint64_t v) { std::memcpy(p, &v, sizeof v); }

}  // namespace

std::uint8_t Mul(std::uint8_t a, std::uint8_t b) {
  unsigned shifted = a;
  unsigned product = 0;
  for (unsigned bit = 0; bit < 8; ++bit) {
    product ^= shifted & Mask(static_cast<unsigned>(b) >> bit);
    shifted = (shifted << 1) ^ (kPolynomial & Mask(shifted >> 7));
  }
  return static_cast<std::uint8_t>(product);
}

std::uint8_t Inv(std::uint8_t a) {
  // a^254 = a^(2+4+8+16+32+64+128): one fixed chain of squarings and multiplications.
  std::uint8_t power = Mul(a, a);  // a^2
  std::uint8_t result = power;
  for (int i = 0; i < 6; ++i) {
    power = Mul(power, power);  // a^4, a^8, ..., a^128
    result = Mul(result, power);
  }
  return result;
}

void MulAdd(std::span<std::uint8_t> acc, std::span<const std::uint8_t> x, std::uint8_t scalar) {
  KR_CHECK(acc.size() == x.size());
  const std::size_t whole = x.size() / 8 * 8;
  for (std::size_t i = 0; i < whole; i += 8) {
    Store(&acc[i], Load(&acc[i]) ^ Mul8(Load(&x[i]), scalar));
  }
  for (std::size_t i = whole; i < x.size(); ++i) acc[i] ^= Mul(x[i], scalar);
}

}  // namespace keyrite::gf256
