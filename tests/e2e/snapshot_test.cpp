// End-to-end: keyrite snapshot verify on a checked-in snapshot (tests/data/snapshot/sample.krsnap,
// written by lib/snapshot's WriteSnapshot with throwaway keys: members unsealer.json, 300 bytes,
// and keystore, 100000 bytes, of seeded random data, unsealer 0123456789abcdef; its public key is
// sample.pub; rewrite both whenever the format changes) and damaged copies of it; keyrite
// snapshot inspect-vault on raft snapshots built here with tar and gzip.

#include <gtest/gtest.h>

#include <cstdlib>

#include "e2e_util.h"

namespace keyrite::testing {
namespace {

const std::string kData = std::string(KEYRITE_SOURCE_ROOT) + "/tests/data/snapshot/";
const std::string kSample = kData + "sample.krsnap";
const std::string kPubFile = kData + "sample.pub";
constexpr const char* kId = "0123456789abcdef";

std::string PubHex() {
  std::string hex = ReadFileOrEmpty(kPubFile);
  while (!hex.empty() && hex.back() == '\n') hex.pop_back();
  return hex;
}

RunResult Verify(const std::string& file, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"snapshot", "verify", file};
  args.insert(args.end(), extra.begin(), extra.end());
  return RunKeyrite(args);
}

TEST(SnapshotVerify, AGoodSnapshotVerifiesWithEitherFormOfTheKey) {
  const RunResult a = Verify(kSample, {"--pubkey-file", kPubFile, "--unsealer-id", kId});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_NE(a.out.find("snapshot verified"), std::string::npos) << a.out;
  EXPECT_NE(a.out.find("keystore"), std::string::npos);
  EXPECT_NE(a.out.find(kId), std::string::npos);
  const RunResult b = Verify(kSample, {"--pubkey", PubHex()});
  EXPECT_EQ(b.exit_code, 0) << b.err;
  const RunResult j = RunKeyrite({"--json", "snapshot", "verify", kSample, "--pubkey", PubHex()});
  ASSERT_EQ(j.exit_code, 0) << j.err;
  EXPECT_NE(j.out.find("\"ok\":true"), std::string::npos) << j.out;
  EXPECT_NE(j.out.find("\"unsealer_id\":\"0123456789abcdef\""), std::string::npos) << j.out;
}

TEST(SnapshotVerify, AnotherUnsealerOrKeyIsAMismatch) {
  const RunResult r = Verify(kSample, {"--pubkey", PubHex(), "--unsealer-id", "fedcba9876543210"});
  EXPECT_EQ(r.exit_code, 6);
  EXPECT_NE(r.err.find("bound to unsealer 0123456789abcdef, expected fedcba9876543210"),
            std::string::npos)
      << r.err;
  std::string other = PubHex();
  other[0] = other[0] == '0' ? '1' : '0';
  const RunResult k = Verify(kSample, {"--pubkey", other});
  EXPECT_EQ(k.exit_code, 6);
  EXPECT_NE(k.err.find("signed by another key"), std::string::npos) << k.err;
}

TEST(SnapshotVerify, DamageIsCorruptAndNamed) {
  TempDir dir;
  const std::string good = ReadFileOrEmpty(kSample);
  ASSERT_GT(good.size(), 100'000u);
  struct Case {
    std::string bytes;
    const char* says;
  };
  std::string flipped = good;
  flipped[5000] = static_cast<char>(flipped[5000] ^ 0x10);
  const Case cases[] = {
      {flipped, "chunk 1 of 2: altered"},
      {good.substr(0, good.size() / 2), "truncated in chunk 1 of 2"},
      {good + "xyz", "3 bytes after the end"},
  };
  for (const Case& c : cases) {
    WriteFileOrDie(dir / "bad.krsnap", c.bytes);
    const RunResult r = Verify(dir / "bad.krsnap", {"--pubkey-file", kPubFile});
    EXPECT_EQ(r.exit_code, 4) << c.says;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << r.err;
  }
}

TEST(SnapshotVerify, UsageErrors) {
  EXPECT_EQ(Verify(kSample).exit_code, 2);  // no key
  EXPECT_EQ(Verify(kSample, {"--pubkey", PubHex(), "--pubkey-file", kPubFile}).exit_code, 2);
  EXPECT_EQ(Verify(kSample, {"--pubkey", "abcd"}).exit_code, 2);
  EXPECT_EQ(Verify(kSample, {"--pubkey", PubHex(), "--unsealer-id", "xyz"}).exit_code, 2);
  EXPECT_EQ(Verify(kData + "no-such.krsnap", {"--pubkey", PubHex()}).exit_code, 7);
  const RunResult r = Verify(kPubFile, {"--pubkey", PubHex()});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("not a keyrite snapshot"), std::string::npos) << r.err;
}

class InspectVault : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::system("command -v tar >/dev/null && command -v gzip >/dev/null") != 0) {
      GTEST_SKIP() << "tar and gzip are needed to build test archives";
    }
    const std::string meta = R"({"Version":1,"ID":"2-9-1","Index":9,"Term":2,"Size":5})";
    WriteFileOrDie(dir_ / "meta.json", meta);
    WriteFileOrDie(dir_ / "state.bin", "state");
    WriteFileOrDie(dir_ / "SHA256SUMS.sealed", "sealed");
    const std::string sums = "cd " + dir_.path() + " && sha256sum meta.json state.bin > SHA256SUMS";
    ASSERT_EQ(std::system(sums.c_str()), 0);
  }
  std::string Tar(const std::string& name, const std::string& members) {
    const std::string cmd = "cd " + dir_.path() + " && tar -czf " + name + " " + members;
    EXPECT_EQ(std::system(cmd.c_str()), 0);
    return dir_ / name;
  }
  TempDir dir_;
};

TEST_F(InspectVault, AGoodSnapshotShowsItsMetadata) {
  const RunResult r = RunKeyrite(
      {"snapshot", "inspect-vault", Tar("raft.snap", "meta.json state.bin SHA256SUMS SHA256SUMS.sealed")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("SHA256SUMS matches"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"ID\": \"2-9-1\""), std::string::npos) << r.out;
}

TEST_F(InspectVault, MissingMemberAndTruncationFail) {
  const RunResult missing = RunKeyrite(
      {"snapshot", "inspect-vault", Tar("a.snap", "meta.json state.bin SHA256SUMS")});
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_NE(missing.err.find("'SHA256SUMS.sealed' is missing"), std::string::npos) << missing.err;
  const std::string good =
      ReadFileOrEmpty(Tar("b.snap", "meta.json state.bin SHA256SUMS SHA256SUMS.sealed"));
  WriteFileOrDie(dir_ / "cut.snap", good.substr(0, good.size() / 2));
  const RunResult cut = RunKeyrite({"snapshot", "inspect-vault", dir_ / "cut.snap"});
  EXPECT_EQ(cut.exit_code, 4);
  EXPECT_NE(cut.err.find("truncated"), std::string::npos) << cut.err;
}

}  // namespace
}  // namespace keyrite::testing
