// Tests for the share_set module: every quorum of every small set recombines; every way a set can
// be wrong (too few, mixed, forged, duplicated, conflicting, corrupted, an extra share off the
// polynomial) fails with its own kind and names the share; the commitment is recomputed here
// from its description in docs/shamir.md.

#include "share/share_set.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <bit>
#include <string>
#include <vector>

#include "base/base32.h"
#include "base/rng.h"

namespace keyrite::share {
namespace {

using secmem::SecureBytes;

SecureBytes RandomSecret(std::size_t size, std::uint64_t seed) {
  SecureBytes out(size);
  SeededRng rng(seed);
  rng.Fill(out.span());
  return out;
}

std::vector<std::uint8_t> Bytes(std::span<const std::uint8_t> b) { return {b.begin(), b.end()}; }

Share Copy(const Share& s) {
  return {s.set_id, s.threshold, s.index, SecureBytes::CopyOf(s.payload.span())};
}

// Shares picked by position (0-based) and named "share<index>".
std::vector<SourcedShare> Pick(const std::vector<Share>& shares, std::vector<std::size_t> which) {
  std::vector<SourcedShare> out;
  for (const std::size_t i : which) {
    out.push_back({"share" + std::to_string(shares[i].index), Copy(shares[i])});
  }
  return out;
}

std::vector<Share> SplitOk(const SecureBytes& secret, unsigned t, unsigned n, std::uint64_t seed) {
  SeededRng rng(seed);
  auto shares =
      SplitSecret(secret.span(), static_cast<std::uint8_t>(t), static_cast<std::uint8_t>(n), rng);
  EXPECT_TRUE(shares.ok()) << shares.status().message();
  return shares.ok() ? std::move(shares).value() : std::vector<Share>{};
}

TEST(ShareSetTest, EveryQuorumOfEverySmallSetRecombines) {
  for (unsigned n = 1; n <= 7; ++n) {
    for (unsigned t = 1; t <= n; ++t) {
      const SecureBytes secret = RandomSecret(32, n * 8 + t);
      const auto shares = SplitOk(secret, t, n, 1000 + n * 8 + t);
      ASSERT_EQ(shares.size(), n);
      for (unsigned mask = 1; mask < (1u << n); ++mask) {
        std::vector<std::size_t> which;
        for (std::size_t i = 0; i < n; ++i) {
          if ((mask >> i) & 1u) which.push_back(i);
        }
        auto combined = CombineShares(Pick(shares, which));
        if (which.size() >= t) {
          ASSERT_TRUE(combined.ok())
              << t << "-of-" << n << " mask " << mask << ": " << combined.status().message();
          EXPECT_EQ(Bytes(combined->span()), Bytes(secret.span()));
        } else {
          EXPECT_EQ(combined.status().kind(), ErrorKind::kInsufficient);
        }
      }
    }
  }
}

TEST(ShareSetTest, FewerThanThresholdSaysHowManyAreNeeded) {
  const SecureBytes secret = RandomSecret(16, 1);
  const auto shares = SplitOk(secret, 3, 5, 2);
  auto combined = CombineShares(Pick(shares, {4, 1}));
  EXPECT_EQ(combined.status().kind(), ErrorKind::kInsufficient);
  EXPECT_EQ(combined.status().message().rfind("need 3 shares, got 2", 0), 0u)
      << combined.status().message();
  EXPECT_NE(combined.status().message().find(Base32EncodePublic(shares[0].set_id)),
            std::string::npos);
}

TEST(ShareSetTest, NoSharesIsInvalidInput) {
  auto combined = CombineShares({});
  EXPECT_EQ(combined.status().kind(), ErrorKind::kInvalidInput);
  EXPECT_EQ(combined.status().message(), "no shares given");
}

TEST(ShareSetTest, ShareOfAnotherSplitIsAMismatchNamingBothSets) {
  const SecureBytes secret = RandomSecret(32, 3);
  const auto ours = SplitOk(secret, 2, 3, 4);
  const auto theirs = SplitOk(secret, 2, 3, 5);
  auto given = Pick(ours, {0});
  given.push_back({"other/share2", Copy(theirs[1])});
  auto combined = CombineShares(given);
  EXPECT_EQ(combined.status().kind(), ErrorKind::kMismatch);
  EXPECT_EQ(combined.status().message(),
            "other/share2: belongs to set " + Base32EncodePublic(theirs[0].set_id) +
                ", but share1 belongs to set " + Base32EncodePublic(ours[0].set_id) +
                "; shares of different splits cannot be combined");
}

TEST(ShareSetTest, ShareOfAnotherSplitWithForgedSetIdIsCorrupt) {
  const SecureBytes secret = RandomSecret(32, 6);
  const auto ours = SplitOk(secret, 2, 3, 7);
  auto theirs = SplitOk(secret, 2, 3, 8);
  theirs[1].set_id = ours[0].set_id;
  auto given = Pick(ours, {0});
  given.push_back({"other/share2", Copy(theirs[1])});
  auto combined = CombineShares(given);
  EXPECT_EQ(combined.status().kind(), ErrorKind::kCorrupt);
  EXPECT_EQ(combined.status().message(),
            "the shares do not recombine to a valid secret: at least one is corrupt or from "
            "another split");
}

TEST(ShareSetTest, ForgedShareAmongMoreThanThresholdIsNamed) {
  const SecureBytes secret = RandomSecret(32, 9);
  const auto ours = SplitOk(secret, 2, 4, 10);
  auto theirs = SplitOk(secret, 2, 4, 11);
  theirs[2].set_id = ours[0].set_id;
  std::vector<SourcedShare> given;
  given.push_back({"other/share3", Copy(theirs[2])});
  for (auto& s : Pick(ours, {0, 3})) given.push_back(std::move(s));
  auto combined = CombineShares(given);
  EXPECT_EQ(combined.status().kind(), ErrorKind::kCorrupt);
  EXPECT_EQ(combined.status().message().rfind("other/share3: ", 0), 0u)
      << combined.status().message();
}

TEST(ShareSetTest, DifferentThresholdsOrLengthsAreMismatches) {
  const SecureBytes secret = RandomSecret(32, 12);
  const auto shares = SplitOk(secret, 2, 3, 13);
  auto given = Pick(shares, {0, 1});
  given[1].share.threshold = 3;
  EXPECT_EQ(CombineShares(given).status().kind(), ErrorKind::kMismatch);
  EXPECT_NE(CombineShares(given).status().message().find("share2: has threshold 3"),
            std::string::npos);
  given = Pick(shares, {0, 1});
  given[1].share.payload = SecureBytes(given[0].share.payload.size() + 1);
  EXPECT_EQ(CombineShares(given).status().kind(), ErrorKind::kMismatch);
  EXPECT_NE(CombineShares(given).status().message().find("share2: holds 49 payload bytes"),
            std::string::npos);
}

TEST(ShareSetTest, DuplicateShareIsAMismatch) {
  const SecureBytes secret = RandomSecret(32, 14);
  const auto shares = SplitOk(secret, 3, 5, 15);
  auto given = Pick(shares, {0, 2, 3});
  given.push_back({"copy-of-3", Copy(shares[2])});
  auto combined = CombineShares(given);
  EXPECT_EQ(combined.status().kind(), ErrorKind::kMismatch);
  EXPECT_EQ(combined.status().message(), "copy-of-3: duplicates share 3 (share3)");
}

TEST(ShareSetTest, SameIndexWithDifferentPayloadIsCorrupt) {
  const SecureBytes secret = RandomSecret(32, 16);
  const auto shares = SplitOk(secret, 2, 3, 17);
  auto given = Pick(shares, {0, 1});
  given.push_back({"altered-2", Copy(shares[1])});
  given.back().share.payload[5] ^= 0x40;
  auto combined = CombineShares(given);
  EXPECT_EQ(combined.status().kind(), ErrorKind::kCorrupt);
  EXPECT_NE(combined.status().message().find("share2 and altered-2 are both share 2"),
            std::string::npos);
}

TEST(ShareSetTest, EveryFlippedPayloadBitOfAQuorumIsCaught) {
  const SecureBytes secret = RandomSecret(3, 18);
  const auto shares = SplitOk(secret, 2, 3, 19);
  for (std::size_t which = 0; which < 2; ++which) {
    for (std::size_t bit = 0; bit < shares[0].payload.size() * 8; ++bit) {
      auto given = Pick(shares, {0, 1});
      given[which].share.payload[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
      auto combined = CombineShares(given);
      EXPECT_EQ(combined.status().kind(), ErrorKind::kCorrupt) << which << " bit " << bit;
    }
  }
}

TEST(ShareSetTest, CorruptShareAmongMoreThanThresholdIsNamed) {
  const SecureBytes secret = RandomSecret(32, 20);
  const auto shares = SplitOk(secret, 3, 5, 21);
  auto given = Pick(shares, {0, 1, 2, 3});
  given[1].share.payload[0] ^= 1;  // inside the first three: found by leaving one out
  auto combined = CombineShares(given);
  EXPECT_EQ(combined.status().kind(), ErrorKind::kCorrupt);
  EXPECT_EQ(combined.status().message().rfind("share2: does not fit the other shares", 0), 0u)
      << combined.status().message();
}

TEST(ShareSetTest, ExtraShareOffThePolynomialIsNamed) {
  const SecureBytes secret = RandomSecret(32, 22);
  const auto shares = SplitOk(secret, 3, 5, 23);
  auto given = Pick(shares, {0, 1, 2, 3, 4});
  given[4].share.payload[31] ^= 0x80;  // beyond the first three: the commitment still holds
  auto combined = CombineShares(given);
  EXPECT_EQ(combined.status().kind(), ErrorKind::kCorrupt);
  EXPECT_EQ(combined.status().message(),
            "share5: does not lie on the polynomial of the first 3 shares; it is corrupt or from "
            "another split");
}

TEST(ShareSetTest, LoweredThresholdFailsTheCommitment) {
  // A 3-of-5 set relabelled as 2-of-5 interpolates a wrong polynomial from two shares.
  const SecureBytes secret = RandomSecret(32, 24);
  auto given = Pick(SplitOk(secret, 3, 5, 25), {0, 1});
  for (auto& s : given) s.share.threshold = 2;
  EXPECT_EQ(CombineShares(given).status().kind(), ErrorKind::kCorrupt);
}

TEST(ShareSetTest, MalformedSharesAreInvalidInput) {
  const SecureBytes secret = RandomSecret(32, 26);
  const auto shares = SplitOk(secret, 2, 3, 27);
  auto given = Pick(shares, {0, 1});
  given[1].share.index = 0;
  EXPECT_EQ(CombineShares(given).status().kind(), ErrorKind::kInvalidInput);
  given = Pick(shares, {0, 1});
  for (auto& s : given) s.share.payload = SecureBytes(kTagBytes);
  EXPECT_EQ(CombineShares(given).status().kind(), ErrorKind::kInvalidInput);
}

TEST(ShareSetTest, SecretsOfManySizesRoundTrip) {
  for (const std::size_t size : {1u, 16u, 32u, 1000u, 65536u}) {
    const SecureBytes secret = RandomSecret(size, size);
    const auto shares = SplitOk(secret, 3, 5, size + 1);
    ASSERT_EQ(shares.size(), 5u);
    EXPECT_EQ(shares[0].payload.size(), size + kTagBytes);
    auto combined = CombineShares(Pick(shares, {4, 1, 3}));
    ASSERT_TRUE(combined.ok()) << size << ": " << combined.status().message();
    EXPECT_EQ(Bytes(combined->span()), Bytes(secret.span())) << size;
  }
}

TEST(ShareSetTest, RefusesEmptyOrOversizedSecretsAndBadParameters) {
  SeededRng rng(28);
  auto empty = SplitSecret({}, 2, 3, rng);
  EXPECT_EQ(empty.status().kind(), ErrorKind::kInvalidInput);
  EXPECT_EQ(empty.status().message(), "the secret is empty");
  const SecureBytes too_long(kMaxSecretBytes + 1);
  auto refused = SplitSecret(too_long.span(), 2, 3, rng);
  EXPECT_EQ(refused.status().kind(), ErrorKind::kInvalidInput);
  EXPECT_NE(refused.status().message().find("65536"), std::string::npos);
  const SecureBytes secret(8);
  EXPECT_EQ(SplitSecret(secret.span(), 4, 3, rng).status().kind(), ErrorKind::kInvalidArgument);
  EXPECT_EQ(SplitSecret(secret.span(), 0, 3, rng).status().kind(), ErrorKind::kInvalidArgument);
}

TEST(ShareSetTest, SameSeedGivesTheSameShares) {
  const SecureBytes secret = RandomSecret(32, 29);
  const auto a = SplitOk(secret, 3, 5, 30);
  const auto b = SplitOk(secret, 3, 5, 30);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].set_id, b[i].set_id);
    EXPECT_EQ(a[i].threshold, 3);
    EXPECT_EQ(a[i].index, i + 1);
    EXPECT_EQ(Bytes(a[i].payload.span()), Bytes(b[i].payload.span()));
  }
}

TEST(ShareSetTest, OneShareOfTwoIsRandomNotTheSecret) {
  const SecureBytes secret = RandomSecret(32, 31);
  const auto a = SplitOk(secret, 2, 3, 32);
  const auto b = SplitOk(secret, 2, 3, 33);
  EXPECT_NE(a[0].set_id, b[0].set_id);
  EXPECT_NE(Bytes(a[0].payload.span()), Bytes(b[0].payload.span()));
  EXPECT_NE(Bytes(a[0].payload.span().first(32)), Bytes(secret.span()));
}

// The commitment as docs/shamir.md describes it, computed in one piece.
std::vector<std::uint8_t> DocumentedTag(const SetId& id, std::uint8_t t,
                                        std::span<const std::uint8_t> s) {
  std::vector<std::uint8_t> input(kCommitmentDomain.begin(), kCommitmentDomain.end());
  input.insert(input.end(), id.begin(), id.end());
  input.push_back(t);
  input.push_back(static_cast<std::uint8_t>((s.size() >> 8) & 0xFF));
  input.push_back(static_cast<std::uint8_t>(s.size() & 0xFF));
  input.insert(input.end(), s.begin(), s.end());
  std::uint8_t digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, input.data(), input.size());
  return {digest, digest + kTagBytes};
}

TEST(ShareSetTest, ThresholdOneSharesAreTheSecretAndItsCommitment) {
  const SecureBytes secret = RandomSecret(300, 34);
  const auto shares = SplitOk(secret, 1, 3, 35);
  for (const Share& s : shares) {
    EXPECT_EQ(Bytes(s.payload.span().first(300)), Bytes(secret.span()));
    EXPECT_EQ(Bytes(s.payload.span().subspan(300)), DocumentedTag(s.set_id, 1, secret.span()));
    auto combined = CombineShares(Pick(shares, {static_cast<std::size_t>(s.index - 1)}));
    ASSERT_TRUE(combined.ok());
    EXPECT_EQ(Bytes(combined->span()), Bytes(secret.span()));
  }
}

TEST(ShareSetTest, CommitmentTagMatchesItsDescription) {
  const SetId id = {1, 2, 3, 4, 5, 6, 7, 8};
  for (const std::size_t size : {1u, 255u, 256u, 65535u, 65536u}) {
    const SecureBytes secret = RandomSecret(size, 36);
    EXPECT_EQ(Bytes(CommitmentTag(id, 3, secret.span()).span()),
              DocumentedTag(id, 3, secret.span()))
        << size;
  }
  const SecureBytes secret = RandomSecret(32, 37);
  EXPECT_NE(Bytes(CommitmentTag(id, 3, secret.span()).span()),
            Bytes(CommitmentTag(id, 2, secret.span()).span()));
}

}  // namespace
}  // namespace keyrite::share
