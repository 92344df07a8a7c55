// Tests for the shamir module: split-then-interpolate over every quorum of small sets, a
// hand-built polynomial evaluated with an independent multiply, parameter limits, randomness.

#include "shamir/shamir.h"

#include <gtest/gtest.h>

#include "gf256_reference.h"

#include <bit>
#include <cstdint>
#include <vector>

#include "base/rng.h"

namespace keyrite::shamir {
namespace {

using secmem::SecureBytes;

// c[0] + c[1] x + c[2] x^2 + ..., term by term.
std::uint8_t SlowEvaluate(const std::vector<std::uint8_t>& c, std::uint8_t x) {
  std::uint8_t sum = 0, power = 1;
  for (const std::uint8_t coefficient : c) {
    sum ^= keyrite::testing::ReferenceMul(coefficient, power);
    power = keyrite::testing::ReferenceMul(power, x);
  }
  return sum;
}

SecureBytes RandomBytes(std::size_t size, std::uint64_t seed) {
  SecureBytes out(size);
  SeededRng rng(seed);
  rng.Fill(out.span());
  return out;
}

Point CopyPoint(const Point& p) { return {p.x, SecureBytes::CopyOf(p.y.span())}; }

std::vector<Point> Subset(const std::vector<Point>& points, unsigned mask) {
  std::vector<Point> out;
  for (std::size_t i = 0; i < points.size(); ++i) {
    if ((mask >> i) & 1u) out.push_back(CopyPoint(points[i]));
  }
  return out;
}

std::vector<std::uint8_t> Bytes(const SecureBytes& b) { return {b.span().begin(), b.span().end()}; }

TEST(ShamirTest, InterpolatesAHandBuiltPolynomial) {
  // f(x) = 53 + ca x + 57 x^2 per byte (second byte: 00 + 01 x + ff x^2), evaluated here.
  const std::vector<std::vector<std::uint8_t>> polys = {{0x53, 0xCA, 0x57}, {0x00, 0x01, 0xFF}};
  std::vector<Point> points;
  for (const std::uint8_t x : std::vector<std::uint8_t>{7, 200, 31}) {
    SecureBytes y(2);
    for (std::size_t b = 0; b < 2; ++b) y[b] = SlowEvaluate(polys[b], x);
    points.push_back({x, std::move(y)});
  }
  for (const std::uint8_t at : std::vector<std::uint8_t>{0, 1, 4, 255}) {
    Result<SecureBytes> value = Interpolate(points, at);
    ASSERT_TRUE(value.ok());
    EXPECT_EQ((*value)[0], SlowEvaluate(polys[0], at)) << "at " << int{at};
    EXPECT_EQ((*value)[1], SlowEvaluate(polys[1], at)) << "at " << int{at};
  }
}

TEST(ShamirTest, EveryQuorumOfSmallSetsRecombines) {
  const SecureBytes secret = RandomBytes(40, 1);
  for (unsigned n = 1; n <= 7; ++n) {
    for (unsigned t = 1; t <= n; ++t) {
      SeededRng rng(100 * n + t);
      auto points =
          Split(secret.span(), static_cast<std::uint8_t>(t), static_cast<std::uint8_t>(n), rng);
      ASSERT_TRUE(points.ok());
      ASSERT_EQ(points->size(), n);
      for (unsigned mask = 1; mask < (1u << n); ++mask) {
        if (static_cast<unsigned>(std::popcount(mask)) < t) continue;
        auto value = Interpolate(Subset(*points, mask), 0);
        ASSERT_TRUE(value.ok());
        EXPECT_EQ(Bytes(*value), Bytes(secret)) << t << "-of-" << n << " mask " << mask;
      }
    }
  }
}

TEST(ShamirTest, PointsAreAtOneToCountAndLieOnOnePolynomial) {
  const SecureBytes secret = RandomBytes(10, 2);
  SeededRng rng(3);
  auto points = Split(secret.span(), 3, 6, rng);
  ASSERT_TRUE(points.ok());
  for (std::size_t i = 0; i < points->size(); ++i) {
    EXPECT_EQ((*points)[i].x, i + 1);
    EXPECT_EQ((*points)[i].y.size(), secret.size());
  }
  // Degree t-1: the first three points predict the other three exactly.
  const auto quorum = Subset(*points, 0b000111);
  for (std::size_t i = 3; i < 6; ++i) {
    auto predicted = Interpolate(quorum, (*points)[i].x);
    ASSERT_TRUE(predicted.ok());
    EXPECT_EQ(Bytes(*predicted), Bytes((*points)[i].y));
  }
}

TEST(ShamirTest, FewerThanThresholdPointsDoNotGiveTheSecret) {
  const SecureBytes secret = RandomBytes(64, 4);
  SeededRng rng(5);
  auto points = Split(secret.span(), 4, 5, rng);
  ASSERT_TRUE(points.ok());
  auto value = Interpolate(Subset(*points, 0b00111), 0);
  ASSERT_TRUE(value.ok());
  EXPECT_NE(Bytes(*value), Bytes(secret));
}

TEST(ShamirTest, ThresholdOneCopiesTheSecret) {
  const SecureBytes secret = RandomBytes(20, 6);
  SeededRng rng(7);
  auto points = Split(secret.span(), 1, 3, rng);
  ASSERT_TRUE(points.ok());
  for (const Point& p : *points) EXPECT_EQ(Bytes(p.y), Bytes(secret));
}

TEST(ShamirTest, LongSecretsUseFreshCoefficientsInEveryChunk) {
  // An all-zero secret makes each y byte the random part alone: repeats would show reuse.
  const SecureBytes secret(10000);
  SeededRng rng(8);
  auto points = Split(secret.span(), 2, 3, rng);
  ASSERT_TRUE(points.ok());
  const auto y = Bytes((*points)[0].y);
  EXPECT_FALSE(std::equal(y.begin(), y.begin() + 4096, y.begin() + 4096));
  EXPECT_FALSE(std::equal(y.begin() + 4096, y.begin() + 4096 + 1808, y.begin() + 8192));
  auto value = Interpolate(Subset(*points, 0b110), 0);
  ASSERT_TRUE(value.ok());
  EXPECT_EQ(Bytes(*value), Bytes(secret));
}

TEST(ShamirTest, SharesAreRandomAndReproducibleFromTheSeed) {
  const SecureBytes secret = RandomBytes(32, 9);
  SeededRng a(10), b(10), c(11);
  auto pa = Split(secret.span(), 2, 3, a);
  auto pb = Split(secret.span(), 2, 3, b);
  auto pc = Split(secret.span(), 2, 3, c);
  ASSERT_TRUE(pa.ok() && pb.ok() && pc.ok());
  EXPECT_EQ(Bytes((*pa)[0].y), Bytes((*pb)[0].y));
  EXPECT_NE(Bytes((*pa)[0].y), Bytes((*pc)[0].y));
  EXPECT_NE(Bytes((*pa)[0].y), Bytes(secret));
}

TEST(ShamirTest, RefusesBadParameters) {
  SeededRng rng(12);
  const SecureBytes one(1);
  EXPECT_EQ(Split(one.span(), 0, 3, rng).status().kind(), ErrorKind::kInvalidArgument);
  EXPECT_EQ(Split(one.span(), 4, 3, rng).status().kind(), ErrorKind::kInvalidArgument);
  EXPECT_EQ(Split(one.span(), 1, 0, rng).status().kind(), ErrorKind::kInvalidArgument);
  EXPECT_EQ(Split({}, 2, 3, rng).status().kind(), ErrorKind::kInvalidArgument);
  const SecureBytes too_long(kMaxSecretBytes + 1);
  EXPECT_EQ(Split(too_long.span(), 2, 3, rng).status().kind(), ErrorKind::kInvalidArgument);
  EXPECT_TRUE(Split(one.span(), 255, 255, rng).ok());
}

TEST(ShamirTest, TakesTheLongestSecret) {
  const SecureBytes secret = RandomBytes(kMaxSecretBytes, 13);
  SeededRng rng(14);
  auto points = Split(secret.span(), 2, 2, rng);
  ASSERT_TRUE(points.ok());
  auto value = Interpolate(*points, 0);
  ASSERT_TRUE(value.ok());
  EXPECT_EQ(Bytes(*value), Bytes(secret));
}

TEST(ShamirTest, InterpolateRefusesEmptyOrUnevenPoints) {
  EXPECT_EQ(Interpolate({}, 0).status().kind(), ErrorKind::kInvalidArgument);
  std::vector<Point> uneven;
  uneven.push_back({1, SecureBytes(3)});
  uneven.push_back({2, SecureBytes(4)});
  EXPECT_EQ(Interpolate(uneven, 0).status().kind(), ErrorKind::kInvalidArgument);
  std::vector<Point> empty_y;
  empty_y.push_back({1, SecureBytes()});
  EXPECT_EQ(Interpolate(empty_y, 0).status().kind(), ErrorKind::kInvalidArgument);
}

TEST(ShamirDeathTest, InterpolateAbortsOnRepeatedX) {
  std::vector<Point> points;
  points.push_back({5, SecureBytes(2)});
  points.push_back({5, SecureBytes(2)});
  EXPECT_DEATH((void)Interpolate(points, 0), "DistinctX");
}

}  // namespace
}  // namespace keyrite::shamir
