#include "slip39/sharing.h"

#include <sodium.h>

#include <algorithm>

#include "base/check.h"

namespace keyrite::slip39 {
namespace {

shamir::Point CopyPoint(std::uint8_t x, std::span<const std::uint8_t> y) {
  return {x, secmem::SecureBytes::CopyOf(y)};
}

// The digest share: ShareDigest(random, secret) || random, with len(secret) - 4 random bytes.
secmem::SecureBytes DigestShare(std::span<const std::uint8_t> secret, Rng& rng) {
  secmem::SecureBytes share(secret.size());
  const std::span<std::uint8_t> random = share.span().subspan(kDigestBytes);
  rng.Fill(random);
  const auto digest = ShareDigest(random, secret);
  std::ranges::copy(digest, share.data());
  return share;
}

}  // namespace

std::array<std::uint8_t, kDigestBytes> ShareDigest(std::span<const std::uint8_t> random_part,
                                                   std::span<const std::uint8_t> secret) {
  secmem::Wiped<crypto_auth_hmacsha256_state> state;
  secmem::Wiped<std::array<std::uint8_t, crypto_auth_hmacsha256_BYTES>> mac;
  crypto_auth_hmacsha256_init(&state.value, random_part.data(), random_part.size());
  crypto_auth_hmacsha256_update(&state.value, secret.data(), secret.size());
  crypto_auth_hmacsha256_final(&state.value, mac.value.data());
  std::array<std::uint8_t, kDigestBytes> out{};
  std::copy_n(mac.value.begin(), kDigestBytes, out.begin());
  return out;
}

std::vector<shamir::Point> SplitLevel(std::span<const std::uint8_t> secret, std::uint8_t threshold,
                                      std::uint8_t count, Rng& rng) {
  KR_CHECK(threshold >= 1 && threshold <= count && count <= 16 && secret.size() > kDigestBytes);
  std::vector<shamir::Point> shares;
  if (threshold == 1) {
    for (std::uint8_t x = 0; x < count; ++x) shares.push_back(CopyPoint(x, secret));
    return shares;
  }
  // threshold - 2 random shares, the digest share and the secret fix the polynomial.
  std::vector<shamir::Point> base;
  for (std::uint8_t x = 0; x + 2 < threshold; ++x) {
    base.push_back({x, secmem::SecureBytes(secret.size())});
    rng.Fill(base.back().y.span());
  }
  base.push_back({kDigestIndex, DigestShare(secret, rng)});
  base.push_back(CopyPoint(kSecretIndex, secret));
  for (std::uint8_t x = 0; x < count; ++x) {
    if (x + 2 < threshold) {
      shares.push_back(CopyPoint(x, base[x].y.span()));
    } else {
      Result<secmem::SecureBytes> y = shamir::Interpolate(base, x);
      KR_CHECK(y.ok());
      shares.push_back({x, std::move(y).value()});
    }
  }
  return shares;
}

Result<secmem::SecureBytes> RecoverLevel(std::span<const shamir::Point> points) {
  KR_CHECK(!points.empty());
  if (points.size() == 1) return secmem::SecureBytes::CopyOf(points[0].y.span());
  KR_ASSIGN_OR_RETURN(secmem::SecureBytes secret, shamir::Interpolate(points, kSecretIndex));
  KR_ASSIGN_OR_RETURN(const secmem::SecureBytes digest_share,
                      shamir::Interpolate(points, kDigestIndex));
  const auto expected = ShareDigest(digest_share.span().subspan(kDigestBytes), secret.span());
  if (!secmem::ConstantTimeEqual(expected, digest_share.span().first(kDigestBytes))) {
    return Corrupt("the shares fail the SLIP-39 digest check");
  }
  return secret;
}

}  // namespace keyrite::slip39
