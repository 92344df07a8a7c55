#include "share/share_set.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <new>
#include <string>

#include "base/check.h"
#include "shamir/shamir.h"
#include "share/share_v1.h"

namespace keyrite::share {
namespace {

using secmem::SecureBytes;

RevealHook g_reveal_hook = nullptr;

// The outcome of a check on secret bytes is public (the user learns pass or fail); everything
// that led to it stays constant time. See SetRevealHookForTest.
bool Reveal(bool secret_bit) {
  bool bit = secret_bit;
  if (g_reveal_hook != nullptr) g_reveal_hook(&bit, sizeof bit);
  return bit;
}

constexpr char kOtherSplit[] = "; shares of different splits cannot be combined";

// M = S || T, the value that is actually shared.
SecureBytes SharedValue(std::span<const std::uint8_t> secret, const SetId& set_id,
                        std::uint8_t threshold) {
  SecureBytes shared(secret.size() + kTagBytes);
  const SecureBytes tag = CommitmentTag(set_id, threshold, secret);
  std::ranges::copy(secret, shared.data());
  std::ranges::copy(tag.span(), shared.data() + secret.size());
  return shared;
}

// Whether M carries the commitment of its own first part. Constant time; the answer is secret
// until revealed.
bool TagMatches(const SecureBytes& shared, const SetId& set_id, std::uint8_t threshold) {
  const std::size_t len = shared.size() - kTagBytes;
  const SecureBytes expected = CommitmentTag(set_id, threshold, shared.span().first(len));
  return secmem::ConstantTimeEqual(expected.span(), shared.span().subspan(len));
}

// Copies of the chosen shares' payloads as points (Interpolate wants them side by side).
std::vector<shamir::Point> ToPoints(std::span<const SourcedShare> shares,
                                    std::span<const std::size_t> chosen) {
  std::vector<shamir::Point> points;
  points.reserve(chosen.size());
  for (const std::size_t i : chosen) {
    points.push_back({shares[i].share.index, SecureBytes::CopyOf(shares[i].share.payload.span())});
  }
  return points;
}

SecureBytes InterpolateAt(std::span<const shamir::Point> points, std::uint8_t x) {
  Result<SecureBytes> value = shamir::Interpolate(points, x);
  KR_CHECK(value.ok());  // lengths and indices were checked before
  return std::move(value).value();
}

// The first `threshold` positions of 0..count-1, leaving out `skip` (pass count to skip none).
std::vector<std::size_t> Quorum(std::size_t count, std::size_t threshold, std::size_t skip) {
  std::vector<std::size_t> chosen;
  for (std::size_t i = 0; i < count && chosen.size() < threshold; ++i) {
    if (i != skip) chosen.push_back(i);
  }
  return chosen;
}

// ---- SplitSecret ----

Status CheckSecretSize(std::size_t size) {
  if (size == 0) return InvalidInput("the secret is empty");
  if (size > kMaxSecretBytes) {
    return InvalidInput("the secret is " + std::to_string(size) + " bytes; the limit is " +
                        std::to_string(kMaxSecretBytes) + " bytes");
  }
  return OkStatus();
}

// Split-then-recombine: the first and the last `threshold` points must give M back.
Status CheckRecombines(std::span<const shamir::Point> points, std::size_t threshold,
                       const SecureBytes& shared) {
  const SecureBytes first = InterpolateAt(points.first(threshold), 0);
  const SecureBytes last = InterpolateAt(points.last(threshold), 0);
  // `&`, not `&&`: the second comparison must not depend on the first one's secret outcome.
  const unsigned first_same = secmem::ConstantTimeEqual(first.span(), shared.span()) ? 1u : 0u;
  const unsigned last_same = secmem::ConstantTimeEqual(last.span(), shared.span()) ? 1u : 0u;
  const bool same = (first_same & last_same) != 0;
  if (Reveal(same)) return OkStatus();
  return Internal("the split did not recombine to the secret; this is a bug in keyrite");
}

std::vector<Share> ToShares(std::vector<shamir::Point>& points, const SetId& set_id,
                            std::uint8_t threshold) {
  std::vector<Share> shares(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    shares[i] = {set_id, threshold, points[i].x, std::move(points[i].y)};
  }
  return shares;
}

// ---- CombineShares: the checks, in order ----

// The first share whose `key` differs from the first share's, or null.
template <typename Key>
const SourcedShare* FirstDiffering(std::span<const SourcedShare> shares, Key key) {
  for (const SourcedShare& s : shares) {
    if (key(s.share) != key(shares[0].share)) return &s;
  }
  return nullptr;
}

Status CheckSameSplit(std::span<const SourcedShare> shares) {
  const SourcedShare& first = shares[0];
  if (auto* s = FirstDiffering(shares, [](const Share& x) { return x.set_id; })) {
    return Mismatch(s->origin + ": belongs to set " + FormatSetId(s->share.set_id) + ", but " +
                    first.origin + " belongs to set " + FormatSetId(first.share.set_id) +
                    kOtherSplit);
  }
  if (auto* s = FirstDiffering(shares, [](const Share& x) { return x.threshold; })) {
    return Mismatch(s->origin + ": has threshold " + std::to_string(s->share.threshold) + ", but " +
                    first.origin + " has threshold " + std::to_string(first.share.threshold) +
                    kOtherSplit);
  }
  if (auto* s = FirstDiffering(shares, [](const Share& x) { return x.payload.size(); })) {
    return Mismatch(s->origin + ": holds " + std::to_string(s->share.payload.size()) +
                    " payload bytes, but " + first.origin + " holds " +
                    std::to_string(first.share.payload.size()) + kOtherSplit);
  }
  return OkStatus();
}

// What a codec should already have refused; checked again so the arithmetic can rely on it.
Status CheckWellFormed(std::span<const SourcedShare> shares) {
  const Share& first = shares[0].share;
  const std::size_t size = first.payload.size();
  if (first.threshold == 0) return InvalidInput(shares[0].origin + ": threshold 0 is not valid");
  if (size <= kTagBytes || size > kMaxSecretBytes + kTagBytes) {
    return InvalidInput(shares[0].origin + ": a payload of " + std::to_string(size) +
                        " bytes cannot hold a secret and its commitment");
  }
  for (const SourcedShare& s : shares) {
    if (s.share.index == 0) return InvalidInput(s.origin + ": share index 0 is not valid");
  }
  return OkStatus();
}

Status CheckNoDuplicates(std::span<const SourcedShare> shares) {
  std::array<const SourcedShare*, 256> by_index{};
  for (const SourcedShare& s : shares) {
    const SourcedShare* earlier = by_index[s.share.index];
    if (earlier == nullptr) {
      by_index[s.share.index] = &s;
      continue;
    }
    const std::string index = std::to_string(s.share.index);
    if (Reveal(secmem::ConstantTimeEqual(earlier->share.payload.span(), s.share.payload.span()))) {
      return Mismatch(s.origin + ": duplicates share " + index + " (" + earlier->origin + ")");
    }
    return Corrupt(earlier->origin + " and " + s.origin + " are both share " + index +
                   " but differ; at least one of them is corrupt");
  }
  return OkStatus();
}

Status CheckEnough(std::span<const SourcedShare> shares) {
  const Share& first = shares[0].share;
  if (shares.size() >= first.threshold) return OkStatus();
  return Insufficient("need " + std::to_string(first.threshold) + " shares, got " +
                      std::to_string(shares.size()) + " (set " + FormatSetId(first.set_id) + ")");
}

// With more shares than the threshold, a failed commitment may be explained by one share: the
// one whose removal makes the rest recombine. These are the positions of such shares.
std::vector<std::size_t> SharesThatExplain(std::span<const SourcedShare> shares) {
  const Share& first = shares[0].share;
  std::vector<std::size_t> culprits;
  if (shares.size() <= first.threshold) return culprits;  // no share can be spared
  for (std::size_t skip = 0; skip < shares.size(); ++skip) {
    const auto points = ToPoints(shares, Quorum(shares.size(), first.threshold, skip));
    if (Reveal(TagMatches(InterpolateAt(points, 0), first.set_id, first.threshold))) {
      culprits.push_back(skip);
    }
  }
  return culprits;
}

// Names the bad share when exactly one explains the failure, else says what is known.
Status ExplainFailedCommitment(std::span<const SourcedShare> shares) {
  const std::vector<std::size_t> culprits = SharesThatExplain(shares);
  if (culprits.size() == 1) {
    return Corrupt(shares[culprits[0]].origin +
                   ": does not fit the other shares (corrupt or from another split); "
                   "without it they recombine");
  }
  return Corrupt(
      "the shares do not recombine to a valid secret: at least one is corrupt or from another "
      "split");
}

// Every share beyond the first `threshold` must lie on the polynomial they define.
Status CheckExtrasOnPolynomial(std::span<const SourcedShare> shares,
                               std::span<const shamir::Point> quorum) {
  for (const SourcedShare& s : shares.subspan(quorum.size())) {
    const SecureBytes expected = InterpolateAt(quorum, s.share.index);
    if (!Reveal(secmem::ConstantTimeEqual(expected.span(), s.share.payload.span()))) {
      return Corrupt(s.origin + ": does not lie on the polynomial of the first " +
                     std::to_string(quorum.size()) +
                     " shares; it is corrupt or from another split");
    }
  }
  return OkStatus();
}

}  // namespace

SecureBytes CommitmentTag(const SetId& set_id, std::uint8_t threshold,
                          std::span<const std::uint8_t> secret) {
  // The hash state holds secret bytes, so it lives in secure memory too.
  SecureBytes state_bytes(sizeof(crypto_hash_sha256_state));
  auto* state = new (state_bytes.data()) crypto_hash_sha256_state;
  const std::uint8_t header[] = {threshold, static_cast<std::uint8_t>(secret.size() >> 8),
                                 static_cast<std::uint8_t>(secret.size())};
  crypto_hash_sha256_init(state);
  crypto_hash_sha256_update(state, reinterpret_cast<const unsigned char*>(kCommitmentDomain.data()),
                            kCommitmentDomain.size());
  crypto_hash_sha256_update(state, set_id.data(), set_id.size());
  crypto_hash_sha256_update(state, header, sizeof header);
  crypto_hash_sha256_update(state, secret.data(), secret.size());
  SecureBytes digest(crypto_hash_sha256_BYTES);
  crypto_hash_sha256_final(state, digest.data());
  return digest.Slice(0, kTagBytes);
}

Result<std::vector<Share>> SplitSecret(std::span<const std::uint8_t> secret, std::uint8_t threshold,
                                       std::uint8_t count, Rng& rng) {
  KR_RETURN_IF_ERROR(CheckSecretSize(secret.size()));
  SetId set_id{};
  rng.Fill(set_id);
  const SecureBytes shared = SharedValue(secret, set_id, threshold);
  KR_ASSIGN_OR_RETURN(std::vector<shamir::Point> points,
                      shamir::Split(shared.span(), threshold, count, rng));
  KR_RETURN_IF_ERROR(CheckRecombines(points, threshold, shared));
  return ToShares(points, set_id, threshold);
}

Result<SecureBytes> CombineShares(std::span<const SourcedShare> shares) {
  if (shares.empty()) return InvalidInput("no shares given");
  KR_RETURN_IF_ERROR(CheckSameSplit(shares));
  KR_RETURN_IF_ERROR(CheckWellFormed(shares));
  KR_RETURN_IF_ERROR(CheckNoDuplicates(shares));
  KR_RETURN_IF_ERROR(CheckEnough(shares));
  const Share& first = shares[0].share;
  const auto quorum = ToPoints(shares, Quorum(shares.size(), first.threshold, shares.size()));
  const SecureBytes shared = InterpolateAt(quorum, 0);
  if (!Reveal(TagMatches(shared, first.set_id, first.threshold))) {
    return ExplainFailedCommitment(shares);
  }
  KR_RETURN_IF_ERROR(CheckExtrasOnPolynomial(shares, quorum));
  return shared.Slice(0, shared.size() - kTagBytes);
}

void SetRevealHookForTest(RevealHook hook) { g_reveal_hook = hook; }

}  // namespace keyrite::share
