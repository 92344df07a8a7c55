#include "gf256/gf256.h"

#include <array>

#include "base/check.h"
#include "gf256/gf256_kernels.h"
#include "secmem/secure_bytes.h"

namespace keyrite::gf256 {
namespace {

// All-ones when the low bit of `bit` is set, else zero; the masks replace branches.
constexpr unsigned Mask(unsigned bit) { return 0u - (bit & 1u); }

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
  ActiveKernel().mul_add(acc.data(), x.data(), x.size(), scalar);
}

void LinearCombination(std::span<std::uint8_t> out,
                       std::span<const std::span<const std::uint8_t>> inputs,
                       std::span<const std::uint8_t> scalars) {
  KR_CHECK(!inputs.empty() && inputs.size() <= kMaxTerms && scalars.size() == inputs.size());
  std::array<const std::uint8_t*, kMaxTerms> pointers{};
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    KR_CHECK(inputs[i].size() == out.size());
    pointers[i] = inputs[i].data();
  }
  ActiveKernel().linear_combination(out.data(), pointers.data(), scalars.data(), inputs.size(),
                                    out.size());
}

void EvaluatePolynomials(std::span<const std::span<std::uint8_t>> outputs,
                         std::span<const std::uint8_t> xs,
                         std::span<const std::span<const std::uint8_t>> coefficients) {
  KR_CHECK(outputs.size() == xs.size() && !coefficients.empty());
  KR_CHECK(coefficients.size() <= kMaxTerms);
  secmem::Wiped<std::array<std::uint8_t, kMaxTerms>> powers;  // x^0, x^1, ...: as secret as x
  for (std::size_t p = 0; p < outputs.size(); ++p) {
    std::uint8_t power = 1;
    for (std::size_t j = 0; j < coefficients.size(); ++j) {
      powers.value[j] = power;
      power = Mul(power, xs[p]);
    }
    LinearCombination(outputs[p], coefficients, std::span(powers.value).first(coefficients.size()));
  }
}
}  // namespace keyrite::gf256
