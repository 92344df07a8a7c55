// libFuzzer target for typed share lines (paper/typed_lines.h). The first byte picks the groups
// per line and the row number; the rest is checked as a typed row and an armor row, and split
// into printed rows: when that works for a valid share line, every printed row, typed back with
// its check, is accepted and the rows join back to the line.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "fuzz_util.h"
#include "paper/typed_lines.h"
#include "share/share_v1.h"

namespace {

using namespace keyrite;

void CheckRoundTrip(std::string_view line, std::size_t groups_per_line) {
  const Result<std::vector<paper::TypedRow>> rows = paper::SplitTypedRows(line, groups_per_line);
  if (!rows.ok()) {
    fuzz::CheckRefusal(rows.status());
    return;
  }
  // SplitTypedRows checks the shape only; the rows of a share that is valid must check back.
  if (!share::ParseShareV1(line).ok()) return;
  std::vector<paper::CheckedRow> checked;
  for (const paper::TypedRow& row : *rows) {
    const std::string typed = std::string(row.text.view()) + " " + std::string(row.check.view());
    Result<paper::CheckedRow> back = paper::CheckTypedRow(row.number, typed, groups_per_line);
    if (!back.ok()) {
      std::fprintf(stderr, "printed row %zu refused: %s\n", row.number,
                   back.status().message().c_str());
      KR_CHECK(back.ok());
    }
    checked.push_back(std::move(back).value());
  }
  KR_CHECK(paper::JoinTypedRows(checked).view() == share::NormalizeShareV1Text(line).view());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t groups_per_line = 1 + data[0] % paper::kMaxGroupsPerLine;
  const std::size_t number = 1 + data[0] / paper::kMaxGroupsPerLine;
  const std::string_view text = fuzz::AsText(data + 1, size - 1);
  const Result<paper::CheckedRow> row = paper::CheckTypedRow(number, text, groups_per_line);
  if (!row.ok()) fuzz::CheckRefusal(row.status());
  const std::size_t space = text.find(' ');
  if (space != std::string_view::npos) {
    const Status armor =
        paper::CheckArmorRow(number, text.substr(0, space), text.substr(space + 1));
    if (!armor.ok()) fuzz::CheckRefusal(armor);
  }
  CheckRoundTrip(text, groups_per_line);
  return 0;
}
