// paper/slip39_sheet.h and SLIP-39 sheets through the paper module: the numbered word rows and
// their read-back, the shape test the scanner uses, sheet validation, read-back of a rendered
// sheet and scanning it back. Known answers: mnemonics of the official SLIP-39 test vectors
// (satoshilabs/slips, slip-0039/vectors.json; MIT licence in tests/data/slip39/LICENSE).

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "paper/scan.h"
#include "paper/sheet_plan.h"
#include "paper/sheet_writer.h"
#include "paper/slip39_sheet.h"
#include "paper/template.h"
#include "slip39/mnemonic.h"

namespace keyrite::paper {
namespace {

std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every mnemonic of the valid official vectors.
std::vector<std::string> OfficialMnemonics() {
  const auto vectors =
      nlohmann::json::parse(ReadText(std::string(KEYRITE_TEST_DATA) + "/slip39/vectors.json"));
  std::vector<std::string> out;
  for (const auto& v : vectors) {
    if (v[2].get<std::string>().empty()) continue;
    for (const auto& m : v[1]) out.push_back(m.get<std::string>());
  }
  return out;
}

std::span<const std::uint8_t> Bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

std::size_t Words(const std::string& m) {
  return 1 + static_cast<std::size_t>(std::count(m.begin(), m.end(), ' '));
}

// Vector 4, "Basic sharing 2-of-3 (128 bits)", its first share.
const char kShare[] =
    "shadow pistol academic always adequate wildlife fancy gross oasis cylinder mustang wrist "
    "rescue view short owner flip making coding armed";

SheetContent SheetOf(const std::string& mnemonic, std::uint8_t count = 3) {
  Result<slip39::Share> share = slip39::DecodeMnemonic(mnemonic, "test");
  KR_CHECK(share.ok());
  return Slip39Sheet(*share, secmem::SecureBytes::CopyOf(mnemonic), count,
                     {"", "test seed", "", 1'790'000'000});
}

TEST(Slip39SheetTest, RowsNumberEveryWordAndReadBackAsTheMnemonic) {
  const std::vector<std::string> mnemonics = OfficialMnemonics();
  ASSERT_GT(mnemonics.size(), 30u);
  for (const std::string& m : mnemonics) {
    Result<std::vector<TypedRow>> rows = Slip39WordRows(m);
    ASSERT_TRUE(rows.ok()) << rows.status().message();
    EXPECT_EQ(rows->size(), (Words(m) + kSlip39WordsPerRow - 1) / kSlip39WordsPerRow);
    EXPECT_EQ(rows->front().text.view().substr(0, 4), " 1. ");
    Result<secmem::SecureBytes> back = Slip39MnemonicFromRows(*rows);
    ASSERT_TRUE(back.ok()) << back.status().message();
    EXPECT_EQ(back->view(), m);
  }
}

TEST(Slip39SheetTest, RowsOutOfOrderDoNotReadBack) {
  Result<std::vector<TypedRow>> rows = Slip39WordRows(kShare);
  ASSERT_TRUE(rows.ok());
  std::swap((*rows)[1], (*rows)[2]);
  const Result<secmem::SecureBytes> back = Slip39MnemonicFromRows(*rows);
  ASSERT_FALSE(back.ok());
  EXPECT_NE(back.status().message().find("word 5"), std::string::npos) << back.status().message();
  EXPECT_FALSE(Slip39WordRows("shadow pistol academic").ok());
}

TEST(Slip39SheetTest, ShapeOfAMnemonicPayload) {
  for (const std::string& m : OfficialMnemonics()) EXPECT_TRUE(LooksLikeSlip39Mnemonic(Bytes(m)));
  const std::string m = kShare;
  EXPECT_FALSE(LooksLikeSlip39Mnemonic(Bytes(m.substr(0, m.rfind(' ')))));  // 19 words
  EXPECT_FALSE(LooksLikeSlip39Mnemonic(Bytes("S" + m.substr(1))));
  EXPECT_FALSE(LooksLikeSlip39Mnemonic(Bytes(m + " ")));
  EXPECT_FALSE(LooksLikeSlip39Mnemonic(Bytes("ab " + m)));
  EXPECT_FALSE(LooksLikeSlip39Mnemonic(Bytes("KR1-ABCDE-FGHIJ")));
}

TEST(Slip39SheetTest, SetNamesCannotBeNativeSetIds) {
  EXPECT_EQ(Slip39SetName(4660), "SLIP39-04660");
  EXPECT_EQ(Slip39SetName(32767), "SLIP39-32767");
  EXPECT_TRUE(IsSlip39SetName(Slip39SetName(7)));
  EXPECT_FALSE(IsSlip39SetName("AERUJKZ4JEVPG"));
  EXPECT_FALSE(IsSlip39SetName("SLIP39-123"));
}

TEST(Slip39SheetTest, ContentMustAgreeWithItsMnemonic) {
  SheetContent c = SheetOf(kShare);
  EXPECT_TRUE(ValidateSheetContent(c).ok());
  c.index = static_cast<std::uint8_t>(c.index % 3 + 1);
  EXPECT_EQ(ValidateSheetContent(c).kind(), ErrorKind::kInvalidArgument);
  SheetContent other_set = SheetOf(kShare);
  other_set.set_id = Slip39SetName(1);
  EXPECT_FALSE(ValidateSheetContent(other_set).ok());
  SheetContent no_words = SheetOf(kShare);
  no_words.slip39_mnemonic = secmem::SecureBytes();
  EXPECT_FALSE(ValidateSheetContent(no_words).ok());
}

TEST(Slip39SheetTest, PlanCarriesTheMnemonicInOneCodeAndReadsBack) {
  const SheetContent c = SheetOf(kShare);
  Result<SheetPlan> plan = PlanShareSheet(c, DefaultShareSheetTemplate(), nullptr);
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  ASSERT_EQ(plan->payloads.size(), 1u);
  EXPECT_EQ(plan->payloads[0].view(), kShare);
  EXPECT_TRUE(plan->slip39);
  EXPECT_EQ(plan->rows.size(), 5u);
  EXPECT_TRUE(CheckSheetReadsBack(c, DefaultShareSheetTemplate()).ok());
}

TEST(Slip39SheetTest, AMnemonicLongerThanOneCodeIsRefused) {
  Template small = DefaultShareSheetTemplate();
  small.qr.part_chars = 100;
  const Result<SheetPlan> plan = PlanShareSheet(SheetOf(kShare), small, nullptr);
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.status().message().find("too long"), std::string::npos);
}

TEST(Slip39SheetTest, RenderedSheetScansBackOnlyWhenAsked) {
  const SheetContent c = SheetOf(kShare);
  Result<secmem::SecureBytes> pdf =
      RenderShareSheetsPdf(std::span(&c, 1), DefaultShareSheetTemplate());
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("slip39-sheet-" + std::to_string(getpid()) + ".pdf"))
                               .string();
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(pdf->data()), static_cast<std::streamsize>(pdf->size()));
  const std::string paths[] = {path};
  Result<std::vector<ScannedPayload>> found = ScanImageFiles(paths, {.accept_slip39 = true});
  const Result<std::vector<ScannedPayload>> refused = ScanImageFiles(paths);
  std::filesystem::remove(path);
  ASSERT_TRUE(found.ok()) << found.status().message();
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].kind, PayloadKind::kSlip39Mnemonic);
  EXPECT_EQ((*found)[0].text.view(), kShare);
  EXPECT_EQ((*found)[0].set_id, c.set_id);
  EXPECT_EQ((*found)[0].index, c.index);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("--format slip39"), std::string::npos);
}

}  // namespace
}  // namespace keyrite::paper
