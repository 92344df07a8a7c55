// Tests for lib/ops/typed_entry.h: custodians typing share lines, checked group by group.

#include <gtest/gtest.h>

#include "base/rng.h"
#include "io/prompt.h"
#include "ops/typed_entry.h"
#include "paper/typed_lines.h"
#include "share/share_set.h"
#include "share/share_v1.h"

namespace keyrite::ops {
namespace {

std::vector<std::string> Lines(std::uint8_t t, std::uint8_t n, unsigned seed) {
  SeededRng rng(seed);
  const std::string secret = "typed entry test secret";
  auto shares = share::SplitSecret(
      std::span(reinterpret_cast<const std::uint8_t*>(secret.data()), secret.size()), t, n, rng);
  EXPECT_TRUE(shares.ok());
  std::vector<std::string> lines;
  for (const share::Share& s : *shares) lines.emplace_back(share::FormatShareV1(s).view());
  return lines;
}

TEST(TypedEntry, StopsAtTheThreshold) {
  const auto lines = Lines(2, 3, 1);
  io::ScriptedPrompter p({lines[0], "", lines[2], ""});
  auto typed = ReadTypedShares(p, {});
  ASSERT_TRUE(typed.ok()) << typed.status().message();
  ASSERT_EQ(typed->size(), 2u);
  EXPECT_EQ((*typed)[0].share.index, 1);
  EXPECT_EQ((*typed)[1].share.index, 3);
  EXPECT_TRUE(share::CombineShares(*typed).ok());
}

TEST(TypedEntry, AcceptsALineInPiecesLowercaseWithSpaces) {
  const auto lines = Lines(1, 1, 2);
  const std::string& line = lines[0];
  const std::size_t cut = 4 + 6 * 3;  // after the third group and its dash
  std::string first = line.substr(0, cut), second = line.substr(cut);
  for (char& c : second) c = static_cast<char>(std::tolower(c));
  io::ScriptedPrompter p({first, " " + second + " ", ""});
  auto typed = ReadTypedShares(p, {});
  ASSERT_TRUE(typed.ok()) << typed.status().message();
  EXPECT_EQ(share::FormatShareV1((*typed)[0].share).view(), line);
}

TEST(TypedEntry, ATypoIsNamedAndOnlyTheRestIsRetyped) {
  const auto lines = Lines(1, 1, 3);
  const std::string& line = lines[0];
  std::string typo = line;
  const std::size_t pos = 4 + 6 * 4 + 2;  // third character of group 5
  typo[pos] = typo[pos] == 'A' ? 'B' : 'A';
  io::ScriptedPrompter p({typo, line.substr(4 + 6 * 4), ""});
  auto typed = ReadTypedShares(p, {});
  ASSERT_TRUE(typed.ok()) << typed.status().message();
  EXPECT_EQ(share::FormatShareV1((*typed)[0].share).view(), line);
  EXPECT_NE(p.told().find("group 5"), std::string::npos) << p.told();
  EXPECT_NE(p.told().find("from group 5"), std::string::npos) << p.told();
}

TEST(TypedEntry, AMissingTailFailsTheChecksumAndIsRetyped) {
  const auto lines = Lines(1, 1, 4);
  const std::string& line = lines[0];
  const std::string short_line = line.substr(0, line.rfind('-'));
  io::ScriptedPrompter p({short_line, "", line, ""});
  auto typed = ReadTypedShares(p, {});
  ASSERT_TRUE(typed.ok()) << typed.status().message();
  EXPECT_NE(p.told().find("again from the start"), std::string::npos) << p.told();
}

TEST(TypedEntry, EndOfInputCancels) {
  const auto lines = Lines(2, 2, 5);
  io::ScriptedPrompter p({lines[0], ""});
  auto typed = ReadTypedShares(p, {});
  ASSERT_FALSE(typed.ok());
  EXPECT_EQ(typed.status().kind(), ErrorKind::kCancelled);
}

TEST(TypedEntry, UsesTheThresholdOfSharesFromFiles) {
  const auto lines = Lines(3, 3, 6);
  io::ScriptedPrompter p({lines[2], ""});
  TypedEntryOptions options;
  options.already_have = 2;
  options.threshold_hint = 3;
  auto typed = ReadTypedShares(p, options);
  ASSERT_TRUE(typed.ok()) << typed.status().message();
  EXPECT_EQ(typed->size(), 1u);
}

TEST(TypedEntry, GivesUpAfterThreeBadTries) {
  io::ScriptedPrompter p({"KR1-AAAAA", "", "KR1-AAAAA", "", "KR1-AAAAA", ""});
  auto typed = ReadTypedShares(p, {});
  ASSERT_FALSE(typed.ok());
  EXPECT_NE(typed.status().message().find("typed share 1"), std::string::npos);
}

}  // namespace
}  // namespace keyrite::ops

namespace keyrite::ops {
namespace {

// The rows as a sheet prints them: "01 ABCDE FGHIJ KLMNO PQRST 7K".
std::vector<std::string> PrintedRows(const std::string& line) {
  auto rows = paper::SplitTypedRows(line, 4);
  EXPECT_TRUE(rows.ok());
  std::vector<std::string> out;
  for (const paper::TypedRow& r : *rows) {
    char number[8];
    std::snprintf(number, sizeof number, "%02zu ", r.number);
    out.push_back(number + std::string(r.text.view()) + " " + std::string(r.check.view()));
  }
  return out;
}

TEST(TypedEntry, AcceptsTheNumberedRowsOfASheet) {
  const auto lines = Lines(1, 1, 7);
  std::deque<std::string> answers;
  for (const std::string& row : PrintedRows(lines[0])) answers.push_back(row);
  answers.push_back("");
  io::ScriptedPrompter p(answers);
  auto typed = ReadTypedShares(p, {});
  ASSERT_TRUE(typed.ok()) << typed.status().message() << p.told();
  EXPECT_EQ(share::FormatShareV1((*typed)[0].share).view(), lines[0]);
}

TEST(TypedEntry, ATypoInARowIsLocatedToItsLineAndGroup) {
  const auto lines = Lines(1, 1, 8);
  const std::vector<std::string> rows = PrintedRows(lines[0]);
  ASSERT_GE(rows.size(), 3u);
  std::string bad = rows[1];
  const std::size_t pos = 3 + 6 + 1;  // second group of line 2, its second character
  bad[pos] = bad[pos] == 'A' ? 'B' : 'A';
  std::deque<std::string> answers = {rows[0], bad};
  for (std::size_t i = 1; i < rows.size(); ++i) answers.push_back(rows[i]);
  answers.push_back("");
  io::ScriptedPrompter p(answers);
  auto typed = ReadTypedShares(p, {});
  ASSERT_TRUE(typed.ok()) << typed.status().message() << p.told();
  EXPECT_NE(p.told().find("line 2: group 6"), std::string::npos) << p.told();
  EXPECT_EQ(share::FormatShareV1((*typed)[0].share).view(), lines[0]);
}

TEST(TypedEntry, RowsOutOfOrderAreRefused) {
  const auto lines = Lines(1, 1, 9);
  const std::vector<std::string> rows = PrintedRows(lines[0]);
  std::deque<std::string> answers = {rows[1]};
  for (const std::string& r : rows) answers.push_back(r);
  answers.push_back("");
  io::ScriptedPrompter p(answers);
  auto typed = ReadTypedShares(p, {});
  ASSERT_TRUE(typed.ok()) << typed.status().message();
  EXPECT_NE(p.told().find("expected line 1 of the sheet, got line 2"), std::string::npos) << p.told();
}

}  // namespace
}  // namespace keyrite::ops
