// End-to-end: the `keyrite` launcher runs a plain split itself, with none of the engine's heavy
// libraries loaded, and hands every other command line to keyrite-engine beside it, unchanged.
// A copy of the launcher alone in a directory shows which process ran what: there, only a plain
// split can succeed, and everything else reports that the engine cannot be run.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "e2e_util.h"

namespace keyrite::testing {
namespace {

namespace fs = std::filesystem;

class LauncherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    secret_ = TestBytes(32, 11);
    WriteFileOrDie(dir_ / "secret.bin", secret_);
    fs::copy_file(KeyriteBinary(), alone_ / "keyrite");
  }
  RunResult Alone(std::vector<std::string> args, const RunOptions& options = {}) const {
    args.insert(args.begin(), alone_ / "keyrite");
    return RunProgram(args, options);
  }
  void ExpectHandedToTheEngine(const RunResult& r) const {
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err, "keyrite: cannot run " + (alone_ / "keyrite-engine") +
                         ": No such file or directory\n");
    EXPECT_EQ(r.out, "");
  }

  TempDir dir_, alone_;
  std::string secret_;
};

TEST_F(LauncherTest, LoadsNoneOfTheEnginesLibraries) {
  const RunResult launcher = RunProgram({"ldd", KeyriteBinary()});
  ASSERT_EQ(launcher.exit_code, 0) << launcher.err;
  EXPECT_NE(launcher.out.find("libsodium"), std::string::npos) << launcher.out;
  const RunResult engine = RunProgram({"ldd", fs::path(KeyriteBinary()).parent_path() /
                                                  "keyrite-engine"});
  ASSERT_EQ(engine.exit_code, 0) << engine.err;
  for (const char* heavy : {"libgpgme", "libcairo", "libzbar", "libarchive", "libtomlplusplus"}) {
    EXPECT_EQ(launcher.out.find(heavy), std::string::npos) << heavy << "\n" << launcher.out;
    EXPECT_NE(engine.out.find(heavy), std::string::npos) << heavy << "\n" << engine.out;
  }
}

TEST_F(LauncherTest, RunsAPlainSplitWithoutTheEngine) {
  const RunResult r = Alone({"split", "-t", "2", "-n", "3", "--in", dir_ / "secret.bin", "--out",
                             dir_ / "shares", "--allow-online"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Split a 32-byte secret into 3 shares; any 2 recover it."),
            std::string::npos) << r.out;
  RunOptions piped_in;
  piped_in.stdin_data = secret_;
  const RunResult to_stdout =
      Alone({"split", "--allow-online", "--threshold=2", "--shares", "3", "--out", "-"}, piped_in);
  ASSERT_EQ(to_stdout.exit_code, 0) << to_stdout.err;
  WriteFileOrDie(dir_ / "piped.txt", to_stdout.out);
  // The engine recombines what the launcher split, from files and from standard output alike.
  const RunResult files = Keyrite({"combine", SharePath(dir_ / "shares", 1, 3),
                                   SharePath(dir_ / "shares", 3, 3), "--out", dir_ / "a.bin"});
  ASSERT_EQ(files.exit_code, 0) << files.err;
  EXPECT_EQ(ReadFileOrEmpty(dir_ / "a.bin"), secret_);
  const RunResult piped = Keyrite({"combine", dir_ / "piped.txt", "--out", dir_ / "b.bin"});
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_EQ(ReadFileOrEmpty(dir_ / "b.bin"), secret_);
}

TEST_F(LauncherTest, FailsAPlainSplitInTheEnginesWords) {
  // Refusals of the split itself (not of its command line) are the launcher's, with the same
  // message and exit code as the engine gives.
  const std::vector<std::string> args = {"split", "-t", "4", "-n", "3", "--in",
                                         dir_ / "secret.bin", "--out", dir_ / "x",
                                         "--allow-online"};
  const RunResult here = Alone(args);
  std::vector<std::string> engine_args = args;
  engine_args.insert(engine_args.begin(),
                     fs::path(KeyriteBinary()).parent_path() / "keyrite-engine");
  const RunResult there = RunProgram(engine_args);
  EXPECT_NE(here.exit_code, 0);
  EXPECT_EQ(here.exit_code, there.exit_code);
  EXPECT_EQ(here.err, there.err);
  EXPECT_NE(here.err.find("keyrite: split: the threshold (4) cannot exceed the number of shares (3)\n"),
            std::string::npos) << here.err;  // maybe after the --allow-online warning
  EXPECT_FALSE(fs::exists(dir_ / "x"));
}

TEST_F(LauncherTest, HandsEveryOtherCommandLineToTheEngine) {
  const std::string in = dir_ / "secret.bin";
  const std::vector<std::vector<std::string>> others = {
      {"doctor"},
      {"--version"},
      {"split", "--help"},
      {"--json", "split", "-t", "2", "-n", "3", "--in", in, "--out", dir_ / "j"},
      {"split", "-t", "2", "-n", "3", "--in", in, "--out", dir_ / "j", "--json"},
      {"split", "-t", "2", "-n", "3", "--in", in, "--out", dir_ / "p", "--print", dir_ / "s"},
      {"split", "-t", "2", "-n", "3", "--binary", "--in", in, "--out", dir_ / "b"},
      {"split", "-t", "2", "-n", "3", "--format", "vault", "--in", in, "--out", dir_ / "v"},
      {"split", "-t", "0", "-n", "3", "--in", in, "--out", dir_ / "z"},  // refused by the parser
      {"split", "-t", "2", "-n", "3", "--in", in},                       // no --out
      {"split", "-t", "2", "-n", "3", "--in", in, "--out", dir_ / "e", "extra"},
      {"split", "--record", dir_ / "t.jsonl", "-t", "2", "-n", "3", "--in", in, "--out", "-"},
  };
  for (const std::vector<std::string>& args : others) {
    SCOPED_TRACE(args.back());
    ExpectHandedToTheEngine(Alone(args));
  }
  for (const char* left : {"j", "p", "s", "b", "v", "z", "e"}) EXPECT_FALSE(fs::exists(dir_ / left));
}

TEST_F(LauncherTest, TheEngineAnswersWhatWasHandedToIt) {
  const RunResult version = RunKeyrite({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("keyrite ", 0), 0U) << version.out;
  const RunResult json = Keyrite({"--json", "split", "-t", "2", "-n", "3", "--in",
                                  dir_ / "secret.bin", "--out", dir_ / "j"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_NE(json.out.find("\"command\":\"split\""), std::string::npos) << json.out;
  EXPECT_NE(json.out.find("\"ok\":true"), std::string::npos) << json.out;
  const RunResult zero = Keyrite({"split", "-t", "0", "-n", "3", "--in", dir_ / "secret.bin",
                                  "--out", dir_ / "z"});
  EXPECT_EQ(zero.exit_code, 2) << zero.err;
  EXPECT_NE(zero.err.find("--threshold"), std::string::npos) << zero.err;
}

}  // namespace
}  // namespace keyrite::testing
