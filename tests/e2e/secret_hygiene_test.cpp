// No secret on disk: split a known secret and combine it, then search every file under the
// test's directory for the secret in raw, hex and base32 form. Only the requested output may
// hold it.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "e2e_util.h"

namespace keyrite::testing {
namespace {

std::string Hex(const std::string& bytes, bool upper) {
  static const char* lower_digits = "0123456789abcdef";
  static const char* upper_digits = "0123456789ABCDEF";
  const char* d = upper ? upper_digits : lower_digits;
  std::string out;
  for (unsigned char c : bytes) {
    out += d[c >> 4];
    out += d[c & 15];
  }
  return out;
}

std::string Base32(const std::string& bytes) {
  static const char* a = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  unsigned acc = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 5) out += a[(acc >> (bits -= 5)) & 31];
  }
  if (bits > 0) out += a[(acc << (5 - bits)) & 31];
  return out;
}

// Forms of the secret to look for; 16 bytes of it are plenty to be unique.
std::vector<std::string> Forms(const std::string& secret) {
  const std::string part = secret.substr(0, 16);
  return {part, Hex(part, false), Hex(part, true), Base32(part)};
}

std::vector<std::string> FilesHolding(const std::string& dir, const std::string& secret) {
  std::vector<std::string> hits;
  for (const std::string& f : FilesBelow(dir)) {
    const std::string content = ReadFileOrEmpty(f);
    std::string upper = content;
    std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
    for (const std::string& form : Forms(secret)) {
      if (content.find(form) != std::string::npos || upper.find(form) != std::string::npos) {
        hits.push_back(f);
        break;
      }
    }
  }
  return hits;
}

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
  EXPECT_EQ(FilesHolding(dir.path(), secret), std::vector<std::string>{dir / "recovered.bin"});
  EXPECT_EQ(r.out.find(Hex(secret, false)), std::string::npos);
}

TEST(SecretHygiene, TheSearchFindsAPlantedLeak) {
  // The search above must be able to fail: a file with the secret in hex is found.
  TempDir dir;
  const std::string secret = TestBytes(32, 43);
  WriteFileOrDie(dir / "leak.txt", "key=" + Hex(secret, true) + "\n");
  WriteFileOrDie(dir / "leak32.txt", Base32(secret.substr(0, 16)));
  EXPECT_EQ(FilesHolding(dir.path(), secret).size(), 2u);
}

}  // namespace
}  // namespace keyrite::testing
