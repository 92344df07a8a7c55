#include "legacy/vault.h"

#include <numeric>

#include "legacy/ct_codec.h"
#include "shamir/shamir.h"

namespace keyrite::legacy {
namespace {

std::string_view Trim(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

// Vault draws a random permutation of 0..254 and adds one: distinct, non-zero x coordinates.
std::vector<std::uint8_t> RandomXs(std::uint8_t count, Rng& rng) {
  std::vector<std::uint8_t> all(255);
  std::iota(all.begin(), all.end(), std::uint8_t{1});
  for (std::uint32_t i = 254; i > 0; --i) std::swap(all[i], all[rng.Uniform(i + 1)]);
  all.resize(count);
  return all;
}

shamir::Point ToPoint(const VaultShare& share) {
  const std::size_t n = share.bytes.size() - 1;
  return {share.bytes[n], share.bytes.Slice(0, n)};
}

Status CheckSet(std::span<const VaultShare> shares, unsigned threshold) {
  if (shares.size() < 2 || shares.size() < threshold) {
    const unsigned need = threshold > 2 ? threshold : 2;
    return Insufficient(std::to_string(need) + " or more Vault shares are needed, but " +
                        std::to_string(shares.size()) + " were given");
  }
  for (std::size_t i = 1; i < shares.size(); ++i) {
    const VaultShare& s = shares[i];
    if (s.bytes.size() != shares[0].bytes.size()) {
      return Mismatch(s.origin + ": a " + std::to_string(s.bytes.size()) + "-byte share, but " +
                      shares[0].origin + " has " + std::to_string(shares[0].bytes.size()) +
                      " bytes: shares of different keys");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (shares[j].bytes[shares[j].bytes.size() - 1] == s.bytes[s.bytes.size() - 1]) {
        return Mismatch(s.origin + ": has the same x coordinate as " + shares[j].origin +
                        ": the same share given twice");
      }
    }
  }
  return OkStatus();
}

Status CheckExtras(std::span<const VaultShare> shares, std::span<const shamir::Point> points,
                   unsigned threshold) {
  for (std::size_t e = threshold; e < points.size(); ++e) {
    KR_ASSIGN_OR_RETURN(const secmem::SecureBytes expected,
                        shamir::Interpolate(points.first(threshold), points[e].x));
    if (!secmem::ConstantTimeEqual(expected.span(), points[e].y.span())) {
      return Corrupt(shares[e].origin + ": does not lie on the polynomial of the first " +
                     std::to_string(threshold) +
                     " shares: a wrong threshold, a damaged share, or a share of another key");
    }
  }
  return OkStatus();
}

}  // namespace

Result<std::vector<VaultShare>> SplitVault(std::span<const std::uint8_t> secret,
                                           std::uint8_t threshold, std::uint8_t count, Rng& rng) {
  if (threshold < 2 || threshold > count) {
    return InvalidArgument("Vault shares need 2 <= threshold <= count <= 255");
  }
  if (secret.empty()) return InvalidInput("the secret is empty");
  // A random polynomial through the secret, fixed by t points; then evaluated at Vault's xs.
  KR_ASSIGN_OR_RETURN(const std::vector<shamir::Point> basis,
                      shamir::Split(secret, threshold, threshold, rng));
  std::vector<VaultShare> shares;
  for (const std::uint8_t x : RandomXs(count, rng)) {
    KR_ASSIGN_OR_RETURN(const secmem::SecureBytes y, shamir::Interpolate(basis, x));
    VaultShare share{"share " + std::to_string(shares.size() + 1),
                     secmem::SecureBytes(y.size() + 1)};
    std::copy(y.span().begin(), y.span().end(), share.bytes.data());
    share.bytes[y.size()] = x;
    shares.push_back(std::move(share));
  }
  return shares;
}

secmem::SecureBytes FormatVaultShare(const VaultShare& share, VaultEncoding encoding) {
  return encoding == VaultEncoding::kHex ? EncodeSecretHex(share.bytes.span())
                                         : EncodeSecretBase64(share.bytes.span());
}

Result<VaultShare> ParseVaultShare(std::string_view text, std::string origin) {
  const std::string_view line = Trim(text);
  Result<secmem::SecureBytes> bytes =
      IsHexText(line) ? DecodeSecretHex(line) : DecodeSecretBase64(line);
  if (!bytes.ok()) {
    return InvalidInput(origin + ": " + bytes.status().message() +
                        "; a Vault share is one base64 or hex line");
  }
  if (bytes->size() < 2) {
    return InvalidInput(origin + ": " + std::to_string(bytes->size()) +
                        " byte; a Vault share has at least 2 (key bytes, then x)");
  }
  if ((*bytes)[bytes->size() - 1] == 0) {
    return InvalidInput(origin +
                        ": x coordinate 0, which no Vault share has; the share is damaged");
  }
  return VaultShare{std::move(origin), std::move(bytes).value()};
}

Result<secmem::SecureBytes> CombineVault(std::span<const VaultShare> shares, unsigned threshold) {
  KR_RETURN_IF_ERROR(CheckSet(shares, threshold));
  std::vector<shamir::Point> points;
  for (const VaultShare& s : shares) points.push_back(ToPoint(s));
  if (threshold > 0) {
    KR_RETURN_IF_ERROR(CheckExtras(shares, points, threshold));
    points.resize(threshold);
  }
  return shamir::Interpolate(points, 0);
}

}  // namespace keyrite::legacy
