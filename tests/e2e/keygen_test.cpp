// End-to-end: keyrite keygen sends the private part only where asked, and it recombines to a key
// with the printed public parts.

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <regex>

#include "e2e_util.h"

namespace keyrite::testing {
namespace {

TEST(Keygen, Secp256k1IntoASplitShowsOnlyPublicParts) {
  TempDir dir;
  const RunResult r = Keyrite({"keygen", "--kind", "secp256k1", "--split", "3of5", "--out", dir / "s"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("ethereum address +0x[0-9a-fA-F]{40}"))) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("tezos address +tz2[1-9A-HJ-NP-Za-km-z]{33}"))) << r.out;
  for (int i = 1; i <= 5; ++i) EXPECT_EQ(access(SharePath(dir / "s", i, 5).c_str(), F_OK), 0);
  // Recombine any three; the recovered key must describe the same address.
  const RunResult c = Keyrite({"combine", SharePath(dir / "s", 1, 5), SharePath(dir / "s", 3, 5),
                               SharePath(dir / "s", 4, 5), "--out", dir / "key"});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_EQ(ReadFileOrEmpty(dir / "key").size(), 32u);
}

TEST(Keygen, Ed25519ToAFileWarnsAndIsSecretMode) {
  TempDir dir;
  const RunResult r = Keyrite({"keygen", "--kind", "ed25519", "--out", dir / "seed"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("warning"), std::string::npos) << r.err;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("tezos address +tz1"))) << r.out;
  struct stat st {};
  ASSERT_EQ(stat((dir / "seed").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(st.st_size, 32);
}

TEST(Keygen, RandomBytesOfTheAskedSize) {
  TempDir dir;
  const RunResult r = Keyrite({"keygen", "--kind", "random", "--bytes", "48", "--out", dir / "k"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadFileOrEmpty(dir / "k").size(), 48u);
}

TEST(Keygen, PasswordIsNeverShownUnlessAsked) {
  TempDir dir;
  const RunResult r = Keyrite({"keygen", "--kind", "password", "--length", "30", "--split", "2of3",
                               "--out", dir / "s"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const RunResult c = Keyrite({"combine", SharePath(dir / "s", 1, 3), SharePath(dir / "s", 2, 3),
                               "--out", dir / "pw"});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  const std::string password = ReadFileOrEmpty(dir / "pw");
  ASSERT_EQ(password.size(), 30u);
  EXPECT_EQ(r.out.find(password), std::string::npos);
  EXPECT_EQ(r.err.find(password), std::string::npos);
  EXPECT_EQ(c.out.find(password), std::string::npos);
}

TEST(Keygen, PasswordShownWhenAsked) {
  const RunResult r = Keyrite({"keygen", "--kind", "password", "--length", "20", "--show"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("\n[^\\s]{20}\n$"))) << r.out;
}

TEST(Keygen, NoDestinationIsAUsageError) {
  const RunResult r = Keyrite({"keygen", "--kind", "secp256k1"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("say where the private part goes"), std::string::npos) << r.err;
}

TEST(Keygen, UnknownKindIsAUsageError) {
  TempDir dir;
  const RunResult r = Keyrite({"keygen", "--kind", "rsa", "--out", dir / "k"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("secp256k1"), std::string::npos) << r.err;
  EXPECT_NE(access((dir / "k").c_str(), F_OK), 0);
}

TEST(Keygen, BadSplitSpecIsAUsageError) {
  TempDir dir;
  const RunResult r = Keyrite({"keygen", "--kind", "random", "--split", "3-5", "--out", dir / "s"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(access((dir / "s").c_str(), F_OK), 0);
}

TEST(Keygen, ExistingFileIsNeverOverwritten) {
  TempDir dir;
  WriteFileOrDie(dir / "k", "keep");
  const RunResult r = Keyrite({"keygen", "--kind", "random", "--out", dir / "k"});
  EXPECT_EQ(r.exit_code, 9) << r.err;
  EXPECT_EQ(ReadFileOrEmpty(dir / "k"), "keep");
}

TEST(Keygen, JsonHasTheAddress) {
  TempDir dir;
  const RunResult r = Keyrite({"--json", "keygen", "--kind", "secp256k1", "--split", "2of3", "--out", dir / "s"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"ethereum_address\":\"0x"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"set_id\""), std::string::npos) << r.out;
}

}  // namespace
}  // namespace keyrite::testing
