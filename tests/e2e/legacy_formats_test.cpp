// combine --format ssss|vault and split --format vault, through the built keyrite binary:
// shares from the real ssss-split, Vault round trips with the check file, and refusals.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "e2e_util.h"

namespace keyrite::testing {
namespace {

bool HaveSsss() { return std::system("command -v ssss-split >/dev/null 2>&1") == 0; }

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = text.find('\n', at);
    if (end != at) out.push_back(text.substr(at, end - at));
    at = end == std::string::npos ? text.size() : end + 1;
  }
  return out;
}

class LegacyFormatsTest : public ::testing::Test {
 protected:
  // ssss-split -t 3 -n 5 -q with the secret on a pipe; its share lines.
  std::vector<std::string> SsssSplit(const std::string& secret, std::vector<std::string> extra) {
    std::vector<std::string> argv = {"ssss-split", "-t", "3", "-n", "5", "-q"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    const RunResult r = RunProgram(argv, {secret + "\n", "", {}});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Lines(r.out);
  }
  TempDir dir_;
};

TEST_F(LegacyFormatsTest, SsssSharesRecombineWithTokenAndWithoutDiffusion) {
  if (!HaveSsss()) GTEST_SKIP() << "ssss-split is not installed (Debian package ssss)";
  const std::string secret = "correct horse battery staple, 32b";
  for (const bool diffusion : {true, false}) {
    std::vector<std::string> extra = {"-w", "vault-db"};
    if (!diffusion) extra.push_back("-D");
    const std::vector<std::string> lines = SsssSplit(secret, extra);
    ASSERT_EQ(lines.size(), 5u);
    const std::string shares = dir_ / (diffusion ? "a.txt" : "b.txt");
    WriteFileOrDie(shares,
                   "# three of five\n" + lines[4] + "\n" + lines[1] + "\n\n" + lines[2] + "\n");
    const std::string out = dir_ / (diffusion ? "a.bin" : "b.bin");
    std::vector<std::string> args = {"combine", "--format", "ssss",  "-t",
                                     "3",       shares,     "--out", out};
    if (!diffusion) args.push_back("-D");
    const RunResult r = Keyrite(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(ReadFileOrEmpty(out), secret);
    EXPECT_NE(r.out.find("3 ssss shares"), std::string::npos) << r.out;
  }
}

TEST_F(LegacyFormatsTest, SsssRefusalsNameTheShare) {
  if (!HaveSsss()) GTEST_SKIP() << "ssss-split is not installed (Debian package ssss)";
  const std::vector<std::string> lines = SsssSplit("sixteen byte key", {});
  ASSERT_EQ(lines.size(), 5u);
  WriteFileOrDie(dir_ / "two.txt", lines[0] + "\n" + lines[1] + "\n");
  RunResult r = Keyrite({"combine", "--format", "ssss", "-t", "3", dir_ / "two.txt", "--stdout"});
  EXPECT_EQ(r.exit_code, 5) << r.err;
  WriteFileOrDie(dir_ / "dup.txt", lines[0] + "\n" + lines[1] + "\n" + lines[0] + "\n");
  r = Keyrite({"combine", "--format", "ssss", "-t", "3", dir_ / "dup.txt", "--stdout"});
  EXPECT_EQ(r.exit_code, 6) << r.err;
  EXPECT_NE(r.err.find("dup.txt line 3"), std::string::npos) << r.err;
  WriteFileOrDie(dir_ / "bad.txt", lines[0] + "\nx-" + lines[1].substr(2) + "\n" + lines[2] + "\n");
  r = Keyrite({"combine", "--format", "ssss", "-t", "3", dir_ / "bad.txt", "--stdout"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("bad.txt line 2"), std::string::npos) << r.err;
  r = Keyrite({"combine", "--format", "ssss", dir_ / "dup.txt", "--stdout"});
  EXPECT_EQ(r.exit_code, 2) << r.err;  // no -t
  EXPECT_TRUE(r.out.empty());
}

TEST_F(LegacyFormatsTest, VaultSplitCombineWithCheckFile) {
  const std::string key = TestBytes(32, 11);
  WriteFileOrDie(dir_ / "unseal.key", key);
  RunResult r = Keyrite({"split", "-t", "3", "-n", "5", "--format", "vault", "--in",
                         dir_ / "unseal.key", "--out", dir_ / "v"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  struct stat st {};
  ASSERT_EQ(stat((dir_ / "v/vault-share-1-of-5.txt").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(ReadFileOrEmpty(dir_ / "v/vault-share-2-of-5.txt").size(), 45u);  // 44 base64 + \n
  r = Keyrite({"combine", "--format", "vault", "--check", dir_ / "v/vault-check.json",
               dir_ / "v/vault-share-5-of-5.txt", dir_ / "v/vault-share-2-of-5.txt",
               dir_ / "v/vault-share-3-of-5.txt", "--out", dir_ / "key.bin"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadFileOrEmpty(dir_ / "key.bin"), key);
  EXPECT_EQ(r.err.find("no integrity check"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("matches the check value"), std::string::npos) << r.out;
  // Two shares: the check file knows the threshold.
  r = Keyrite({"combine", "--format", "vault", "--check", dir_ / "v/vault-check.json",
               dir_ / "v/vault-share-1-of-5.txt", dir_ / "v/vault-share-2-of-5.txt", "--out",
               dir_ / "two.bin"});
  EXPECT_EQ(r.exit_code, 5) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "two.bin"));
}

TEST_F(LegacyFormatsTest, VaultHexSharesAndMissingCheckWarns) {
  WriteFileOrDie(dir_ / "unseal.key", TestBytes(32, 12));
  RunResult r = Keyrite({"split", "-t", "2", "-n", "3", "--format", "vault-hex", "--in",
                         dir_ / "unseal.key", "--out", dir_ / "h"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadFileOrEmpty(dir_ / "h/vault-share-1-of-3.txt").size(), 67u);  // 66 hex + \n
  r = Keyrite({"combine", "--format", "vault", dir_ / "h/vault-share-3-of-3.txt",
               dir_ / "h/vault-share-1-of-3.txt", "--stdout"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, TestBytes(32, 12));
  EXPECT_NE(r.err.find("no integrity check"), std::string::npos) << r.err;
  // A check file of another split is a clear failure, and nothing is written.
  WriteFileOrDie(dir_ / "other.key", TestBytes(32, 13));
  r = Keyrite({"split", "-t", "2", "-n", "3", "--format", "vault", "--in", dir_ / "other.key",
               "--out", dir_ / "o"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = Keyrite({"combine", "--format", "vault", "--check", dir_ / "o/vault-check.json",
               dir_ / "h/vault-share-3-of-3.txt", dir_ / "h/vault-share-1-of-3.txt", "--out",
               dir_ / "wrong.bin"});
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "wrong.bin"));
}

TEST_F(LegacyFormatsTest, VaultBadShareIsNamed) {
  WriteFileOrDie(dir_ / "keys.txt",
                 "Unseal Key 1: AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g\n"
                 "Unseal Key 2: not*base64\n");
  const RunResult r = Keyrite({"combine", "--format", "vault", dir_ / "keys.txt", "--stdout"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("keys.txt line 2"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

}  // namespace
}  // namespace keyrite::testing
