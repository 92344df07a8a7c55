// Tests for the gf256 module: every product and every inverse against a slow reference written
// here independently (polynomial multiplication, then long division by 0x11B).

#include "gf256/gf256.h"

#include <gtest/gtest.h>

#include "gf256_reference.h"

#include <cstdint>
#include <vector>

#include "base/rng.h"

namespace keyrite::gf256 {
namespace {

TEST(Gf256Test, ReferenceAgreesWithFips197Examples) {
  // FIPS-197 (AES), section 4.2: {57} * {83} = {c1}; section 4.2.1: {57} * {13} = {fe} and the
  // xtime chain {57}*{02} = {ae}, *{04} = {47}, *{08} = {8e}, *{10} = {07}.
  EXPECT_EQ(keyrite::testing::ReferenceMul(0x57, 0x83), 0xC1);
  EXPECT_EQ(keyrite::testing::ReferenceMul(0x57, 0x13), 0xFE);
  EXPECT_EQ(Mul(0x57, 0x83), 0xC1);
  EXPECT_EQ(Mul(0x57, 0x13), 0xFE);
  EXPECT_EQ(Mul(0x57, 0x02), 0xAE);
  EXPECT_EQ(Mul(0x57, 0x04), 0x47);
  EXPECT_EQ(Mul(0x57, 0x08), 0x8E);
  EXPECT_EQ(Mul(0x57, 0x10), 0x07);
}

TEST(Gf256Test, AllProductsMatchReference) {
  int wrong = 0;
  for (unsigned a = 0; a < 256; ++a) {
    for (unsigned b = 0; b < 256; ++b) {
      const auto x = static_cast<std::uint8_t>(a);
      const auto y = static_cast<std::uint8_t>(b);
      if (Mul(x, y) != keyrite::testing::ReferenceMul(x, y)) ++wrong;
    }
  }
  EXPECT_EQ(wrong, 0);
}

TEST(Gf256Test, EveryNonZeroElementHasItsInverse) {
  EXPECT_EQ(Inv(0), 0);
  for (unsigned a = 1; a < 256; ++a) {
    const auto x = static_cast<std::uint8_t>(a);
    EXPECT_EQ(keyrite::testing::ReferenceMul(x, Inv(x)), 1) << "a = " << a;
    EXPECT_EQ(Inv(Inv(x)), x) << "a = " << a;
  }
  // SubBytes (FIPS-197 5.1.1) is the inverse followed by an affine map; the standard worked
  // example S({53}) = {ed} goes through {53}^-1 = {ca}. John D. Cook's published table of
  // GF(2^8) inverses (johndcook.com/gf256_inverses.txt) gives {11}^-1 = {b4}.
  EXPECT_EQ(Inv(0x53), 0xCA);
  EXPECT_EQ(Inv(0x11), 0xB4);
}

TEST(Gf256Test, AddIsXorAndItsOwnInverse) {
  for (unsigned a = 0; a < 256; ++a) {
    for (unsigned b = 0; b < 256; b += 7) {
      const auto x = static_cast<std::uint8_t>(a);
      const auto y = static_cast<std::uint8_t>(b);
      EXPECT_EQ(Add(x, y), x ^ y);
      EXPECT_EQ(Add(Add(x, y), y), x);
    }
  }
}

TEST(Gf256Test, FieldLawsHoldOnSamples) {
  SeededRng rng(11);
  for (int i = 0; i < 20000; ++i) {
    std::uint8_t v[3];
    rng.Fill(v);
    const std::uint8_t a = v[0], b = v[1], c = v[2];
    EXPECT_EQ(Mul(a, b), Mul(b, a));
    EXPECT_EQ(Mul(Mul(a, b), c), Mul(a, Mul(b, c)));
    EXPECT_EQ(Mul(a, Add(b, c)), Add(Mul(a, b), Mul(a, c)));
    EXPECT_EQ(Mul(a, 1), a);
    EXPECT_EQ(Mul(a, 0), 0);
  }
}

TEST(Gf256Test, MulAddMatchesMulForEveryLengthUpTo300) {
  SeededRng rng(12);
  for (std::size_t len = 0; len <= 300; ++len) {
    std::vector<std::uint8_t> acc(len), x(len);
    rng.Fill(acc);
    rng.Fill(x);
    std::uint8_t scalar;
    rng.Fill(std::span(&scalar, 1));
    std::vector<std::uint8_t> expected = acc;
    for (std::size_t i = 0; i < len; ++i) expected[i] ^= keyrite::testing::ReferenceMul(scalar, x[i]);
    MulAdd(acc, x, scalar);
    EXPECT_EQ(acc, expected) << "length " << len << ", scalar " << int{scalar};
  }
}

TEST(Gf256Test, MulAddCoversEveryScalarAndByte) {
  std::vector<std::uint8_t> x(256);
  for (unsigned i = 0; i < 256; ++i) x[i] = static_cast<std::uint8_t>(i);
  for (unsigned s = 0; s < 256; ++s) {
    std::vector<std::uint8_t> acc(256, 0x5A);
    MulAdd(acc, x, static_cast<std::uint8_t>(s));
    for (unsigned i = 0; i < 256; ++i) {
      ASSERT_EQ(acc[i], 0x5A ^ keyrite::testing::ReferenceMul(static_cast<std::uint8_t>(s), x[i]))
          << "scalar " << s << ", byte " << i;
    }
  }
}

TEST(Gf256DeathTest, MulAddRejectsDifferentLengths) {
  std::vector<std::uint8_t> acc(4), x(5);
  EXPECT_DEATH(MulAdd(acc, x, 3), "acc.size\\(\\) == x.size\\(\\)");
}

}  // namespace
}  // namespace keyrite::gf256
