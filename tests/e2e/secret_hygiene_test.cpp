// No secret on disk: split a known secret and combine it, then search every file under the
// test's directory for the secret in raw, hex and base32 form. Only the requested output may
// hold it.

#include <gtest/gtest.h>


#include "e2e_util.h"
#include "secret_search.h"

namespace keyrite::testing {
namespace {

TEST(SecretHygiene, SplitAndCombineLeaveTheSecretOnlyInTheRequestedOutput) {
  TempDir dir;
  const std::string secret = TestBytes(32, 42);
  RunOptions in_dir{secret, dir.path(), {{"TMPDIR", dir.path()}, {"HOME", dir.path()}}};
  ASSERT_EQ(Keyrite({"split", "-t", "3", "-n", "5", "--out", "shares"}, in_dir).exit_code, 0);
  RunOptions quiet{"", dir.path(), in_dir.env};
  const RunResult r = Keyrite({"combine", SharePath("shares", 2, 5), SharePath("shares", 4, 5),
                               SharePath("shares", 5, 5), "--out", "recovered.bin"}, quiet);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadFileOrEmpty(dir / "recovered.bin"), secret);
  EXPECT_EQ(FilesHolding(dir.path(), SecretForms(secret)), std::vector<std::string>{dir / "recovered.bin"});
  EXPECT_EQ(r.out.find(Hex(secret)), std::string::npos);
}

TEST(SecretHygiene, TheSearchFindsAPlantedLeak) {
  // The search above must be able to fail: a file with the secret in hex is found.
  TempDir dir;
  const std::string secret = TestBytes(32, 43);
  WriteFileOrDie(dir / "leak.txt", "key=" + Upper(Hex(secret)) + "\n");
  WriteFileOrDie(dir / "leak32.txt", Base32(secret.substr(0, 16)));
  EXPECT_EQ(FilesHolding(dir.path(), SecretForms(secret)).size(), 2u);
}

}  // namespace
}  // namespace keyrite::testing
