// The bash and zsh completion scripts, generated from the command definitions: run in the real
// shells, they offer every command, every subcommand and every long option that --help lists,
// and file names after an option that takes a value.

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "e2e_util.h"
#include "help_text.h"

namespace keyrite::testing {
namespace {

std::string Script(const std::string& shell) {
  const RunResult r = RunKeyrite({"completion", shell});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

std::string Quoted(const std::string& word) { return "'" + word + "'"; }

// What bash completes for `keyrite WORDS... CUR`, one candidate per element.
std::set<std::string> BashComplete(const std::string& script_path,
                                   const std::vector<std::string>& words, const std::string& cur,
                                   const std::string& cwd = "") {
  std::string array = "keyrite";
  for (const std::string& w : words) array += " " + Quoted(w);
  array += " " + Quoted(cur);
  const std::string program = "source " + Quoted(script_path) + "; COMP_WORDS=(" + array +
                              "); COMP_CWORD=" + std::to_string(words.size() + 1) +
                              "; _keyrite; printf '%s\\n' \"${COMPREPLY[@]}\"";
  RunOptions options;
  options.cwd = cwd;
  const RunResult r = RunProgram({"bash", "--norc", "-c", program}, options);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::set<std::string> out;
  std::string line;
  for (const char c : r.out) {
    if (c != '\n') { line += c; continue; }
    if (!line.empty()) out.insert(line);
    line.clear();
  }
  return out;
}

// Every command path: {}, {"unsealer"}, {"unsealer", "init"}, ... from --help itself.
std::vector<std::vector<std::string>> CommandPaths() {
  std::vector<std::vector<std::string>> paths = {{}};
  for (std::size_t i = 0; i < paths.size(); ++i) {
    std::vector<std::string> args = paths[i];
    args.push_back("--help");
    for (const std::string& sub : Subcommands(RunKeyrite(args).out)) {
      std::vector<std::string> next = paths[i];
      next.push_back(sub);
      paths.push_back(next);
    }
  }
  return paths;
}

class CompletionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    bash_ = dir_ / "keyrite.bash";
    WriteFileOrDie(bash_, Script("bash"));
  }
  TempDir dir_;
  std::string bash_;
};

TEST_F(CompletionTest, BashOffersEveryOptionThatHelpListsAtEveryLevel) {
  const std::vector<std::vector<std::string>> paths = CommandPaths();
  ASSERT_GT(paths.size(), 30u) << "--help lists too few commands for this test to mean anything";
  for (const std::vector<std::string>& path : paths) {
    std::vector<std::string> help_args = path;
    help_args.push_back("--help");
    const RunResult help = RunKeyrite(help_args);
    const std::set<std::string> offered = BashComplete(bash_, path, "--");
    std::string where = "keyrite";
    for (const std::string& w : path) where += " " + w;
    for (const std::string& option : ListedOptions(help.out)) {
      EXPECT_TRUE(offered.count("--" + option)) << where << " does not complete --" << option;
    }
    for (const std::string& sub : Subcommands(help.out)) {
      EXPECT_TRUE(BashComplete(bash_, path, "").count(sub)) << where << " does not complete " << sub;
    }
  }
}

TEST_F(CompletionTest, BashCompletesAPrefixToOneCommand) {
  EXPECT_EQ(BashComplete(bash_, {}, "unse"), std::set<std::string>{"unsealer"});
  EXPECT_EQ(BashComplete(bash_, {"unsealer"}, "pr"), std::set<std::string>{"prove"});
  EXPECT_TRUE(BashComplete(bash_, {"unsealer", "init"}, "--cu").count("--custodian"));
  // An option of another command is not offered here.
  EXPECT_FALSE(BashComplete(bash_, {"split"}, "--").count("--holder"));
}

TEST_F(CompletionTest, BashCompletesFileNamesAfterAnOptionThatTakesOne) {
  WriteFileOrDie(dir_ / "shard-alice.asc", "x");
  const std::set<std::string> got = BashComplete(bash_, {"combine", "--in"}, "shard-", dir_.path());
  EXPECT_EQ(got, std::set<std::string>{"shard-alice.asc"});
}

// zsh: the script is run with compadd and _files replaced by stubs that print what they were
// given, so no completion system is needed. Skipped where zsh is not installed.
std::string ZshComplete(const std::string& script_path, const std::vector<std::string>& words) {
  std::string array = "keyrite";
  for (const std::string& w : words) array += " " + Quoted(w);
  const std::string program = "compadd() { shift; print -l -- \"$@\"; }; _files() { print FILES; }; "
                              "words=(" + array + "); CURRENT=" + std::to_string(words.size() + 1) +
                              "; source " + Quoted(script_path);
  const RunResult r = RunProgram({"zsh", "-f", "-c", program});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

TEST_F(CompletionTest, ZshOffersCommandsOptionsAndFiles) {
  if (RunProgram({"zsh", "-f", "-c", "true"}).exit_code != 0) GTEST_SKIP() << "zsh is not installed";
  const std::string zsh = dir_ / "_keyrite";
  WriteFileOrDie(zsh, Script("zsh"));
  EXPECT_EQ(RunProgram({"zsh", "-n", zsh}).exit_code, 0);
  EXPECT_NE(ZshComplete(zsh, {""}).find("\nunsealer\n"), std::string::npos);
  const std::string init = ZshComplete(zsh, {"unsealer", "init", ""});
  EXPECT_NE(init.find("--custodian"), std::string::npos) << init;
  EXPECT_EQ(init.find("\nprove\n"), std::string::npos) << init;
  EXPECT_EQ(ZshComplete(zsh, {"combine", "--in", ""}), "FILES\n");
}

TEST(Completion, RefusesAnUnknownShell) {
  const RunResult r = RunKeyrite({"completion", "fish"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("fish"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace keyrite::testing
