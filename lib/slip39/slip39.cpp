// SLIP-39 splitting (Combine is in combine.cpp).
#include "slip39/slip39.h"

#include <string>

#include "slip39/cipher.h"
#include "slip39/sharing.h"

namespace keyrite::slip39 {
namespace {

Status CheckSecret(std::size_t size) {
  if (size < kMinSecretBytes || size > kMaxSecretBytes || size % 2 != 0) {
    return InvalidArgument("a SLIP-39 secret is an even number of bytes from " +
                           std::to_string(kMinSecretBytes) + " to " +
                           std::to_string(kMaxSecretBytes) + ", got " + std::to_string(size));
  }
  return OkStatus();
}

Status CheckGroup(const GroupSpec& g, std::size_t number) {
  const std::string which = "group " + std::to_string(number) + ": ";
  if (g.count < 1 || g.count > kMaxShareCount) {
    return InvalidArgument(which + "a group has 1 to 16 members, got " + std::to_string(g.count));
  }
  if (g.threshold < 1 || g.threshold > g.count) {
    return InvalidArgument(which + "the threshold must be 1 to the member count, got " +
                           std::to_string(g.threshold) + " of " + std::to_string(g.count));
  }
  if (g.threshold == 1 && g.count > 1) {
    return InvalidArgument(which + "SLIP-39 does not allow 1-of-" + std::to_string(g.count) +
                           " (every share would be the same); use 1of1");
  }
  return OkStatus();
}

}  // namespace

Status CheckSplitParameters(const SplitParameters& p) {
  if (p.iteration_exponent > kMaxIterationExponent) {
    return InvalidArgument(
        "the iteration exponent must be 0 to 15 (SLIP-39 stores it in 4 bits), got " +
        std::to_string(p.iteration_exponent));
  }
  if (p.groups.empty() || p.groups.size() > kMaxShareCount) {
    return InvalidArgument("SLIP-39 takes 1 to 16 groups, got " + std::to_string(p.groups.size()));
  }
  if (p.group_threshold < 1 || p.group_threshold > p.groups.size()) {
    return InvalidArgument("the group threshold must be 1 to the number of groups (" +
                           std::to_string(p.groups.size()) + "), got " +
                           std::to_string(p.group_threshold));
  }
  for (std::size_t g = 0; g < p.groups.size(); ++g) {
    KR_RETURN_IF_ERROR(CheckGroup(p.groups[g], g + 1));
  }
  return OkStatus();
}

namespace {

Share ShareTemplate(const SplitParameters& p, std::uint16_t identifier) {
  Share s;
  s.identifier = identifier;
  s.extendable = p.extendable;
  s.iteration_exponent = p.iteration_exponent;
  s.group_threshold = p.group_threshold;
  s.group_count = static_cast<std::uint8_t>(p.groups.size());
  return s;
}

std::uint16_t RandomIdentifier(Rng& rng) {
  return static_cast<std::uint16_t>(rng.Uniform(1u << 15));
}

}  // namespace

Status CheckPassphrase(std::span<const std::uint8_t> passphrase) {
  for (const std::uint8_t c : passphrase) {
    if (c < 32 || c > 126) {
      return InvalidArgument(
          "a SLIP-39 passphrase is printable ASCII only (letters, digits, punctuation, space)");
    }
  }
  return OkStatus();
}

Result<Mnemonics> Split(std::span<const std::uint8_t> secret,
                        std::span<const std::uint8_t> passphrase, const SplitParameters& params,
                        Rng& rng) {
  KR_RETURN_IF_ERROR(CheckSecret(secret.size()));
  KR_RETURN_IF_ERROR(CheckSplitParameters(params));
  KR_RETURN_IF_ERROR(CheckPassphrase(passphrase));
  const Share base = ShareTemplate(params, RandomIdentifier(rng));
  const secmem::SecureBytes encrypted =
      Encrypt(secret, passphrase, {base.identifier, base.extendable, base.iteration_exponent});
  const std::vector<shamir::Point> group_secrets =
      SplitLevel(encrypted.span(), params.group_threshold, base.group_count, rng);
  Mnemonics out(params.groups.size());
  for (std::size_t g = 0; g < params.groups.size(); ++g) {
    const GroupSpec& spec = params.groups[g];
    for (shamir::Point& member :
         SplitLevel(group_secrets[g].y.span(), spec.threshold, spec.count, rng)) {
      Share s = ShareTemplate(params, base.identifier);
      s.group_index = static_cast<std::uint8_t>(g);
      s.member_index = member.x;
      s.member_threshold = spec.threshold;
      s.value = std::move(member.y);
      out[g].push_back(EncodeMnemonic(s));
    }
  }
  return out;
}

}  // namespace keyrite::slip39
