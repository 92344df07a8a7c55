// End-to-end: split --print and paper print write sheets that read back; paper scan and
// combine --scan recover the secret from rasterized pages; binary file mode round trips.

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "e2e_util.h"

namespace keyrite::testing {
namespace {

unsigned Mode(const std::string& path) {
  struct stat st {};
  stat(path.c_str(), &st);
  return st.st_mode & 0777;
}

TEST(Paper, SplitPrintThenScanRasterizedPagesRecovers) {
  TempDir dir;
  const std::string secret = TestBytes(32, 21);
  ASSERT_EQ(Keyrite({"split", "-t", "3", "-n", "5", "--out", dir / "s", "--print", dir / "p"},
                    {secret, "", {}}).exit_code, 0);
  for (int i = 1; i <= 5; ++i) {
    const std::string sheet = dir / ("p/sheet-" + std::to_string(i) + "-of-5.pdf");
    ASSERT_EQ(Mode(sheet), 0600u) << sheet;
  }
  EXPECT_EQ(Mode(dir / "p/labels.pdf"), 0644u);
  for (int i : {1, 3, 5}) {
    const std::string pdf = dir / ("p/sheet-" + std::to_string(i) + "-of-5.pdf");
    ASSERT_EQ(RunProgram({"pdftoppm", "-r", "150", "-png", "-singlefile", pdf,
                          dir / ("page" + std::to_string(i))}).exit_code, 0);
  }
  const RunResult r = Keyrite({"combine", "--scan", dir / "page1.png", dir / "page3.png",
                               dir / "page5.png", "--out", dir / "back"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadFileOrEmpty(dir / "back"), secret);
}

TEST(Paper, PrintThenScanSavesShareFiles) {
  TempDir dir;
  ASSERT_EQ(Keyrite({"split", "-t", "2", "-n", "3", "--out", dir / "s"}, {"paper", "", {}}).exit_code, 0);
  const RunResult p = RunKeyrite({"paper", "print", SharePath(dir / "s", 2, 3), "--label", "test",
                                  "--out", dir / "p"});
  ASSERT_EQ(p.exit_code, 0) << p.err;
  const RunResult s = RunKeyrite({"paper", "scan", dir / "p/sheet-2-of-3.pdf", "--out", dir / "found"});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  EXPECT_NE(s.out.find("share 2 of set"), std::string::npos) << s.out;
  const RunResult c = Keyrite({"combine", SharePath(dir / "s", 1, 3), FilesBelow(dir / "found").at(0),
                               "--out", dir / "back"});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_EQ(ReadFileOrEmpty(dir / "back"), "paper");
}

TEST(Paper, AnImageWithoutAQrCodeIsNamed) {
  TempDir dir;
  ASSERT_EQ(Keyrite({"split", "-t", "2", "-n", "2", "--out", dir / "s"}, {"x", "", {}}).exit_code, 0);
  ASSERT_EQ(RunKeyrite({"paper", "print", SharePath(dir / "s", 1, 2), "--out", dir / "p"}).exit_code, 0);
  ASSERT_EQ(RunProgram({"pdftoppm", "-r", "50", "-png", "-singlefile", dir / "p/labels.pdf",
                        dir / "label"}).exit_code, 0);
  const RunResult r = RunKeyrite({"paper", "scan", dir / "label.png"});
  EXPECT_EQ(r.exit_code, 7) << r.err;
  EXPECT_NE(r.err.find("label.png"), std::string::npos) << r.err;
}

TEST(Paper, AnUnreadableImageIsAnError) {
  TempDir dir;
  WriteFileOrDie(dir / "junk.png", "not a png at all");
  const RunResult r = RunKeyrite({"paper", "scan", dir / "junk.png"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("junk.png"), std::string::npos) << r.err;
}

TEST(Paper, ExistingSheetsAreNeverOverwritten) {
  TempDir dir;
  ASSERT_EQ(Keyrite({"split", "-t", "2", "-n", "2", "--out", dir / "s"}, {"x", "", {}}).exit_code, 0);
  ASSERT_EQ(RunKeyrite({"paper", "print", SharePath(dir / "s", 1, 2), "--out", dir / "p"}).exit_code, 0);
  const std::string before = ReadFileOrEmpty(dir / "p/sheet-1-of-2.pdf");
  const RunResult r = RunKeyrite({"paper", "print", SharePath(dir / "s", 1, 2), "--out", dir / "p"});
  EXPECT_EQ(r.exit_code, 9) << r.err;
  EXPECT_EQ(ReadFileOrEmpty(dir / "p/sheet-1-of-2.pdf"), before);
}

TEST(BinaryFiles, SplitAndCombineAFileLargerThanATextShare) {
  TempDir dir;
  const std::string data = TestBytes(300000, 5);
  WriteFileOrDie(dir / "big.bin", data);
  const RunResult text = Keyrite({"split", "-t", "2", "-n", "3", "--in", dir / "big.bin", "--out", dir / "t"});
  EXPECT_EQ(text.exit_code, 3);
  EXPECT_NE(text.err.find("--binary"), std::string::npos) << text.err;
  ASSERT_EQ(Keyrite({"split", "-t", "2", "-n", "3", "--binary", "--in", dir / "big.bin", "--out",
                     dir / "b"}).exit_code, 0);
  const std::vector<std::string> shares = FilesBelow(dir / "b");
  ASSERT_EQ(shares.size(), 3u);
  const RunResult r = Keyrite({"combine", shares[0], shares[2], "--out", dir / "back"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadFileOrEmpty(dir / "back"), data);
  const RunResult one = Keyrite({"combine", shares[1], "--out", dir / "back2"});
  EXPECT_EQ(one.exit_code, 5) << one.err;
  EXPECT_NE(access((dir / "back2").c_str(), F_OK), 0);
}

TEST(BinaryFiles, MixingBinaryAndTextSharesIsRefused) {
  TempDir dir;
  WriteFileOrDie(dir / "f.bin", "file");
  ASSERT_EQ(Keyrite({"split", "-t", "2", "-n", "2", "--binary", "--in", dir / "f.bin", "--out", dir / "b"}).exit_code, 0);
  ASSERT_EQ(Keyrite({"split", "-t", "2", "-n", "2", "--out", dir / "t"}, {"x", "", {}}).exit_code, 0);
  const RunResult r = Keyrite({"combine", FilesBelow(dir / "b").at(0), SharePath(dir / "t", 1, 2),
                               "--out", dir / "back"});
  EXPECT_EQ(r.exit_code, 6) << r.err;
}

}  // namespace
}  // namespace keyrite::testing
