// The top of the command line: keyrite defines only the flags of the command a line names
// (cli/run.cpp), so every way of reaching help, the version or an error is checked here against
// what the whole command tree gives.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "e2e_util.h"
#include "help_text.h"

namespace keyrite::testing {
namespace {

constexpr std::size_t kCommandCount = 13;

TEST(CommandLine, TopLevelHelpListsEveryCommand) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--help"}, {"-h"}, {"--json", "--help"}}) {
    const RunResult r = RunKeyrite(args);
    EXPECT_EQ(r.exit_code, 0) << args[0];
    EXPECT_EQ(Subcommands(r.out).size(), kCommandCount) << r.out;
  }
}

TEST(CommandLine, HelpBeforeOrAfterACommandIsThatCommandsOwn) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"split", "--help"}, {"--help", "split"}, {"-h", "--json", "split"}}) {
    const RunResult r = RunKeyrite(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("Usage: keyrite split"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("--threshold"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Example"), std::string::npos) << r.out;
  }
}

TEST(CommandLine, VersionNeedsNoCommand) {
  const RunResult r = RunKeyrite({"--version"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("keyrite ", 0), 0u) << r.out;
}

TEST(CommandLine, AnUnknownOrMissingCommandIsAUsageError) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"spilt"}, {}, {"--json"}, {"--record"}}) {
    const RunResult r = RunKeyrite(args);
    EXPECT_EQ(r.exit_code, 2) << (args.empty() ? "(none)" : args[0]) << ": " << r.err;
    EXPECT_NE(r.err.find("Run with --help"), std::string::npos) << r.err;
  }
}

TEST(CommandLine, AFlagOfAnotherCommandIsRefused) {
  // --manifest is combine's, not split's.
  TempDir dir;
  const RunResult r =
      Keyrite({"split", "-t", "2", "-n", "3", "--out", dir / "s", "--manifest", "x"}, {"x", "", {}});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("--manifest"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "s"));
}

TEST(CommandLine, GlobalFlagsGoBeforeOrAfterTheCommand) {
  TempDir dir;
  for (const bool before : {true, false}) {
    const std::string out = dir / (before ? "before" : "after");
    std::vector<std::string> args = {"split", "-t", "2", "-n", "3", "--out", out};
    if (before) {
      args.insert(args.begin(), "--json");
    } else {
      args.push_back("--json");
    }
    const RunResult r = Keyrite(args, {"x", "", {}});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("\"threshold\":2"), std::string::npos) << r.out;
  }
}

}  // namespace
}  // namespace keyrite::testing
