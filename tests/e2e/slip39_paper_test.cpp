// End-to-end: SLIP-39 share sheets. split --format slip39 --print writes one sheet per mnemonic
// (read back before release); combine --format slip39 --scan and paper scan recover the secret
// from the PDFs, from rasterized pages and from a mix of scans and mnemonic files; a sheet of
// another set is refused by the SLIP-39 set check; the words printed on a sheet (pdftotext)
// are the mnemonic.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <map>
#include <regex>
#include <sstream>

#include "e2e_util.h"

namespace keyrite::testing {
namespace {

unsigned Mode(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return 0;
  return st.st_mode & 0777;
}

std::string FirstLine(const std::string& file) {
  const std::string text = ReadFileOrEmpty(file);
  return text.substr(0, text.find('\n'));
}

// The numbered words ("12. universe") of a sheet's text, in number order; empty when the
// numbers do not run 1, 2, 3 ... without a gap.
std::string NumberedWords(const std::string& text) {
  std::map<int, std::string> words;
  const std::regex cell(R"((\d+)\.\s+([a-z]+))");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), cell); it != std::sregex_iterator();
       ++it) {
    words.emplace(std::stoi((*it)[1]), (*it)[2]);
  }
  std::string out;
  int expected = 1;
  for (const auto& [number, word] : words) {
    if (number != expected++) return "";
    out += (out.empty() ? "" : " ") + word;
  }
  return out;
}

class Slip39PaperTest : public ::testing::Test {
 protected:
  void SetUp() override {
    secret_ = TestBytes(32, 3939);
    WriteFileOrDie(dir_ / "secret.bin", secret_);
  }
  RunResult Split(const std::string& shares, const std::string& sheets,
                  std::vector<std::string> how = {"-t", "3", "-n", "5"}) {
    std::vector<std::string> args = {"split", "--format", "slip39",  "--in", dir_ / "secret.bin",
                                     "--out", shares,     "--print", sheets};
    args.insert(args.end(), how.begin(), how.end());
    return Keyrite(args);
  }
  RunResult CombineScan(std::vector<std::string> scans, std::vector<std::string> files,
                        const std::string& out) {
    std::vector<std::string> args = {"combine", "--format", "slip39", "--out", out};
    args.insert(args.end(), files.begin(), files.end());  // before --scan, which takes a list
    for (const std::string& s : scans) args.insert(args.end(), {"--scan", s});
    return Keyrite(args);
  }
  std::string Sheet(int i) const { return dir_ / ("p/sheet-" + std::to_string(i) + "-of-5.pdf"); }
  std::string ShareFile(int i) const {
    return dir_ / ("s/slip39-share-" + std::to_string(i) + "-of-5.txt");
  }

  TempDir dir_;
  std::string secret_;
};

TEST_F(Slip39PaperTest, SplitPrintsOneSheetPerShareAndThreeScansRecover) {
  const RunResult s = Split(dir_ / "s", dir_ / "p");
  ASSERT_EQ(s.exit_code, 0) << s.err;
  for (int i = 1; i <= 5; ++i) EXPECT_EQ(Mode(Sheet(i)), 0600u) << Sheet(i);
  EXPECT_EQ(Mode(dir_ / "p/labels.pdf"), 0644u);
  const RunResult r = CombineScan({Sheet(1), Sheet(3), Sheet(5)}, {}, dir_ / "back");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadFileOrEmpty(dir_ / "back"), secret_);
}

TEST_F(Slip39PaperTest, TwoScansOfThemAreNotEnough) {
  ASSERT_EQ(Split(dir_ / "s", dir_ / "p").exit_code, 0);
  const RunResult r = CombineScan({Sheet(2), Sheet(4)}, {}, dir_ / "back");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(Mode(dir_ / "back"), 0u) << "nothing may be written";
}

TEST_F(Slip39PaperTest, RasterizedPagesAndMnemonicFilesMix) {
  ASSERT_EQ(Split(dir_ / "s", dir_ / "p").exit_code, 0);
  for (int i : {2, 4}) {
    ASSERT_EQ(RunProgram({"pdftoppm", "-r", "150", "-png", "-singlefile", Sheet(i),
                          dir_ / ("page" + std::to_string(i))})
                  .exit_code,
              0);
  }
  const RunResult r =
      CombineScan({dir_ / "page2.png", dir_ / "page4.png"}, {ShareFile(5)}, dir_ / "back");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadFileOrEmpty(dir_ / "back"), secret_);
  EXPECT_NE(r.out.find("page2.png"), std::string::npos) << r.out;
}

TEST_F(Slip39PaperTest, PaperScanSavesTheMnemonicsCombineReads) {
  ASSERT_EQ(Split(dir_ / "s", dir_ / "p").exit_code, 0);
  const RunResult scan =
      RunKeyrite({"paper", "scan", Sheet(1), Sheet(2), Sheet(3), "--out", dir_ / "scanned"});
  ASSERT_EQ(scan.exit_code, 0) << scan.err;
  EXPECT_NE(scan.out.find("SLIP-39 group 1 member 2"), std::string::npos) << scan.out;
  std::vector<std::string> saved;
  for (int i = 1; i <= 3; ++i) {
    const std::size_t at = scan.out.find("-> ", scan.out.find("member " + std::to_string(i)));
    ASSERT_NE(at, std::string::npos) << scan.out;
    saved.push_back(scan.out.substr(at + 3, scan.out.find('\n', at) - at - 3));
    EXPECT_EQ(Mode(saved.back()), 0600u);
    EXPECT_EQ(FirstLine(saved.back()), FirstLine(ShareFile(i)));
  }
  const RunResult r = CombineScan({}, saved, dir_ / "back");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadFileOrEmpty(dir_ / "back"), secret_);
}

TEST_F(Slip39PaperTest, ASheetOfAnotherSetIsRefused) {
  ASSERT_EQ(Split(dir_ / "s", dir_ / "p").exit_code, 0);
  ASSERT_EQ(Split(dir_ / "s2", dir_ / "p2").exit_code, 0);
  const RunResult r =
      CombineScan({Sheet(1), Sheet(2), dir_ / "p2/sheet-3-of-5.pdf"}, {}, dir_ / "back");
  EXPECT_EQ(r.exit_code, 6) << r.err;  // Mismatch
  EXPECT_NE(r.err.find("different SLIP-39 sets"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("p2/sheet-3-of-5.pdf"), std::string::npos) << r.err;
  EXPECT_EQ(Mode(dir_ / "back"), 0u);
}

TEST_F(Slip39PaperTest, PrintedWordsAreTheMnemonic) {
  if (RunProgram({"pdftotext", "-v"}).exit_code != 0) {
    GTEST_SKIP() << "pdftotext (poppler-utils) is not installed";
  }
  ASSERT_EQ(Split(dir_ / "s", dir_ / "p").exit_code, 0);
  for (int i = 1; i <= 5; ++i) {
    const RunResult text = RunProgram({"pdftotext", "-layout", Sheet(i), "-"});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    const std::string mnemonic = FirstLine(ShareFile(i));
    ASSERT_FALSE(mnemonic.empty());
    EXPECT_EQ(NumberedWords(text.out), mnemonic) << "sheet " << i;
    EXPECT_NE(text.out.find("SLIP39-"), std::string::npos);
  }
}

TEST_F(Slip39PaperTest, GroupsPrintOneSheetPerMember) {
  const RunResult s =
      Split(dir_ / "g", dir_ / "gp", {"--groups", "2of3,1of1", "--group-threshold", "2"});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  const std::string g1 = dir_ / "gp/sheet-group-1-of-2-share-";
  for (int i = 1; i <= 3; ++i) {
    EXPECT_EQ(Mode(g1 + std::to_string(i) + "-of-3.pdf"), 0600u);
  }
  const RunResult r = CombineScan(
      {g1 + "1-of-3.pdf", g1 + "3-of-3.pdf", dir_ / "gp/sheet-group-2-of-2-share-1-of-1.pdf"}, {},
      dir_ / "back");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadFileOrEmpty(dir_ / "back"), secret_);
}

TEST_F(Slip39PaperTest, PaperPrintOfAMnemonicFileScansBack) {
  ASSERT_EQ(Keyrite({"split", "--format", "slip39", "-t", "2", "-n", "3", "--in",
                     dir_ / "secret.bin", "--out", dir_ / "s"})
                .exit_code,
            0);
  const std::string file = dir_ / "s/slip39-share-2-of-3.txt";
  const RunResult p = RunKeyrite({"paper", "print", file, "--label", "seed", "--out", dir_ / "p"});
  ASSERT_EQ(p.exit_code, 0) << p.err;
  const RunResult scan =
      RunKeyrite({"paper", "scan", dir_ / "p/sheet-2-of-3.pdf", "--out", dir_ / "back"});
  ASSERT_EQ(scan.exit_code, 0) << scan.err;
  const std::size_t at = scan.out.find("-> ");
  ASSERT_NE(at, std::string::npos) << scan.out;
  EXPECT_EQ(FirstLine(scan.out.substr(at + 3, scan.out.find('\n', at) - at - 3)), FirstLine(file));
}

TEST_F(Slip39PaperTest, NativeCombineNamesTheFormatOfASlip39Sheet) {
  ASSERT_EQ(Split(dir_ / "s", dir_ / "p").exit_code, 0);
  const RunResult r = Keyrite({"combine", "--scan", Sheet(1), "--out", dir_ / "back"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("--format slip39"), std::string::npos) << r.err;
}

TEST_F(Slip39PaperTest, PrintNeedsShareFilesNotStandardOutput) {
  const RunResult r = Keyrite({"split", "--format", "slip39", "-t", "2", "-n", "3", "--in",
                               dir_ / "secret.bin", "--out", "-", "--print", dir_ / "p"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("--print"), std::string::npos) << r.err;
  EXPECT_EQ(Mode(dir_ / "p"), 0u);
}

}  // namespace
}  // namespace keyrite::testing
