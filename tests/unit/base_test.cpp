// Tests for lib/base: Status/Result, hex/base64, SHA-256, randomness, clock.

#include <gtest/gtest.h>

#include <memory>
#include <set>

#include "base/clock.h"
#include "base/digest.h"
#include "base/exit_code.h"
#include "base/hex.h"
#include "base/rng.h"
#include "base/status.h"

namespace keyrite {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) return InvalidInput(std::to_string(x) + " is odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  KR_ASSIGN_OR_RETURN(const int half, Half(x));
  return Half(half);
}

TEST(Status, OkAndErrors) {
  EXPECT_TRUE(OkStatus().ok());
  const Status s = Corrupt("bad").WithContext("file.txt");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.kind(), ErrorKind::kCorrupt);
  EXPECT_EQ(s.message(), "file.txt: bad");
}

TEST(Result, PropagatesTheFirstError) {
  EXPECT_EQ(*Quarter(8), 2);
  const Result<int> r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "3 is odd");
}

TEST(Result, HoldsMoveOnlyValues) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(5);
  ASSERT_TRUE(r.ok());
  std::unique_ptr<int> p = std::move(r).value();
  EXPECT_EQ(*p, 5);
}

TEST(ExitCode, EveryKindHasItsOwnCode) {
  std::set<int> seen;
  for (int k = 0; k <= static_cast<int>(ErrorKind::kInternal); ++k) {
    seen.insert(static_cast<int>(ExitCodeFor(static_cast<ErrorKind>(k))));
  }
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(ErrorKind::kInternal) + 1);
  EXPECT_EQ(static_cast<int>(ExitCodeFor(ErrorKind::kInsufficient)), 5);
  EXPECT_EQ(static_cast<int>(ExitCodeFor(ErrorKind::kExists)), 9);
}

TEST(Hex, RoundTripAndErrors) {
  const std::vector<std::uint8_t> bytes = {0x00, 0x7f, 0x80, 0xff};
  EXPECT_EQ(ToHex(bytes), "007f80ff");
  EXPECT_EQ(*FromHex("0x007F80ff"), bytes);
  EXPECT_FALSE(FromHex("abc").ok());
  EXPECT_TRUE(FromHex("")->empty());
  const auto bad = FromHex("00zz");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("position 3"), std::string::npos);
}

TEST(Base64, Rfc4648Vectors) {
  // RFC 4648 section 10.
  const std::string in = "foobar";
  const std::vector<std::uint8_t> bytes(in.begin(), in.end());
  EXPECT_EQ(ToBase64(bytes), "Zm9vYmFy");
  EXPECT_EQ(ToBase64(std::span(bytes).first(4)), "Zm9vYg==");
  EXPECT_EQ(*FromBase64("Zm9vYg=="), std::vector<std::uint8_t>(bytes.begin(), bytes.begin() + 4));
  EXPECT_FALSE(FromBase64("Zm9v!").ok());
}

TEST(Sha256, FipsVectors) {
  // FIPS 180-2 appendix B.1 and the empty string.
  EXPECT_EQ(ToHex(Sha256(std::string_view("abc"))),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(ToHex(Sha256(std::string_view(""))),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256, MissingFileIsNotFound) {
  const auto r = Sha256File("/nonexistent/keyrite");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().kind(), ErrorKind::kNotFound);
}

TEST(Rng, SeededIsReproducibleAndSeedsDiffer) {
  SeededRng a(1), b(1), c(2);
  std::array<std::uint8_t, 64> x{}, y{}, z{};
  a.Fill(x);
  b.Fill(y);
  c.Fill(z);
  EXPECT_EQ(x, y);
  EXPECT_NE(x, z);
  a.Fill(x);
  EXPECT_NE(x, y);  // the stream moves on
}

TEST(Rng, UniformStaysInRangeAndCoversIt) {
  SeededRng rng(3);
  std::set<std::uint32_t> seen;
  for (int i = 0; i < 2000; ++i) {
    const std::uint32_t v = rng.Uniform(7);
    ASSERT_LT(v, 7u);
    seen.insert(v);
  }
  EXPECT_EQ(seen.size(), 7u);
}

TEST(Rng, SystemRngProducesDifferentBytes) {
  std::array<std::uint8_t, 32> x{}, y{};
  SystemRng().Fill(x);
  SystemRng().Fill(y);
  EXPECT_NE(x, y);
}

TEST(Clock, FormatsUtc) {
  FixedClock clock(1700000000);
  EXPECT_EQ(FormatUtc(clock.NowUnixSeconds()), "2023-11-14T22:13:20Z");
}

}  // namespace
}  // namespace keyrite
