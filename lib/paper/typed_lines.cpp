#include "paper/typed_lines.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <utility>

#include "base/base32.h"
#include "base/digest.h"
#include "share/share_v1.h"

namespace keyrite::paper {
namespace {

using secmem::SecureBytes;

constexpr std::size_t kMaxLineNumber = 32767;  // three 5-bit symbols
constexpr std::size_t kMaxTypedRowChars = 256;
constexpr unsigned kAlpha = 2;
constexpr std::string_view kArmorCheckTag = "keyrite paper armor line v1";

// alpha^e in GF(32) (share_v1's field); e is a public position.
unsigned AlphaPower(std::size_t e) {
  unsigned v = 1;
  for (std::size_t i = 0; i < e % 31; ++i) v = share::Gf32Mul(v, kAlpha);
  return v;
}

bool IsSeparator(char c) { return c == ' ' || c == '\t' || c == '-' || c == '\r' || c == '\n'; }

// [begin, end) of each run of non-separators. Separators are the row's public shape.
std::vector<std::pair<std::size_t, std::size_t>> Tokens(std::string_view text) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsSeparator(text[i])) ++i;
    const std::size_t begin = i;
    while (i < text.size() && !IsSeparator(text[i])) ++i;
    if (i > begin) out.emplace_back(begin, i);
  }
  return out;
}

std::string LineName(std::size_t number) { return "line " + std::to_string(number); }

// The groups of a "KR1-..." line as views into it.
Result<std::vector<std::string_view>> GroupsOf(std::string_view line) {
  if (line.substr(0, share::kShareV1Prefix.size()) != share::kShareV1Prefix) {
    return InvalidInput("not a share line (expected it to start with KR1-)");
  }
  std::vector<std::string_view> groups;
  std::string_view rest = line.substr(share::kShareV1Prefix.size());
  for (std::size_t dash; (dash = rest.find('-')) != std::string_view::npos;) {
    groups.push_back(rest.substr(0, dash));
    rest = rest.substr(dash + 1);
  }
  groups.push_back(rest);
  for (const std::string_view g : groups) {
    if (g.empty() || g.size() > share::kShareV1GroupChars) {
      return InvalidInput("the share line has a group of the wrong length");
    }
  }
  return groups;
}

TypedRow MakeRow(std::span<const std::string_view> groups, std::size_t number,
                 std::size_t first_group) {
  std::size_t chars = 0;
  for (const std::string_view g : groups) chars += g.size();
  TypedRow row{number, first_group, groups.size(), SecureBytes(chars + groups.size() - 1),
               SecureBytes(kLineCheckChars)};
  SecureBytes packed(chars);
  std::size_t at = 0;
  std::size_t packed_at = 0;
  for (std::size_t k = 0; k < groups.size(); ++k) {
    if (k > 0) row.text[at++] = ' ';
    std::memcpy(row.text.data() + at, groups[k].data(), groups[k].size());
    std::memcpy(packed.data() + packed_at, groups[k].data(), groups[k].size());
    at += groups[k].size();
    packed_at += groups[k].size();
  }
  secmem::Wiped<LineCheck> check;
  check.value = TypedLineCheck(number, packed.view());
  std::memcpy(row.check.data(), check.value.data(), kLineCheckChars);
  return row;
}

struct RowParts {
  SecureBytes groups;  // joined by '-'
  SecureBytes chars;   // without separators
  std::size_t group_count = 0;
  std::size_t last_group_chars = 0;
};

// Checks each group of the row in turn and collects them.
Result<RowParts> CheckGroups(std::size_t number, std::string_view typed,
                             std::span<const std::pair<std::size_t, std::size_t>> tokens,
                             std::size_t first_group) {
  RowParts parts{SecureBytes(typed.size()), SecureBytes(typed.size()), tokens.size(), 0};
  std::size_t g_at = 0;
  std::size_t c_at = 0;
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    const std::string_view raw = typed.substr(tokens[k].first, tokens[k].second - tokens[k].first);
    KR_RETURN_IF_ERROR(share::CheckGroupV1(raw, first_group + k).WithContext(LineName(number)));
    const SecureBytes group = share::NormalizeShareV1Text(raw);
    if (k + 1 < tokens.size() && group.size() != share::kShareV1GroupChars) {
      return InvalidInput(LineName(number) + ": group " + std::to_string(first_group + k) +
                          " has " + std::to_string(group.size()) +
                          " characters; only the last group of a share has fewer than 5");
    }
    if (k > 0) parts.groups[g_at++] = '-';
    std::memcpy(parts.groups.data() + g_at, group.data(), group.size());
    std::memcpy(parts.chars.data() + c_at, group.data(), group.size());
    g_at += group.size();
    c_at += group.size();
    parts.last_group_chars = group.size();
  }
  parts.groups = parts.groups.Slice(0, g_at);
  parts.chars = parts.chars.Slice(0, c_at);
  return parts;
}

Status CompareLineCheck(std::size_t number, std::string_view row_chars, std::string_view typed) {
  const SecureBytes given = share::NormalizeShareV1Text(typed);
  if (given.size() != kLineCheckChars) {
    return InvalidInput(LineName(number) + ": the line check (the last column) has " +
                        std::to_string(given.size()) + " characters; it has 2");
  }
  secmem::Wiped<LineCheck> expected;
  expected.value = TypedLineCheck(number, row_chars);
  const auto* e = reinterpret_cast<const std::uint8_t*>(expected.value.data());
  if (!secmem::ConstantTimeEqual({e, kLineCheckChars}, given.span())) {
    return Corrupt(LineName(number) +
                   ": every group passes its own check but the line check does not match; "
                   "compare the line check and the groups with the paper");
  }
  return OkStatus();
}

}  // namespace

LineCheck TypedLineCheck(std::size_t number, std::string_view row_chars) {
  KR_CHECK(number >= 1 && number <= kMaxLineNumber);
  KR_CHECK(row_chars.size() <= kMaxGroupsPerLine * share::kShareV1GroupChars);
  // Symbols: the number in three 5-bit digits, then the characters' base32 values. Two GF(32)
  // syndromes with weights alpha^i and alpha^2i (i = 1..28 < 31): any one or two wrong symbols
  // change at least one of them.
  unsigned symbols_hi[3] = {static_cast<unsigned>(number >> 10) & 31u,
                            static_cast<unsigned>(number >> 5) & 31u,
                            static_cast<unsigned>(number) & 31u};
  unsigned c1 = 0;
  unsigned c2 = 0;
  std::size_t i = 1;
  for (const unsigned s : symbols_hi) {
    c1 ^= share::Gf32Mul(AlphaPower(i), s);
    c2 ^= share::Gf32Mul(AlphaPower(2 * i), s);
    ++i;
  }
  for (const char ch : row_chars) {
    const unsigned s = static_cast<unsigned>(Base32Value(ch)) & 31u;
    c1 ^= share::Gf32Mul(AlphaPower(i), s);
    c2 ^= share::Gf32Mul(AlphaPower(2 * i), s);
    ++i;
  }
  return {Base32Char(c1), Base32Char(c2)};
}

Result<std::vector<TypedRow>> SplitTypedRows(std::string_view share_line,
                                             std::size_t groups_per_line) {
  KR_CHECK(groups_per_line >= 1 && groups_per_line <= kMaxGroupsPerLine);
  // Rows are printed, and their line checks computed, in the form they are typed back as.
  const SecureBytes line = share::NormalizeShareV1Text(share_line);
  KR_ASSIGN_OR_RETURN(const std::vector<std::string_view> groups, GroupsOf(line.view()));
  std::vector<TypedRow> rows;
  for (std::size_t first = 0; first < groups.size(); first += groups_per_line) {
    const std::size_t n = std::min(groups_per_line, groups.size() - first);
    if (rows.size() + 1 > kMaxLineNumber)
      return InvalidInput("the share line is too long to print");
    rows.push_back(MakeRow(std::span(groups).subspan(first, n), rows.size() + 1, first + 1));
  }
  return rows;
}

Result<CheckedRow> CheckTypedRow(std::size_t number, std::string_view typed,
                                 std::size_t groups_per_line) {
  KR_CHECK(groups_per_line >= 1 && groups_per_line <= kMaxGroupsPerLine);
  if (number < 1 || number > kMaxLineNumber) return InvalidInput("no such line number");
  if (typed.size() > kMaxTypedRowChars) return InvalidInput(LineName(number) + " is far too long");
  const auto tokens = Tokens(typed);
  if (tokens.size() < 2) {
    return InvalidInput(LineName(number) +
                        ": expected its groups, then its 2-character line check");
  }
  const std::size_t groups = tokens.size() - 1;
  if (groups > groups_per_line) {
    return InvalidInput(LineName(number) + " has " + std::to_string(groups) +
                        " groups before its line check; a line has at most " +
                        std::to_string(groups_per_line));
  }
  const std::size_t first_group = (number - 1) * groups_per_line + 1;
  KR_ASSIGN_OR_RETURN(RowParts parts,
                      CheckGroups(number, typed, std::span(tokens).first(groups), first_group));
  const auto& check = tokens.back();
  KR_RETURN_IF_ERROR(CompareLineCheck(number, parts.chars.view(),
                                      typed.substr(check.first, check.second - check.first)));
  const bool full =
      groups == groups_per_line && parts.last_group_chars == share::kShareV1GroupChars;
  return CheckedRow{std::move(parts.groups), groups, full};
}

secmem::SecureBytes JoinTypedRows(std::span<const CheckedRow> rows) {
  std::size_t size = share::kShareV1Prefix.size();
  for (const CheckedRow& row : rows) size += row.groups.size() + 1;
  SecureBytes line(rows.empty() ? size : size - 1);
  std::memcpy(line.data(), share::kShareV1Prefix.data(), share::kShareV1Prefix.size());
  std::size_t at = share::kShareV1Prefix.size();
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (r > 0) line[at++] = '-';
    std::memcpy(line.data() + at, rows[r].groups.data(), rows[r].groups.size());
    at += rows[r].groups.size();
  }
  return line;
}

LineCheck ArmorLineCheck(std::size_t number, std::string_view line) {
  std::string message(kArmorCheckTag);
  for (int shift = 24; shift >= 0; shift -= 8) {
    message += static_cast<char>((number >> shift) & 0xff);
  }
  message += line;
  const Sha256Digest digest = Sha256(message);
  const unsigned bits = (static_cast<unsigned>(digest[0]) << 2) | (digest[1] >> 6);
  return {Base32Char(bits >> 5), Base32Char(bits & 31u)};
}

Status CheckArmorRow(std::size_t number, std::string_view line, std::string_view check) {
  const LineCheck expected = ArmorLineCheck(number, line);
  std::string given;
  for (const char c : check)
    given += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (given != std::string_view(expected.data(), expected.size())) {
    return Corrupt(LineName(number) + " of the armored shard does not match its line check; " +
                   "compare it with the paper");
  }
  return OkStatus();
}

}  // namespace keyrite::paper
