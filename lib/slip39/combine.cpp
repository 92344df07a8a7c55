// SLIP-39 recovery: decode, check the shares as a set, recover each group, then the master secret.
#include <algorithm>
#include <map>
#include <string>

#include "slip39/cipher.h"
#include "slip39/sharing.h"
#include "slip39/slip39.h"

namespace keyrite::slip39 {
namespace {

// The shares of one group, in the order given (indexes into the input).
struct Group {
  std::uint8_t threshold = 0;
  std::vector<std::size_t> members;
};

Status CheckSameSet(std::span<const Share> shares, std::span<const std::string> origins) {
  const Share& first = shares[0];
  for (std::size_t i = 1; i < shares.size(); ++i) {
    const Share& s = shares[i];
    const std::string both = origins[i] + " and " + origins[0];
    if (s.identifier != first.identifier || s.extendable != first.extendable ||
        s.iteration_exponent != first.iteration_exponent) {
      return Mismatch(both + " are from different SLIP-39 sets (their first two words differ)");
    }
    if (s.group_threshold != first.group_threshold || s.group_count != first.group_count) {
      return Mismatch(both + " disagree on the groups (threshold " +
                      std::to_string(s.group_threshold) + " of " + std::to_string(s.group_count) +
                      " against " + std::to_string(first.group_threshold) + " of " +
                      std::to_string(first.group_count) + "); one is damaged or from another set");
    }
    if (s.value.size() != first.value.size()) {
      return Mismatch(both + " have different lengths; they are from different sets");
    }
  }
  return OkStatus();
}

// Adds share i to its group, refusing a repeated member or a different member threshold.
Status AddToGroup(std::span<const Share> shares, std::span<const std::string> origins,
                  std::size_t i, Group& group) {
  const Share& s = shares[i];
  const std::string where = "group " + std::to_string(s.group_index + 1);
  if (group.members.empty()) group.threshold = s.member_threshold;
  if (s.member_threshold != group.threshold) {
    return Mismatch(origins[i] + " and " + origins[group.members[0]] + " (" + where +
                    ") disagree on the member threshold; one is damaged or from another set");
  }
  for (const std::size_t j : group.members) {
    if (shares[j].member_index == s.member_index) {
      return Mismatch(origins[i] + " repeats member " + std::to_string(s.member_index + 1) +
                      " of " + where + " (also " + origins[j] + "); give each share once");
    }
  }
  group.members.push_back(i);
  return OkStatus();
}

Status CheckGroupCounts(const std::map<std::uint8_t, Group>& groups,
                        std::span<const std::string> origins, std::uint8_t group_threshold) {
  for (const auto& [index, group] : groups) {
    if (group.members.size() < group.threshold) {
      return Insufficient("group " + std::to_string(index + 1) + " has " +
                          std::to_string(group.members.size()) + " of the " +
                          std::to_string(group.threshold) + " shares it needs (" +
                          origins[group.members[0]] + "); add its other shares or leave it out");
    }
  }
  if (groups.size() < group_threshold) {
    return Insufficient(std::to_string(groups.size()) + " group(s) given, this set needs " +
                        std::to_string(group_threshold) + "; add the shares of another group");
  }
  return OkStatus();
}

// The secret through the first `threshold` points; every further point must lie on the same
// polynomial, so a wrong extra share is found rather than ignored.
Result<secmem::SecureBytes> RecoverChecked(std::span<const shamir::Point> points,
                                           std::size_t threshold, const std::string& what,
                                           const std::vector<std::string>& names) {
  const std::span<const shamir::Point> quorum = points.first(threshold);
  Result<secmem::SecureBytes> secret = RecoverLevel(quorum);
  if (!secret.ok()) {
    return Corrupt(what + " fail SLIP-39's digest check: a share is wrong or from another set");
  }
  for (std::size_t i = threshold; i < points.size(); ++i) {
    KR_ASSIGN_OR_RETURN(const secmem::SecureBytes expected,
                        shamir::Interpolate(quorum, points[i].x));
    if (!secmem::ConstantTimeEqual(expected.span(), points[i].y.span())) {
      return Corrupt(names[i] + " does not agree with the other shares of " + what +
                     "; one of them is wrong");
    }
  }
  return secret;
}

Result<secmem::SecureBytes> RecoverGroup(std::span<const Share> shares,
                                         std::span<const std::string> origins, std::uint8_t index,
                                         const Group& group) {
  std::vector<shamir::Point> points;
  std::vector<std::string> names;
  for (const std::size_t i : group.members) {
    points.push_back({shares[i].member_index, secmem::SecureBytes::CopyOf(shares[i].value.span())});
    names.push_back(origins[i]);
  }
  return RecoverChecked(points, group.threshold, "group " + std::to_string(index + 1), names);
}

}  // namespace

Result<Recovered> CombineShares(std::span<const Share> shares, std::span<const std::string> origins,
                                std::span<const std::uint8_t> passphrase) {
  if (shares.empty()) return InvalidArgument("no SLIP-39 shares given");
  KR_CHECK(origins.size() == shares.size());
  KR_RETURN_IF_ERROR(CheckPassphrase(passphrase));
  KR_RETURN_IF_ERROR(CheckSameSet(shares, origins));
  std::map<std::uint8_t, Group> groups;
  for (std::size_t i = 0; i < shares.size(); ++i) {
    KR_RETURN_IF_ERROR(AddToGroup(shares, origins, i, groups[shares[i].group_index]));
  }
  const Share& first = shares[0];
  KR_RETURN_IF_ERROR(CheckGroupCounts(groups, origins, first.group_threshold));
  std::vector<shamir::Point> group_points;
  std::vector<std::string> group_names;
  for (const auto& [index, group] : groups) {
    KR_ASSIGN_OR_RETURN(secmem::SecureBytes y, RecoverGroup(shares, origins, index, group));
    group_points.push_back({index, std::move(y)});
    group_names.push_back("group " + std::to_string(index + 1));
  }
  KR_ASSIGN_OR_RETURN(
      const secmem::SecureBytes encrypted,
      RecoverChecked(group_points, first.group_threshold, "the groups", group_names));
  Recovered out;
  out.set = {first.identifier, first.extendable, first.iteration_exponent, first.group_threshold,
             first.group_count};
  out.secret = Decrypt(encrypted.span(), passphrase,
                       {first.identifier, first.extendable, first.iteration_exponent});
  return out;
}

Result<Recovered> Combine(std::span<const SourcedMnemonic> mnemonics,
                          std::span<const std::uint8_t> passphrase) {
  std::vector<Share> shares;
  std::vector<std::string> origins;
  for (const SourcedMnemonic& m : mnemonics) {
    KR_ASSIGN_OR_RETURN(Share s, DecodeMnemonic(m.text.view(), m.origin));
    shares.push_back(std::move(s));
    origins.push_back(m.origin);
  }
  return CombineShares(shares, origins, passphrase);
}

}  // namespace keyrite::slip39
