// End-to-end: keyrite split --to / combine / shards verify with real gpg and throwaway custodians
// (GpgFixture). Custodian keys have no passphrase here (the harness has no terminal for pinentry;
// the passphrase path is tested in tests/unit/shards_test.cpp). Every test's GNUPGHOMEs live
// inside its temporary directory, so the searches for leaked secrets cover them too.

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "e2e_util.h"
#include "secret_search.h"
#include "support/gpg_fixture.h"

namespace keyrite::testing {
namespace {

namespace fs = std::filesystem;
using test_support::Algo;
using test_support::GpgFixture;
using test_support::Identity;

bool Exists(const std::string& path) { return access(path.c_str(), F_OK) == 0; }

class ShardsTest : public ::testing::Test {
 protected:
  ShardsTest() : gpg_(fs::path(dir_.path()) / "gnupg") {}

  RunOptions Env(std::string stdin_data = "") const {
    return {std::move(stdin_data),
            dir_.path(),
            {{"TMPDIR", dir_.path()}, {"HOME", dir_.path()}, {"GNUPGHOME", dir_ / "no-such-home"}}};
  }

  std::vector<Identity> Custodians(int n, bool with_rsa = false) {
    static const char* names[] = {"alice", "bob", "carol", "dave", "erin", "frank", "grace"};
    std::vector<Identity> out;
    for (int i = 0; i < n; ++i) {
      const Algo algo = with_rsa && i == 1 ? Algo::kRsa3072 : Algo::kEd25519Cv25519;
      out.push_back(gpg_.MakeIdentity(names[i], algo, ""));
    }
    return out;
  }

  // A keyring holding the secret keys of `who` (as a ceremony laptop's keyring would).
  Identity Ring(const std::string& name, const std::vector<Identity>& who) {
    Identity ring = gpg_.MakeIdentity(name, Algo::kEd25519Cv25519, "");
    for (const Identity& id : who) {
      const auto exported = gpg_.Gpg(id, {"--armor", "--export-secret-keys", id.fingerprint});
      EXPECT_EQ(exported.exit_code, 0) << exported.err;
      const fs::path file = ring.home / (id.name + ".sec.asc");
      WriteFileOrDie(file.string(), exported.out);
      const auto imported = gpg_.Gpg(ring, {"--import", file.string()});
      EXPECT_EQ(imported.exit_code, 0) << imported.err;
      fs::remove(file);
    }
    return ring;
  }

  RunResult Split(int t, const std::vector<Identity>& who, const std::string& out,
                  std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"split", "-t", std::to_string(t), "--in", "secret.bin",
                                     "--out", out};
    for (const Identity& id : who) args.insert(args.end(), {"--to", id.asc_path.string()});
    for (const Identity& id : who)
      args.insert(args.end(), {"--expect-fingerprint", id.fingerprint});
    args.insert(args.end(), extra.begin(), extra.end());
    return Keyrite(args, Env());
  }

  RunResult Combine(const std::vector<std::string>& inputs, const Identity& ring,
                    const std::string& out, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"combine"};
    args.insert(args.end(), inputs.begin(), inputs.end());
    args.insert(args.end(), {"--gnupghome", ring.home.string(), "--out", out});
    args.insert(args.end(), extra.begin(), extra.end());
    return Keyrite(args, Env());
  }

  std::string Shard(const std::string& set, int i, int n) const {
    return set + "/shard-" + std::to_string(i) + "-of-" + std::to_string(n) + ".asc";
  }

  // Each custodian opens their own shard with stock gpg at home; returns the share lines.
  std::vector<std::string> StockDecryptAll(const std::vector<Identity>& who,
                                           const std::string& set) {
    std::vector<std::string> lines;
    for (std::size_t i = 0; i < who.size(); ++i) {
      const auto run = gpg_.StockDecrypt(who[i], dir_ / Shard(set, int(i) + 1, int(who.size())));
      EXPECT_EQ(run.exit_code, 0) << run.err;
      EXPECT_EQ(run.out.rfind("KR1-", 0), 0u) << who[i].name;
      EXPECT_EQ(run.out.find('\n'), run.out.size() - 1) << "one line, then a newline";
      lines.push_back(run.out.substr(0, run.out.size() - 1));
    }
    return lines;
  }

  void WriteSecret() { WriteFileOrDie(dir_ / "secret.bin", secret_); }

  TempDir dir_;
  GpgFixture gpg_;
  std::string secret_ = TestBytes(32, 31);
};

TEST_F(ShardsTest, ThreeOfFiveEveryShardOpensWithStockGpgAndEveryTripleRecombines) {
  const std::vector<Identity> who = Custodians(5, /*with_rsa=*/true);
  const Identity ring = Ring("ring", who);
  WriteSecret();
  const RunResult split = Split(3, who, "shards");
  ASSERT_EQ(split.exit_code, 0) << split.err;
  fs::remove(dir_ / "secret.bin");  // from here on, only the requested outputs may hold it
  for (int i = 1; i <= 5; ++i) {
    struct stat st {};
    ASSERT_EQ(stat((dir_ / Shard("shards", i, 5)).c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0644u);
    EXPECT_NE(split.out.find(who[i - 1].user_id), std::string::npos) << split.out;
  }
  const std::vector<std::string> lines = StockDecryptAll(who, "shards");
  std::vector<std::string> outputs;
  for (int a = 1; a <= 5; ++a)
    for (int b = a + 1; b <= 5; ++b)
      for (int c = b + 1; c <= 5; ++c) {
        const std::string out = "out-" + std::to_string(a) + std::to_string(b) + std::to_string(c);
        std::vector<std::string> extra;
        if (a == 1) extra = {"--manifest", "shards/manifest.json"};
        const RunResult r =
            Combine({Shard("shards", a, 5), Shard("shards", b, 5), Shard("shards", c, 5)}, ring,
                    out, extra);
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_EQ(ReadFileOrEmpty(dir_ / out), secret_) << out;
        if (a == 1) {
          EXPECT_NE(r.out.find("(custodian " + who[b - 1].user_id + ")"), std::string::npos)
              << r.out;
        }
        EXPECT_EQ(r.out.find(Hex(secret_)), std::string::npos);
        outputs.push_back(dir_ / out);
      }
  ASSERT_EQ(outputs.size(), 10u);
  const RunResult two = Combine({Shard("shards", 2, 5), Shard("shards", 5, 5)}, ring, "out-2");
  EXPECT_EQ(two.exit_code, 5) << two.err;
  EXPECT_NE(two.err.find("need 3 shares, got 2"), std::string::npos) << two.err;
  EXPECT_FALSE(Exists(dir_ / "out-2"));
  const RunResult verify = Keyrite(
      {"shards", "verify", "shards/manifest.json", "--decrypt", "--gnupghome", ring.home.string()},
      Env());
  EXPECT_EQ(verify.exit_code, 0) << verify.err << verify.out;
  EXPECT_NE(verify.out.find("every custodian decrypted their own"), std::string::npos)
      << verify.out;
  // The search: the secret only in the requested outputs; no plain share line anywhere.
  std::sort(outputs.begin(), outputs.end());
  EXPECT_EQ(FilesHolding(dir_.path(), SecretForms(secret_)), outputs);
  std::vector<std::string> share_needles;
  for (const std::string& line : lines) {
    share_needles.push_back(line);
    share_needles.push_back(line.substr(30, 40));  // past the set id: the payload's characters
  }
  EXPECT_EQ(FilesHolding(dir_.path(), share_needles), std::vector<std::string>{});
  WriteFileOrDie(dir_ / "planted.txt", "x " + lines[3].substr(30, 40) + " y");  // it can fail
  EXPECT_EQ(FilesHolding(dir_.path(), share_needles),
            std::vector<std::string>{dir_ / "planted.txt"});
}

TEST_F(ShardsTest, FourOfSevenFromAFingerprintFileAndTheDefaultKeyring) {
  const std::vector<Identity> who = Custodians(7);
  const Identity ring = Ring("ring", who);
  WriteSecret();
  std::string fprs = "# custodians in --to order\n";
  for (const Identity& id : who) fprs += id.fingerprint + "\n";
  WriteFileOrDie(dir_ / "fingerprints.txt", fprs);
  std::vector<std::string> args = {"--json",
                                   "split",
                                   "-t",
                                   "4",
                                   "-n",
                                   "7",
                                   "--in",
                                   "secret.bin",
                                   "--out",
                                   "set",
                                   "--expect-fingerprints",
                                   "fingerprints.txt"};
  for (const Identity& id : who) args.insert(args.end(), {"--to", id.asc_path.string()});
  const RunResult split = Keyrite(args, Env());
  ASSERT_EQ(split.exit_code, 0) << split.err;
  EXPECT_NE(split.out.find("\"fingerprint_words\""), std::string::npos) << split.out;
  EXPECT_NE(split.out.find("\"manifest\":\"set/manifest.json\""), std::string::npos) << split.out;
  StockDecryptAll(who, "set");
  RunOptions default_home = Env();
  default_home.env["GNUPGHOME"] = ring.home.string();  // no --gnupghome: GNUPGHOME is used
  const std::vector<std::vector<int>> samples = {{1, 2, 3, 4}, {4, 5, 6, 7}, {1, 3, 5, 7},
                                                 {2, 4, 6, 7}, {7, 6, 1, 2}, {1, 2, 3, 4, 5, 6, 7}};
  int n = 0;
  for (const std::vector<int>& sample : samples) {
    std::vector<std::string> cmd = {"combine"};
    for (int i : sample) cmd.push_back(Shard("set", i, 7));
    const std::string out = "out-" + std::to_string(++n);
    cmd.insert(cmd.end(), {"--out", out});
    const RunResult r = Keyrite(cmd, default_home);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(ReadFileOrEmpty(dir_ / out), secret_);
  }
  const RunResult three = Keyrite(
      {"combine", Shard("set", 1, 7), Shard("set", 4, 7), Shard("set", 7, 7), "--out", "short"},
      default_home);
  EXPECT_EQ(three.exit_code, 5) << three.err;
  EXPECT_NE(three.err.find("need 4 shares, got 3"), std::string::npos) << three.err;
  const RunResult verify =
      Keyrite({"shards", "verify", "set/manifest.json", "--decrypt"}, default_home);
  EXPECT_EQ(verify.exit_code, 0) << verify.err << verify.out;
}

TEST_F(ShardsTest, AShardOfAnotherSetIsRefusedNamingIt) {
  const std::vector<Identity> who = Custodians(3);
  const Identity ring = Ring("ring", who);
  WriteSecret();
  ASSERT_EQ(Split(2, who, "a").exit_code, 0);
  // The second set imports the certificates into an existing keyring (--gnupghome).
  const RunResult b = Split(2, who, "b", {"--gnupghome", ring.home.string()});
  ASSERT_EQ(b.exit_code, 0) << b.err;
  const RunResult r = Combine({Shard("a", 1, 3), Shard("b", 2, 3)}, ring, "out");
  EXPECT_EQ(r.exit_code, 6) << r.err;
  EXPECT_NE(r.err.find(Shard("b", 2, 3)), std::string::npos) << r.err;
  EXPECT_FALSE(Exists(dir_ / "out"));
  const RunResult with_manifest =
      Combine({Shard("a", 1, 3), Shard("b", 2, 3)}, ring, "out", {"--manifest", "a/manifest.json"});
  EXPECT_EQ(with_manifest.exit_code, 6) << with_manifest.err;
  EXPECT_NE(with_manifest.err.find(Shard("b", 2, 3)), std::string::npos) << with_manifest.err;
  EXPECT_FALSE(Exists(dir_ / "out"));
}

TEST_F(ShardsTest, AShardTheKeyringCannotOpenIsRefusedNamingKeyAndCustodian) {
  std::vector<Identity> who = Custodians(2);
  who.push_back(gpg_.MakeIdentity("stranger", Algo::kEd25519Cv25519, ""));
  const Identity ring = Ring("ring", {who[0], who[1]});  // not the stranger's key
  WriteSecret();
  ASSERT_EQ(Split(2, who, "s").exit_code, 0);
  const std::string key = "0x" + who[2].encryption_key_id;
  const RunResult plain = Combine({Shard("s", 3, 3), Shard("s", 1, 3)}, ring, "out");
  EXPECT_EQ(plain.exit_code, 7) << plain.err;
  EXPECT_NE(plain.err.find(Shard("s", 3, 3)), std::string::npos) << plain.err;
  EXPECT_NE(plain.err.find(key), std::string::npos) << plain.err;
  const RunResult named =
      Combine({Shard("s", 3, 3), Shard("s", 1, 3)}, ring, "out", {"--manifest", "s/manifest.json"});
  EXPECT_EQ(named.exit_code, 7) << named.err;
  EXPECT_NE(named.err.find(key), std::string::npos) << named.err;
  EXPECT_NE(named.err.find("(custodian " + who[2].user_id + ")"), std::string::npos) << named.err;
  // The wrong custodian: bob's own keyring cannot open alice's shard.
  const RunResult wrong = Combine({Shard("s", 1, 3), Shard("s", 2, 3)}, who[1], "out",
                                  {"--manifest", "s/manifest.json"});
  EXPECT_EQ(wrong.exit_code, 7) << wrong.err;
  EXPECT_NE(wrong.err.find("0x" + who[0].encryption_key_id), std::string::npos) << wrong.err;
  EXPECT_NE(wrong.err.find("(custodian " + who[0].user_id + ")"), std::string::npos) << wrong.err;
  EXPECT_FALSE(Exists(dir_ / "out"));
  // shards verify --decrypt reports the one custodian who cannot, and the others.
  const RunResult verify = Keyrite(
      {"shards", "verify", "s/manifest.json", "--decrypt", "--gnupghome", ring.home.string()},
      Env());
  EXPECT_EQ(verify.exit_code, 7) << verify.err;
  EXPECT_NE(verify.out.find("1 of 3 shards failed"), std::string::npos) << verify.out;
}

TEST_F(ShardsTest, OneChangedByteFailsVerifyNamingTheFile) {
  const std::vector<Identity> who = Custodians(3);
  WriteSecret();
  ASSERT_EQ(Split(2, who, "s").exit_code, 0);
  const RunResult clean = Keyrite({"shards", "verify", "s/manifest.json"}, Env());
  ASSERT_EQ(clean.exit_code, 0) << clean.err;
  EXPECT_NE(clean.out.find("All 3 shards check out"), std::string::npos) << clean.out;
  const std::string path = dir_ / Shard("s", 2, 3);
  std::string bytes = ReadFileOrEmpty(path);
  const std::size_t at = bytes.find("\n\n") + 20;
  bytes[at] = bytes[at] == 'A' ? 'B' : 'A';
  WriteFileOrDie(path, bytes);
  const RunResult r = Keyrite({"shards", "verify", "s/manifest.json"}, Env());
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find(Shard("s", 2, 3)), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("has changed"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("1 of 3 shards failed"), std::string::npos) << r.out;
  fs::remove(dir_ / Shard("s", 3, 3));
  const RunResult missing = Keyrite({"--json", "shards", "verify", "s/manifest.json"}, Env());
  EXPECT_EQ(missing.exit_code, 4) << missing.err;  // the first failure decides: shard 2
  EXPECT_NE(missing.out.find(Shard("s", 3, 3)), std::string::npos) << missing.out;
  EXPECT_NE(missing.out.find("\"ok\":false"), std::string::npos) << missing.out;
}

TEST_F(ShardsTest, WeakOrStaleCertificatesAreRefusedBeforeAnyFileIsWritten) {
  const Identity alice = gpg_.MakeIdentity("alice", Algo::kEd25519Cv25519, "");
  const std::vector<Identity> bad = {
      gpg_.MakeIdentity({.name = "expired", .expires_in_days = -2}),
      gpg_.MakeIdentity({.name = "revoked", .revoked = true}),
      gpg_.MakeIdentity("signonly", Algo::kSignOnly, ""),
      gpg_.MakeIdentity("weak", Algo::kRsa1024, ""),
  };
  WriteSecret();
  for (const Identity& b : bad) {
    const RunResult r = Split(2, {alice, b}, "out");
    EXPECT_EQ(r.exit_code, 11) << b.name << ": " << r.err;
    EXPECT_NE(r.err.find(b.asc_path.string()), std::string::npos) << r.err;
    EXPECT_FALSE(Exists(dir_ / "out")) << b.name;
  }
  fs::create_directory(dir_ / "empty");
  EXPECT_EQ(Split(2, {alice, bad[3]}, "empty").exit_code, 11);
  EXPECT_TRUE(fs::is_empty(dir_ / "empty"));
}

TEST_F(ShardsTest, FingerprintAndCountMismatchesAreRefused) {
  const std::vector<Identity> who = Custodians(2);
  WriteSecret();
  std::vector<std::string> args = {"split",
                                   "-t",
                                   "2",
                                   "--in",
                                   "secret.bin",
                                   "--out",
                                   "out",
                                   "--to",
                                   who[0].asc_path.string(),
                                   "--to",
                                   who[1].asc_path.string(),
                                   "--expect-fingerprint",
                                   who[1].fingerprint,
                                   "--expect-fingerprint",
                                   who[0].fingerprint};
  const RunResult swapped = Keyrite(args, Env());
  EXPECT_EQ(swapped.exit_code, 6) << swapped.err;
  EXPECT_NE(swapped.err.find("not the expected"), std::string::npos) << swapped.err;
  EXPECT_FALSE(Exists(dir_ / "out"));
  const RunResult count = Split(2, who, "out", {"-n", "3"});
  EXPECT_EQ(count.exit_code, 2) << count.err;
  EXPECT_FALSE(Exists(dir_ / "out"));
  const RunResult stdout_shards = Split(2, who, "-");
  EXPECT_EQ(stdout_shards.exit_code, 2) << stdout_shards.err;
}

TEST_F(ShardsTest, MixedShardsBinaryShardsAndPlainShareFilesCombine) {
  const std::vector<Identity> who = Custodians(4);
  const Identity ring = Ring("ring", {who[0], who[1]});
  WriteSecret();
  ASSERT_EQ(Split(3, who, "s").exit_code, 0);
  // Carol decrypted hers at home and brought the share line; dave's shard arrives unarmored.
  const auto carol = gpg_.StockDecrypt(who[2], dir_ / Shard("s", 3, 4));
  ASSERT_EQ(carol.exit_code, 0) << carol.err;
  WriteFileOrDie(dir_ / "carol.txt", carol.out);
  const auto binary =
      gpg_.Gpg(who[1], {"--dearmor", "--output", dir_ / "bob.gpg", dir_ / Shard("s", 2, 4)});
  ASSERT_EQ(binary.exit_code, 0) << binary.err;
  const RunResult r =
      Keyrite({"--json", "combine", Shard("s", 1, 4), "carol.txt", Shard("s", 2, 4), "--gnupghome",
               ring.home.string(), "--manifest", "s/manifest.json", "--out", "out"},
              Env());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadFileOrEmpty(dir_ / "out"), secret_);
  EXPECT_NE(r.out.find("\"kind\":\"file\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"custodian\":\"" + who[2].user_id + "\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"encrypted_to\":[\"" + who[0].encryption_key_id + "\"]"),
            std::string::npos)
      << r.out;
  // An unarmored copy opens like any shard...
  const RunResult binary_shard = Keyrite({"combine", "bob.gpg", Shard("s", 1, 4), "carol.txt",
                                          "--gnupghome", ring.home.string(), "--out", "out2"},
                                         Env());
  ASSERT_EQ(binary_shard.exit_code, 0) << binary_shard.err;
  EXPECT_EQ(ReadFileOrEmpty(dir_ / "out2"), secret_);
  // ...but it is not byte for byte the file the manifest records, so with --manifest it is not.
  const RunResult recorded =
      Keyrite({"combine", "bob.gpg", Shard("s", 1, 4), "carol.txt", "--gnupghome",
               ring.home.string(), "--manifest", "s/manifest.json", "--out", "out3"},
              Env());
  EXPECT_EQ(recorded.exit_code, 6) << recorded.err;
  EXPECT_NE(recorded.err.find("bob.gpg"), std::string::npos) << recorded.err;
}

}  // namespace
}  // namespace keyrite::testing
