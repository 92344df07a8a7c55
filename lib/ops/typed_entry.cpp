#include "ops/typed_entry.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>

#include "paper/typed_lines.h"
#include "share/share_v1.h"

namespace keyrite::ops {
namespace {

// The share line typed so far: "KR1-" then checked groups, in locked memory.
class LineBuilder {
 public:
  LineBuilder() : text_(16 * 1024) {}

  std::size_t groups() const { return groups_; }
  std::string_view view() const { return text_.view().substr(0, used_); }

  // Adds the groups of one typed entry, checking each; stops at the first bad one. An entry
  // that starts with a line number is a row of a printed sheet: "01 ABCDE FGHIJ ... 7K".
  Status Add(std::string_view entry) {
    if (const std::optional<std::size_t> row = RowNumber(entry)) return AddRow(*row, entry);
    const secmem::SecureBytes normalized = share::NormalizeShareV1Text(entry);
    std::string_view rest = normalized.view();
    if (used_ == 0) KR_RETURN_IF_ERROR(TakePrefix(rest));
    while (!rest.empty()) {
      const std::size_t dash = rest.find(share::kShareV1GroupSeparator);
      const std::string_view group = rest.substr(0, dash);
      rest = dash == std::string_view::npos ? std::string_view() : rest.substr(dash + 1);
      if (group.empty()) continue;
      KR_RETURN_IF_ERROR(share::CheckGroupV1(group, groups_ + 1));
      Append(group);
      ++groups_;
    }
    return OkStatus();
  }

 private:
  static std::optional<std::size_t> RowNumber(std::string_view entry) {
    while (!entry.empty() && entry.front() == ' ') entry.remove_prefix(1);
    std::size_t digits = 0;
    while (digits < entry.size() && digits < 3 && entry[digits] >= '0' && entry[digits] <= '9') ++digits;
    if (digits == 0 || digits >= entry.size() || entry[digits] != ' ') return std::nullopt;
    return static_cast<std::size_t>(std::atoi(std::string(entry.substr(0, digits)).c_str()));
  }

  // A printed row: in order, its groups and its line check verified by the paper module. The
  // number of groups per row is learned from row 1, which is full unless it is the only one.
  Status AddRow(std::size_t number, std::string_view entry) {
    if (number != rows_ + 1) {
      return InvalidInput("expected line " + std::to_string(rows_ + 1) + " of the sheet, got line " +
                          std::to_string(number));
    }
    entry.remove_prefix(entry.find(' ') + 1);
    const std::size_t per_line = rows_ == 0 ? CountGroups(entry) : groups_per_row_;
    KR_ASSIGN_OR_RETURN(const paper::CheckedRow row, paper::CheckTypedRow(number, entry, per_line));
    if (used_ == 0) Append(share::kShareV1Prefix.substr(0, share::kShareV1Prefix.size() - 1));
    Append(row.groups.view());
    groups_ += row.group_count;
    groups_per_row_ = per_line;
    ++rows_;
    return OkStatus();
  }

  // Groups in a typed row: the whitespace-separated words, less the trailing line check.
  static std::size_t CountGroups(std::string_view row) {
    std::size_t words = 0;
    bool in_word = false;
    for (const char c : row) {
      const bool space = c == ' ' || c == '\t';
      if (!space && !in_word) ++words;
      in_word = !space;
    }
    return words > 1 ? std::min(words - 1, paper::kMaxGroupsPerLine) : 1;
  }

  Status TakePrefix(std::string_view& rest) {
    const std::string_view prefix = share::kShareV1Prefix;
    if (!rest.starts_with(prefix)) {
      return InvalidInput("a share line starts with " + std::string(prefix) + "; type it from the start");
    }
    rest.remove_prefix(prefix.size());
    Append(prefix.substr(0, prefix.size() - 1));
    return OkStatus();
  }

  void Append(std::string_view piece) {
    KR_CHECK(used_ + piece.size() + 1 <= text_.size());
    if (used_ > 0) text_[used_++] = static_cast<std::uint8_t>(share::kShareV1GroupSeparator);
    std::memcpy(text_.data() + used_, piece.data(), piece.size());
    used_ += piece.size();
  }

  secmem::SecureBytes text_;
  std::size_t used_ = 0;
  std::size_t groups_ = 0;
  std::size_t rows_ = 0;
  std::size_t groups_per_row_ = 0;
};

// One share, typed in one or more entries and ended by an empty entry.
Result<share::Share> ReadOneShare(io::Prompter& prompter, const std::string& name) {
  LineBuilder line;
  for (;;) {
    const std::string prompt = line.groups() == 0
        ? name + ": type the share line, or the sheet's numbered lines (empty line when done): "
        : name + ", from group " + std::to_string(line.groups() + 1) + " (empty when done): ";
    KR_ASSIGN_OR_RETURN(const secmem::SecureBytes entry, prompter.ReadSecretLine(prompt));
    if (entry.empty() && line.groups() > 0) return share::ParseShareV1(line.view());
    if (entry.empty()) continue;
    const Status s = line.Add(entry.view());
    if (!s.ok()) prompter.Tell(s.message() + "; the groups before it are kept\n");
  }
}

}  // namespace

Result<std::vector<share::SourcedShare>> ReadTypedShares(io::Prompter& prompter,
                                                         const TypedEntryOptions& options) {
  std::vector<share::SourcedShare> typed;
  std::uint8_t threshold = options.threshold_hint;
  while (threshold == 0 || options.already_have + typed.size() < threshold) {
    const std::string name = "typed share " + std::to_string(typed.size() + 1);
    Result<share::Share> one = Cancelled("no tries left");
    for (int attempt = 0; attempt < options.tries_per_share; ++attempt) {
      one = ReadOneShare(prompter, name);
      if (one.ok() || one.status().kind() == ErrorKind::kCancelled) break;
      prompter.Tell(one.status().message() + "; type this share again from the start\n");
    }
    if (!one.ok()) return one.status().WithContext(name);
    if (threshold == 0) threshold = one->threshold;
    prompter.Tell(name + ": share " + std::to_string(one->index) + " of set " +
                  share::FormatSetId(one->set_id) + " accepted\n");
    typed.push_back({name, std::move(one).value()});
  }
  return typed;
}

}  // namespace keyrite::ops
