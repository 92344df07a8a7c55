#pragma once
// The typed fallback printed on a sheet, and its checks when typed back. A share line
// "KR1-ABCDx-EFGHy-..." is printed as numbered rows of a few groups; each group already ends in
// its own check character (share_v1.h), and each row adds a 2-character line check over the row's
// number and characters, so a row is confirmed as a whole and a typo is located to its row and
// group. Encrypted shards print their armored text with a line check per row too. The rows of a
// share line are secret (SecureBytes); armored text is public. Spec: docs/paper.md.

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "secmem/secure_bytes.h"

namespace keyrite::paper {

inline constexpr std::size_t kLineCheckChars = 2;
inline constexpr std::size_t kMaxGroupsPerLine = 5;
using LineCheck = std::array<char, kLineCheckChars>;

struct TypedRow {
  std::size_t number = 0;       // 1-based
  std::size_t first_group = 0;  // 1-based number, in the share line, of the row's first group
  std::size_t group_count = 0;
  secmem::SecureBytes text;   // the row's groups separated by single spaces. Secret.
  secmem::SecureBytes check;  // the row's kLineCheckChars line check, printed beside it
};

// The printed rows of `share_line` ("KR1-" then groups joined by '-'), groups_per_line
// (1..kMaxGroupsPerLine) groups each. InvalidInput when the line does not have that shape.
Result<std::vector<TypedRow>> SplitTypedRows(std::string_view share_line,
                                             std::size_t groups_per_line);

// The line check of row `number` (1..32767) over `row_chars`: the row's group characters without
// separators, upper-case base32, at most 25. Constant time in the characters.
LineCheck TypedLineCheck(std::size_t number, std::string_view row_chars);

// One row as typed back: its groups, then its line check, separated by spaces or '-' (case and
// extra spaces do not matter). Each group is checked (its number in the share line follows from
// `number`), then the line check. Errors name the row and group: "line 3: group 11 fails its
// check: retype it from the paper".
struct CheckedRow {
  secmem::SecureBytes groups;  // the groups joined by '-'. Secret.
  std::size_t group_count = 0;
  bool full = false;  // groups_per_line groups of 5: more rows may follow
};
Result<CheckedRow> CheckTypedRow(std::size_t number, std::string_view typed,
                                 std::size_t groups_per_line);

// The share line from checked rows in order: "KR1-" then every row's groups joined by '-'.
secmem::SecureBytes JoinTypedRows(std::span<const CheckedRow> rows);

// --- Armored text (public) ---

// Rows of armored text are its lines; each gets a 2-character check: base32 of the first 10
// bits of SHA-256("keyrite paper armor line v1" || number as 4 bytes big-endian || line).
LineCheck ArmorLineCheck(std::size_t number, std::string_view line);
// Corrupt naming the row when `check` (as typed, any case) is not the row's line check.
Status CheckArmorRow(std::size_t number, std::string_view line, std::string_view check);

}  // namespace keyrite::paper
