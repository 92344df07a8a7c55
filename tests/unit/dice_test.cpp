// Tests for keys/dice.h: parsing typed rolls, the minimum counts, and that the mixed generator
// depends on both the base source and the rolls (so either one suffices).

#include "keys/dice.h"

#include <gtest/gtest.h>

#include <array>
#include <string>

#include "base/digest.h"
#include "base/hex.h"

namespace keyrite::keys {
namespace {

using secmem::SecureBytes;

std::string Stream(Rng& rng) {
  std::array<std::uint8_t, 80> out{};
  rng.Fill(out);
  return ToHex(out);
}

DiceRolls Rolls(const std::string& text, std::size_t minimum = 1) {
  auto r = ParseDiceRolls(SecureBytes::CopyOf(text), minimum);
  KR_CHECK(r.ok());
  return std::move(r).value();
}

TEST(DiceTest, MinimumRollsCoverTheEntropy) {
  EXPECT_EQ(MinimumDiceRolls(128), 50U);  // 49.5 rolls -> 50
  EXPECT_EQ(MinimumDiceRolls(256), 100U);  // 99.04 rolls -> 100
  EXPECT_EQ(MinimumDiceRolls(1024), 100U);  // capped: the generator key is 256 bits
  for (std::size_t bits = 1; bits <= 256; ++bits) {
    const std::size_t n = MinimumDiceRolls(bits);
    EXPECT_GE(static_cast<double>(n) * kBitsPerDieRoll, static_cast<double>(bits)) << bits;
    EXPECT_LT(static_cast<double>(n - 1) * kBitsPerDieRoll, static_cast<double>(bits)) << bits;
  }
}

TEST(DiceTest, SeparatorsAreIgnoredAndTheDigestIsOfTheDigits) {
  const DiceRolls a = Rolls("1 2 3,4\t5\n6 66");
  EXPECT_EQ(a.count, 8U);
  const Sha256Digest want = Sha256(std::string_view("12345666"));
  EXPECT_EQ(ToHex(a.digest.span()), ToHex(want));
  EXPECT_EQ(ToHex(Rolls("12345666").digest.span()), ToHex(want));
}

TEST(DiceTest, BadCharactersAreNamedByPositionOnly) {
  for (const auto& [text, position] : std::vector<std::pair<std::string, std::string>>{
           {"1230", "character 4"}, {"12 7 1", "character 4"}, {"a", "character 1"},
           {"111111x0", "character 7"}}) {
    auto r = ParseDiceRolls(SecureBytes::CopyOf(text), 1);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().kind(), ErrorKind::kInvalidInput);
    EXPECT_NE(r.status().message().find(position), std::string::npos) << r.status().message();
  }
}

TEST(DiceTest, TooFewRollsSayHowManyMore) {
  auto r = ParseDiceRolls(SecureBytes::CopyOf(std::string(45, '3')), 50);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("roll 5 more"), std::string::npos) << r.status().message();
  EXPECT_TRUE(ParseDiceRolls(SecureBytes::CopyOf(std::string(50, '3')), 50).ok());
}

TEST(DiceTest, OutputDependsOnBothSources) {
  SeededRng os1(1), os1_again(1), os2(2);
  const DiceRolls rolls = Rolls("123456"), other = Rolls("123465");
  MixedRng a = MixedRng::FromOs(os1, &rolls);
  MixedRng same = MixedRng::FromOs(os1_again, &rolls);
  MixedRng b = MixedRng::FromOs(os2, &rolls);
  SeededRng os1_third(1);
  MixedRng c = MixedRng::FromOs(os1_third, &other);
  const std::string sa = Stream(a);
  EXPECT_EQ(sa, Stream(same));
  EXPECT_NE(sa, Stream(b));
  EXPECT_NE(sa, Stream(c));
  EXPECT_NE(Stream(a), sa);  // the stream moves on
}

TEST(DiceTest, EntropyFileReplayIsDeterministic) {
  const SecureBytes file = SecureBytes::CopyOf(std::string(40, 'k'));
  const DiceRolls rolls = Rolls("654321");
  auto a = MixedRng::FromEntropyFile(file, &rolls);
  auto b = MixedRng::FromEntropyFile(file, &rolls);
  auto no_dice = MixedRng::FromEntropyFile(file, nullptr);
  ASSERT_TRUE(a.ok() && b.ok() && no_dice.ok());
  const std::string sa = Stream(*a);
  EXPECT_EQ(sa, Stream(*b));
  EXPECT_NE(sa, Stream(*no_dice));
  auto tiny = MixedRng::FromEntropyFile(SecureBytes::CopyOf(std::string(31, 'k')), nullptr);
  EXPECT_EQ(tiny.status().kind(), ErrorKind::kInvalidInput);
}

}  // namespace
}  // namespace keyrite::keys
