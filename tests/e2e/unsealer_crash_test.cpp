// Crash safety of the unsealer: the fault-injection build (tests/fault) ends the process at each
// write point of init, add, allocate, rekey, prove and rotate in turn; after every crash the
// public state must check out (`unsealer status`) and a quorum must open it (`unsealer check`),
// holding either the old generation or the complete new one. Also: every single-byte change of
// the signed state or the sealed keystore is detected.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>

#include "unsealer/store.h"
#include "unsealer_fixture.h"

namespace keyrite::testing {
namespace {

namespace fs = std::filesystem;

std::string FaultyBinary() {
  const char* path = std::getenv("KEYRITE_FAULTY_BINARY");
  return path == nullptr ? "" : path;
}

class UnsealerCrashTest : public UnsealerSuite {
 protected:
  // Runs the faulty build with the sitting's keyring; `at` 0 counts the write points instead.
  RunResult Faulty(std::vector<std::string> args, const Identity* ring, long at,
                   long* points = nullptr) {
    for (std::string& a : args) {
      if (a == "u") a = u_;
    }
    std::vector<std::string> argv = {FaultyBinary()};
    argv.insert(argv.end(), args.begin(), args.end());
    if (ring != nullptr) argv.insert(argv.end(), {"--gnupghome", ring->home.string()});
    argv.push_back("--allow-online");
    RunOptions env = world_->Env();
    const std::string count_file = U("-points");
    if (at > 0) env.env["KEYRITE_FAULT_AT"] = std::to_string(at);
    if (points != nullptr) env.env["KEYRITE_FAULT_COUNT"] = count_file;
    RunResult r = RunProgram(argv, env);
    if (points != nullptr) *points = std::atol(ReadFileOrEmpty(count_file).c_str());
    return r;
  }

  std::uint64_t Generation() {
    const RunResult r = Public({"unsealer", "status", "--dir", "u", "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return r.exit_code == 0 ? Json(r)["state"]["generation"].get<std::uint64_t>() : 0;
  }

  void Restore(const std::string& saved) {
    fs::remove_all(U());
    fs::copy(saved, U(), fs::copy_options::recursive);
  }

  // Crashes `args` at every write point in turn, starting from the same saved state each time.
  void CrashEverywhere(const std::vector<std::string>& args, const Identity& ring,
                       const Identity& check_ring) {
    const std::string saved = U("-saved");
    fs::remove_all(saved);
    fs::copy(U(), saved, fs::copy_options::recursive);
    const std::uint64_t before = Generation();
    long points = 0;
    const RunResult full = Faulty(args, &ring, 0, &points);
    ASSERT_EQ(full.exit_code, 0) << full.err;
    ASSERT_GT(points, 3);
    for (long at = 1; at <= points; ++at) {
      Restore(saved);
      const RunResult crashed = Faulty(args, &ring, at);
      ASSERT_EQ(crashed.exit_code, 86) << "write point " << at << ": " << crashed.err;
      const std::uint64_t now = Generation();
      EXPECT_TRUE(now == before || now == before + 1) << "write point " << at;
      const RunResult check = world_->Sitting({"unsealer", "check", "--dir", u_}, check_ring);
      EXPECT_EQ(check.exit_code, 0) << "write point " << at << ": " << check.err;
    }
    Restore(saved);
  }
};

TEST_F(UnsealerCrashTest, InitLeavesNothingOrACompleteUnsealer) {
  ASSERT_FALSE(FaultyBinary().empty()) << "KEYRITE_FAULTY_BINARY is not set";
  std::vector<std::string> args = {"unsealer", "init", "--dir", u_ + "-fresh", "-t", "3"};
  UnsealerFixture::AddRecipients(args, "--custodian", custodians_);
  long points = 0;
  ASSERT_EQ(Faulty(args, nullptr, 0, &points).exit_code, 0);
  ASSERT_GT(points, 10);
  for (long at = 1; at <= points; ++at) {
    fs::remove_all(U("-fresh"));
    ASSERT_EQ(Faulty(args, nullptr, at).exit_code, 86) << at;
    if (!fs::exists(U("-fresh"))) continue;  // nothing, as before
    const RunResult status = world_->Public({"unsealer", "status", "--dir", u_ + "-fresh"});
    EXPECT_EQ(status.exit_code, 0) << "write point " << at << ": " << status.err;
  }
}

TEST_F(UnsealerCrashTest, AddAndAllocateAreAllOrNothing) {
  ASSERT_FALSE(FaultyBinary().empty());
  CrashEverywhere({"keystore", "add", "a", "b", "--dir", "u"}, quorum_, quorum_);
  const Identity holder = world_->People({"holder-" + u_})[0];
  std::vector<std::string> allocate = {"keystore", "allocate", "--dir", "u", "--holder", "h",
                                       "-n", "2", "--out", U("-h.asc")};
  UnsealerFixture::AddRecipients(allocate, "--to", {holder});
  // The holder's file is written after the commit; a crash may leave it, so remove it each time.
  const std::string saved = U("-saved-alloc");
  fs::copy(U(), saved, fs::copy_options::recursive);
  long points = 0;
  ASSERT_EQ(Faulty(allocate, &quorum_, 0, &points).exit_code, 0);
  for (long at = 1; at <= points; ++at) {
    Restore(saved);
    fs::remove(U("-h.asc"));
    ASSERT_EQ(Faulty(allocate, &quorum_, at).exit_code, 86) << at;
    EXPECT_EQ(world_->Sitting({"unsealer", "check", "--dir", u_}, quorum_).exit_code, 0) << at;
  }
}

TEST_F(UnsealerCrashTest, RekeyProveAndRotateAreAllOrNothing) {
  ASSERT_FALSE(FaultyBinary().empty());
  ASSERT_EQ(Sitting({"keystore", "add", "k", "--dir", "u"}, quorum_).exit_code, 0);
  std::vector<std::string> rekey = {"unsealer", "rekey", "--dir", "u"};
  UnsealerFixture::AddRecipients(rekey, "--custodian", custodians_);
  CrashEverywhere(rekey, quorum_, quorum_);
  std::vector<std::string> rekey_json = rekey;
  rekey_json.push_back("--json");
  const RunResult begun = Sitting(rekey_json, quorum_);
  ASSERT_EQ(begun.exit_code, 0) << begun.err;
  const std::string nonce = Json(begun)["state"]["pending"]["nonce"];
  CrashEverywhere({"unsealer", "prove", "--dir", "u", "--nonce", nonce}, quorum_, quorum_);
  std::vector<std::string> rotate = {"unsealer", "rotate", "--dir", "u"};
  UnsealerFixture::AddRecipients(rotate, "--custodian", custodians_);
  ASSERT_EQ(Sitting({"unsealer", "prove", "--dir", "u", "--nonce", nonce}, quorum_).exit_code, 0);
  CrashEverywhere(rotate, quorum_, quorum_);
}

// Every single-byte change of unsealer.json or of the keystore is caught before any use.
TEST_F(UnsealerCrashTest, EverySingleByteChangeOfTheStateOrKeystoreIsDetected) {
  ASSERT_EQ(Sitting({"keystore", "add", "k", "--kind", "ed25519", "--dir", "u"}, quorum_).exit_code, 0);
  const auto loaded = unsealer::LoadUnsealer(U());
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  for (const std::string& file : {std::string("unsealer.json"), loaded->state.keystore.file}) {
    const std::string path = U("/" + file);
    const std::string original = ReadFileOrEmpty(path);
    ASSERT_FALSE(original.empty());
    std::size_t detected = 0;
    for (std::size_t i = 0; i < original.size(); ++i) {
      std::string changed = original;
      changed[i] = static_cast<char>(changed[i] ^ 0x20);
      WriteFileOrDie(path, changed);
      if (!unsealer::LoadUnsealer(U()).ok()) ++detected;
    }
    WriteFileOrDie(path, original);
    EXPECT_EQ(detected, original.size()) << file;
  }
  ASSERT_TRUE(unsealer::LoadUnsealer(U()).ok());
}

}  // namespace
}  // namespace keyrite::testing
