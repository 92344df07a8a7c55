// End-to-end: keyrite split / combine on real files, and every bad input we can think of.

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "e2e_util.h"

namespace keyrite::testing {
namespace {

class SplitCombineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    secret_ = TestBytes(32, 7);
    WriteFileOrDie(dir_ / "secret.bin", secret_);
    const RunResult r = Keyrite({"split", "-t", "3", "-n", "5", "--in", dir_ / "secret.bin",
                                 "--out", dir_ / "shares"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  std::string Share(int i) const { return SharePath(dir_ / "shares", i, 5); }
  RunResult Combine(std::vector<std::string> files, const std::string& out) {
    files.insert(files.begin(), "combine");
    files.push_back("--out");
    files.push_back(out);
    return Keyrite(files);
  }

  TempDir dir_;
  std::string secret_;
};

TEST_F(SplitCombineTest, EveryThreeOfFiveRecoverTheSecret) {
  int n = 0;
  for (int a = 1; a <= 5; ++a)
    for (int b = a + 1; b <= 5; ++b)
      for (int c = b + 1; c <= 5; ++c) {
        const std::string out = dir_ / ("out-" + std::to_string(++n));
        const RunResult r = Combine({Share(a), Share(b), Share(c)}, out);
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_EQ(ReadFileOrEmpty(out), secret_);
        struct stat st {};
        ASSERT_EQ(stat(out.c_str(), &st), 0);
        EXPECT_EQ(st.st_mode & 0777, 0600u);
      }
  EXPECT_EQ(n, 10);
}

TEST_F(SplitCombineTest, ShareFilesAreSecretMode) {
  for (int i = 1; i <= 5; ++i) {
    struct stat st {};
    ASSERT_EQ(stat(Share(i).c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u) << Share(i);
  }
}

TEST_F(SplitCombineTest, AllFiveSharesRecover) {
  const RunResult r = Combine({Share(1), Share(2), Share(3), Share(4), Share(5)}, dir_ / "out");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadFileOrEmpty(dir_ / "out"), secret_);
}

TEST_F(SplitCombineTest, TwoSharesAreRefused) {
  const RunResult r = Combine({Share(1), Share(4)}, dir_ / "out");
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_NE(r.err.find("need 3 shares, got 2"), std::string::npos) << r.err;
  EXPECT_FALSE(access((dir_ / "out").c_str(), F_OK) == 0);
}

TEST_F(SplitCombineTest, DuplicatedShareIsRefused) {
  const RunResult r = Combine({Share(1), Share(2), Share(2)}, dir_ / "out");
  EXPECT_EQ(r.exit_code, 6) << r.err;
  EXPECT_NE(r.err.find("duplicates"), std::string::npos) << r.err;
  EXPECT_FALSE(access((dir_ / "out").c_str(), F_OK) == 0);
}

TEST_F(SplitCombineTest, ShareOfAnotherSplitIsRefused) {
  const RunResult other = Keyrite({"split", "-t", "3", "-n", "5", "--in", dir_ / "secret.bin",
                                   "--out", dir_ / "other"});
  ASSERT_EQ(other.exit_code, 0) << other.err;
  const std::string foreign = SharePath(dir_ / "other", 3, 5);
  const RunResult r = Combine({Share(1), Share(2), foreign}, dir_ / "out");
  EXPECT_EQ(r.exit_code, 6) << r.err;
  EXPECT_NE(r.err.find(foreign), std::string::npos) << r.err;
  EXPECT_FALSE(access((dir_ / "out").c_str(), F_OK) == 0);
}

TEST_F(SplitCombineTest, TypoInAShareIsLocated) {
  std::string text = ReadFileOrEmpty(Share(2));
  const std::size_t line = text.find("KR1-");
  ASSERT_NE(line, std::string::npos);
  const std::size_t pos = line + 4 + 6 * 3 + 1;  // second character of group 4 ("XXXXX-" each)
  text[pos] = text[pos] == 'A' ? 'B' : 'A';
  const std::string typo = dir_ / "typo.txt";
  WriteFileOrDie(typo, text);
  const RunResult r = Combine({Share(1), typo, Share(3)}, dir_ / "out");
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find(typo), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("group 4"), std::string::npos) << r.err;
}

TEST_F(SplitCombineTest, UnknownVersionIsRefused) {
  std::string text = ReadFileOrEmpty(Share(2));
  text.replace(text.find("KR1-"), 4, "KR2-");
  WriteFileOrDie(dir_ / "v2.txt", text);
  const RunResult r = Combine({Share(1), dir_ / "v2.txt", Share(3)}, dir_ / "out");
  EXPECT_EQ(r.exit_code, 10) << r.err;
  EXPECT_NE(r.err.find("version 2"), std::string::npos) << r.err;
}

TEST_F(SplitCombineTest, EmptyShareFileIsRefused) {
  WriteFileOrDie(dir_ / "empty.txt", "");
  const RunResult r = Combine({Share(1), Share(2), dir_ / "empty.txt"}, dir_ / "out");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("no share line"), std::string::npos) << r.err;
}

TEST_F(SplitCombineTest, TruncatedShareIsRefused) {
  std::string text = ReadFileOrEmpty(Share(2));
  text.resize(text.size() - 9);
  WriteFileOrDie(dir_ / "short.txt", text);
  const RunResult r = Combine({Share(1), dir_ / "short.txt", Share(3)}, dir_ / "out");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("short.txt"), std::string::npos) << r.err;
  EXPECT_FALSE(access((dir_ / "out").c_str(), F_OK) == 0);
}

TEST_F(SplitCombineTest, MissingShareFileIsNamed) {
  const RunResult r = Combine({Share(1), Share(2), dir_ / "nope.txt"}, dir_ / "out");
  EXPECT_EQ(r.exit_code, 7) << r.err;
  EXPECT_NE(r.err.find("nope.txt"), std::string::npos) << r.err;
}

TEST_F(SplitCombineTest, UnreadableShareFileIsAnIoError) {
  // Reading /proc/self/mem at offset 0 fails with EIO even for root.
  const RunResult r = Combine({Share(1), Share(2), "/proc/self/mem"}, dir_ / "out");
  EXPECT_EQ(r.exit_code, 8) << r.err;
  EXPECT_NE(r.err.find("/proc/self/mem"), std::string::npos) << r.err;
}

TEST_F(SplitCombineTest, ExistingOutputIsNeverOverwritten) {
  WriteFileOrDie(dir_ / "out", "precious");
  const RunResult r = Combine({Share(1), Share(2), Share(3)}, dir_ / "out");
  EXPECT_EQ(r.exit_code, 9) << r.err;
  EXPECT_NE(r.err.find("already exists"), std::string::npos) << r.err;
  EXPECT_EQ(ReadFileOrEmpty(dir_ / "out"), "precious");
}

TEST_F(SplitCombineTest, SplitIntoExistingSharesWritesNothing) {
  const std::string before = ReadFileOrEmpty(Share(1));
  const RunResult r = Keyrite({"split", "-t", "3", "-n", "5", "--in", dir_ / "secret.bin",
                               "--out", dir_ / "shares"});
  EXPECT_EQ(r.exit_code, 9) << r.err;
  EXPECT_EQ(ReadFileOrEmpty(Share(1)), before);
}

TEST_F(SplitCombineTest, ExistingFileAsShareDirectoryIsRefused) {
  const RunResult r = Keyrite({"split", "-t", "2", "-n", "3", "--in", dir_ / "secret.bin",
                               "--out", dir_ / "secret.bin"});
  EXPECT_EQ(r.exit_code, 9) << r.err;
  EXPECT_EQ(ReadFileOrEmpty(dir_ / "secret.bin"), secret_);
}

TEST(SplitCombineStreams, StdinToStdoutAndBack) {
  const std::string secret = TestBytes(100, 3);
  const RunResult split = Keyrite({"split", "-t", "2", "-n", "3", "--out", "-"}, {secret, "", {}});
  ASSERT_EQ(split.exit_code, 0) << split.err;
  const RunResult combine = Keyrite({"combine", "-", "--stdout"}, {split.out, "", {}});
  ASSERT_EQ(combine.exit_code, 0) << combine.err;
  EXPECT_EQ(combine.out, secret);
}

TEST(SplitCombineStreams, CombineNeedsAnExplicitDestination) {
  const RunResult split = Keyrite({"split", "-t", "2", "-n", "3", "--out", "-"}, {"x", "", {}});
  ASSERT_EQ(split.exit_code, 0) << split.err;
  const RunResult r = Keyrite({"combine", "-"}, {split.out, "", {}});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST(SplitBadInput, EmptySecretIsRefused) {
  TempDir dir;
  WriteFileOrDie(dir / "empty", "");
  const RunResult r = Keyrite({"split", "-t", "2", "-n", "3", "--in", dir / "empty", "--out", dir / "s"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("empty"), std::string::npos) << r.err;
  EXPECT_FALSE(access((dir / "s").c_str(), F_OK) == 0);
}

TEST(SplitBadInput, HugeSecretIsRefused) {
  TempDir dir;
  WriteFileOrDie(dir / "huge", std::string(65537, 'x'));
  const RunResult r = Keyrite({"split", "-t", "2", "-n", "3", "--in", dir / "huge", "--out", dir / "s"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("larger than 65536 bytes"), std::string::npos) << r.err;
  EXPECT_FALSE(access((dir / "s").c_str(), F_OK) == 0);
}

TEST(SplitBadInput, LargestSecretSplitsAndRecombines) {
  TempDir dir;
  const std::string secret = TestBytes(65536, 9);
  WriteFileOrDie(dir / "big", secret);
  ASSERT_EQ(Keyrite({"split", "-t", "2", "-n", "2", "--in", dir / "big", "--out", dir / "s"}).exit_code, 0);
  const RunResult r = Keyrite({"combine", SharePath(dir / "s", 1, 2), SharePath(dir / "s", 2, 2),
                               "--out", dir / "back"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadFileOrEmpty(dir / "back"), secret);
}

TEST(SplitBadInput, ThresholdAboveCountIsAUsageError) {
  TempDir dir;
  const RunResult r = Keyrite({"split", "-t", "4", "-n", "3", "--out", dir / "s"}, {"x", "", {}});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("cannot exceed"), std::string::npos) << r.err;
}

TEST(SplitBadInput, ZeroThresholdIsAUsageError) {
  TempDir dir;
  const RunResult r = Keyrite({"split", "-t", "0", "-n", "3", "--out", dir / "s"}, {"x", "", {}});
  EXPECT_EQ(r.exit_code, 2) << r.err;
}

TEST(SplitBadInput, ThresholdOneWarns) {
  TempDir dir;
  const RunResult r = Keyrite({"split", "-t", "1", "-n", "2", "--out", dir / "s"}, {"x", "", {}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("warning: threshold 1"), std::string::npos) << r.err;
}

TEST(SplitBadInput, DirectoryAsSecretIsRefused) {
  TempDir dir;
  const RunResult r = Keyrite({"split", "-t", "2", "-n", "3", "--in", dir.path(), "--out", dir / "s"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
}

TEST(Offline, SecretCommandsRefuseWhileAnInterfaceIsUp) {
  TempDir dir;
  RunOptions options{"x", "", {{"KEYRITE_TEST_EXTRA_INTERFACE", "eth9"}}};
  const RunResult r = RunKeyrite({"split", "-t", "2", "-n", "3", "--out", dir / "s"}, options);
  EXPECT_EQ(r.exit_code, 11) << r.err;
  EXPECT_NE(r.err.find("eth9"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--allow-online"), std::string::npos) << r.err;
  EXPECT_FALSE(access((dir / "s").c_str(), F_OK) == 0);
}

TEST(Json, SplitReportsTheSet) {
  TempDir dir;
  const RunResult r = Keyrite({"--json", "split", "-t", "2", "-n", "3", "--out", dir / "s"}, {"x", "", {}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"set_id\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"threshold\":2"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace keyrite::testing
