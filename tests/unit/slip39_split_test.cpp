// Tests for lib/slip39 splitting and recovery: round trips of our own splits over every quorum,
// and the sets that must be refused (wrong word or checksum, mixed sets, below threshold,
// duplicates, a wrong extra share, unencodable parameters). Fixed seeds make every run the same.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/hex.h"
#include "base/rng.h"
#include "slip39/mnemonic.h"
#include "slip39/slip39.h"

namespace keyrite::slip39 {
namespace {

std::vector<std::uint8_t> Bytes(std::string_view text) { return {text.begin(), text.end()}; }

const std::vector<std::uint8_t> kSecret = Bytes("0123456789abcdefFEDCBA9876543210");

SplitParameters Single(std::uint8_t threshold, std::uint8_t count) {
  SplitParameters p;
  p.groups = {{threshold, count}};
  p.iteration_exponent = 0;  // fast tests; the exponent itself is covered by the vectors
  return p;
}

Mnemonics SplitOk(const SplitParameters& p, std::uint64_t seed, std::string_view passphrase = "") {
  SeededRng rng(seed);
  Result<Mnemonics> m = Split(kSecret, Bytes(passphrase), p, rng);
  EXPECT_TRUE(m.ok()) << m.status().message();
  return m.ok() ? std::move(m).value() : Mnemonics{};
}

SourcedMnemonic Copy(const Mnemonics& m, std::size_t group, std::size_t member) {
  return {"g" + std::to_string(group + 1) + "m" + std::to_string(member + 1),
          secmem::SecureBytes::CopyOf(m[group][member].view())};
}

template <typename... M>
std::vector<SourcedMnemonic> V(M&&... m) {
  std::vector<SourcedMnemonic> v;
  (v.push_back(std::forward<M>(m)), ...);
  return v;
}

Result<Recovered> CombineOf(const std::vector<SourcedMnemonic>& given,
                            std::string_view passphrase = "") {
  return Combine(given, Bytes(passphrase));
}

void ExpectSecret(const Result<Recovered>& r) {
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(ToHex(r->secret.span()), ToHex(kSecret));
}

// Every subset of `size` members of group 0, recombined.
void ExpectEverySubset(const Mnemonics& m, std::size_t size) {
  const std::size_t n = m[0].size();
  for (unsigned mask = 0; mask < (1u << n); ++mask) {
    if (static_cast<std::size_t>(__builtin_popcount(mask)) != size) continue;
    std::vector<SourcedMnemonic> given;
    for (std::size_t i = 0; i < n; ++i) {
      if (mask & (1u << i)) given.push_back(Copy(m, 0, i));
    }
    ExpectSecret(CombineOf(given));
  }
}

TEST(Slip39SplitTest, OneOfOne) {
  const Mnemonics m = SplitOk(Single(1, 1), 1);
  ASSERT_EQ(m.size(), 1u);
  ASSERT_EQ(m[0].size(), 1u);
  ExpectSecret(CombineOf(V(Copy(m, 0, 0))));
}

TEST(Slip39SplitTest, TwoOfThreeEveryPairAndAllThree) {
  const Mnemonics m = SplitOk(Single(2, 3), 2);
  ExpectEverySubset(m, 2);
  ExpectEverySubset(m, 3);
  // Below the threshold: refused, never a wrong secret.
  const Result<Recovered> one = CombineOf(V(Copy(m, 0, 1)));
  ASSERT_FALSE(one.ok());
  EXPECT_EQ(one.status().kind(), ErrorKind::kInsufficient);
  EXPECT_NE(one.status().message().find("1 of the 2 shares"), std::string::npos);
}

TEST(Slip39SplitTest, ThreeOfFiveEveryTriple) {
  const Mnemonics m = SplitOk(Single(3, 5), 3);
  ExpectEverySubset(m, 3);
  ExpectEverySubset(m, 5);
  EXPECT_FALSE(CombineOf(V(Copy(m, 0, 0), Copy(m, 0, 4))).ok());
}

TEST(Slip39SplitTest, TwoLevelGroups) {
  SplitParameters p;
  p.group_threshold = 2;
  p.groups = {{2, 3}, {3, 5}};
  p.iteration_exponent = 0;
  const Mnemonics m = SplitOk(p, 4, "correct horse");
  ASSERT_EQ(m.size(), 2u);
  ASSERT_EQ(m[1].size(), 5u);
  ExpectSecret(
      CombineOf(V(Copy(m, 0, 2), Copy(m, 1, 4), Copy(m, 0, 0), Copy(m, 1, 1), Copy(m, 1, 3)),
                "correct horse"));
  // One complete group only: the group threshold is not met.
  const Result<Recovered> one_group = CombineOf(V(Copy(m, 0, 0), Copy(m, 0, 1)), "correct horse");
  ASSERT_FALSE(one_group.ok());
  EXPECT_EQ(one_group.status().kind(), ErrorKind::kInsufficient);
  // Both groups present but the second short of its threshold.
  const Result<Recovered> short_group =
      CombineOf(V(Copy(m, 0, 0), Copy(m, 0, 1), Copy(m, 1, 0), Copy(m, 1, 1)), "correct horse");
  ASSERT_FALSE(short_group.ok());
  EXPECT_NE(short_group.status().message().find("group 2 has 2 of the 3"), std::string::npos)
      << short_group.status().message();
}

TEST(Slip39SplitTest, PassphraseChangesTheSecretAndExtendableRoundTrips) {
  SplitParameters p = Single(2, 3);
  p.extendable = true;
  const Mnemonics m = SplitOk(p, 5, "TREZOR");
  const Result<Recovered> right = CombineOf(V(Copy(m, 0, 0), Copy(m, 0, 2)), "TREZOR");
  ExpectSecret(right);
  EXPECT_TRUE(right->set.extendable);
  // SLIP-39 passphrases have no check: a wrong one gives another secret (by design).
  const Result<Recovered> wrong = CombineOf(V(Copy(m, 0, 0), Copy(m, 0, 2)), "trezor");
  ASSERT_TRUE(wrong.ok());
  EXPECT_NE(ToHex(wrong->secret.span()), ToHex(kSecret));
}

TEST(Slip39SplitTest, SameSeedSameShares) {
  const Mnemonics a = SplitOk(Single(2, 3), 9);
  const Mnemonics b = SplitOk(Single(2, 3), 9);
  EXPECT_EQ(a[0][1].view(), b[0][1].view());
}

TEST(Slip39SplitTest, MixedIdentifiersAreRefused) {
  const Mnemonics a = SplitOk(Single(2, 3), 10);
  const Mnemonics b = SplitOk(Single(2, 3), 11);
  const Result<Recovered> r = CombineOf(V(Copy(a, 0, 0), Copy(b, 0, 1)));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().kind(), ErrorKind::kMismatch);
  EXPECT_NE(r.status().message().find("different SLIP-39 sets"), std::string::npos);
}

TEST(Slip39SplitTest, DuplicateMemberIsRefused) {
  const Mnemonics m = SplitOk(Single(2, 3), 12);
  std::vector<SourcedMnemonic> given = V(Copy(m, 0, 1), Copy(m, 0, 1));
  given[1].origin = "again.txt";
  const Result<Recovered> r = CombineOf(given);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().kind(), ErrorKind::kMismatch);
  EXPECT_EQ(r.status().message(),
            "again.txt repeats member 2 of group 1 (also g1m2); give each share once");
}

TEST(Slip39SplitTest, WrongWordAndChecksumNameTheShare) {
  const Mnemonics m = SplitOk(Single(2, 3), 13);
  std::string text(m[0][1].view());
  const std::size_t fifth = [&] {
    std::size_t pos = 0;
    for (int i = 0; i < 4; ++i) pos = text.find(' ', pos) + 1;
    return pos;
  }();
  const std::size_t end = text.find(' ', fifth);
  const std::string word = text.substr(fifth, end - fifth);
  std::string bad_word = text;
  bad_word.replace(fifth, word.size(), "qqq");
  Result<Recovered> r = CombineOf(
      V(Copy(m, 0, 0), SourcedMnemonic{"share 2", secmem::SecureBytes::CopyOf(bad_word)}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "share 2: word 5 \"qqq\" is not in the SLIP-39 word list");
  std::string other = text;
  other.replace(fifth, word.size(), word == "zero" ? "academic" : "zero");
  r = CombineOf(V(Copy(m, 0, 0), SourcedMnemonic{"share 2", secmem::SecureBytes::CopyOf(other)}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().kind(), ErrorKind::kCorrupt);
  EXPECT_NE(r.status().message().find("share 2: the checksum"), std::string::npos);
}

// A share re-encoded with a valid checksum but a wrong value: as an extra share beyond the
// threshold it is caught by the agreement check; inside a quorum, by SLIP-39's digest.
TEST(Slip39SplitTest, WrongExtraShareIsFound) {
  const Mnemonics m = SplitOk(Single(2, 3), 14);
  Result<Share> s = DecodeMnemonic(m[0][2].view(), "x");
  ASSERT_TRUE(s.ok());
  s->value[3] ^= 0x40;
  const SourcedMnemonic forged{"forged.txt", EncodeMnemonic(*s)};
  Result<Recovered> r =
      CombineOf(V(Copy(m, 0, 0), Copy(m, 0, 1),
                  SourcedMnemonic{forged.origin, secmem::SecureBytes::CopyOf(forged.text.view())}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().kind(), ErrorKind::kCorrupt);
  EXPECT_NE(r.status().message().find("forged.txt does not agree"), std::string::npos)
      << r.status().message();
  r = CombineOf(V(Copy(m, 0, 0),
                  SourcedMnemonic{forged.origin, secmem::SecureBytes::CopyOf(forged.text.view())}));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("digest"), std::string::npos) << r.status().message();
}

TEST(Slip39SplitTest, UnencodableParametersAreRefused) {
  SeededRng rng(15);
  SplitParameters p = Single(2, 3);
  p.iteration_exponent = 16;
  Result<Mnemonics> r = Split(kSecret, {}, p, rng);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().kind(), ErrorKind::kInvalidArgument);
  EXPECT_NE(r.status().message().find("iteration exponent"), std::string::npos);
  EXPECT_FALSE(Split(kSecret, {}, Single(1, 3), rng).ok());   // 1-of-3 is not allowed
  EXPECT_FALSE(Split(kSecret, {}, Single(2, 17), rng).ok());  // 16 members at most
  EXPECT_FALSE(Split(Bytes("short"), {}, Single(2, 3), rng).ok());
  EXPECT_FALSE(Split(Bytes("0123456789abcdefX"), {}, Single(2, 3), rng).ok());  // odd length
  EXPECT_FALSE(Split(kSecret, Bytes("caf\xc3\xa9"), Single(2, 3), rng).ok());
  p = Single(2, 3);
  p.group_threshold = 2;
  EXPECT_FALSE(Split(kSecret, {}, p, rng).ok());  // more groups needed than exist
}

}  // namespace
}  // namespace keyrite::slip39
