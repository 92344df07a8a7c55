// Every command has a man page, and every option that --help lists appears in it; every
// --help has an example. Commands with subcommands are checked per subcommand too: every
// subcommand that `keyrite CMD --help` lists has an example in its own --help, and each of its
// long options appears in keyrite-CMD(1).

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "e2e_util.h"
#include "help_text.h"

namespace keyrite::testing {
namespace {

const char* const kCommands[] = {"doctor",   "keygen",   "split",    "combine", "shards",
                                 "paper",    "unsealer", "keystore", "snapshot", "audit",
                                 "ceremony", "completion", "demo"};

// The commands made of subcommands, with the subcommands each must at least have (so that a
// help layout this test cannot read fails instead of checking nothing).
struct CommandWithSubcommands {
  const char* command;
  std::vector<std::string> at_least;
};
const CommandWithSubcommands kWithSubcommands[] = {
    {"unsealer", {"init", "status", "check", "rekey", "rotate", "prove", "abort"}},
    {"keystore", {"add", "import", "export", "list", "allocate", "release", "assignments"}},
    {"paper", {"print", "scan"}},
    {"shards", {"verify"}},
    {"snapshot", {"verify", "inspect-vault", "create", "restore", "seal", "open"}},
    {"audit", {"verify", "show", "print"}},
    {"ceremony", {"lint", "list", "run", "resume"}},
};

std::string ManPage(const std::string& name) {
  return ReadFileOrEmpty(std::string(KEYRITE_SOURCE_ROOT) + "/man/" + name + ".1");
}

std::string Unescape(std::string roff) {
  std::string out;
  for (std::size_t i = 0; i < roff.size(); ++i) {
    if (roff[i] == '\\' && i + 1 < roff.size() && roff[i + 1] == '-') continue;
    out += roff[i];
  }
  return out;
}

TEST(ManPages, TheProgramHasOne) {
  const std::string page = ManPage("keyrite");
  ASSERT_FALSE(page.empty());
  for (const char* command : kCommands) EXPECT_NE(page.find(command), std::string::npos) << command;
  EXPECT_NE(page.find("EXIT STATUS"), std::string::npos);
}

TEST(ManPages, EveryCommandTheProgramListsIsChecked) {
  const RunResult help = RunKeyrite({"--help"});
  ASSERT_EQ(help.exit_code, 0);
  const std::vector<std::string> listed = Subcommands(help.out);
  ASSERT_GE(listed.size(), std::size(kCommands)) << help.out;
  for (const std::string& command : listed) {
    EXPECT_NE(std::find(std::begin(kCommands), std::end(kCommands), command), std::end(kCommands))
        << "keyrite " << command << " is not in this test's list, so its man page is not checked";
  }
}

TEST(ManPages, EveryCommandHasOneListingEveryOption) {
  for (const char* command : kCommands) {
    const RunResult help = RunKeyrite({command, "--help"});
    ASSERT_EQ(help.exit_code, 0) << command;
    EXPECT_NE(help.out.find("Example:"), std::string::npos) << command << " --help has no example";
    const std::string page = Unescape(ManPage(std::string("keyrite-") + command));
    ASSERT_FALSE(page.empty()) << "man/keyrite-" << command << ".1 is missing";
    for (const std::string& option : LongOptions(help.out)) {
      if (option == "help") continue;
      EXPECT_NE(page.find("--" + option), std::string::npos)
          << "keyrite-" << command << "(1) does not mention --" << option;
    }
  }
}

TEST(ManPages, EverySubcommandHasAnExampleAndItsOptionsInThePage) {
  for (const CommandWithSubcommands& c : kWithSubcommands) {
    const RunResult help = RunKeyrite({c.command, "--help"});
    ASSERT_EQ(help.exit_code, 0) << c.command;
    const std::vector<std::string> subs = Subcommands(help.out);
    for (const std::string& want : c.at_least) {
      EXPECT_NE(std::find(subs.begin(), subs.end(), want), subs.end())
          << "keyrite " << c.command << " --help does not list " << want << ":\n" << help.out;
    }
    const std::string page = Unescape(ManPage(std::string("keyrite-") + c.command));
    ASSERT_FALSE(page.empty()) << "man/keyrite-" << c.command << ".1 is missing";
    for (const std::string& sub : subs) {
      const RunResult sub_help = RunKeyrite({c.command, sub, "--help"});
      ASSERT_EQ(sub_help.exit_code, 0) << c.command << " " << sub;
      EXPECT_NE(sub_help.out.find("Example:"), std::string::npos)
          << "keyrite " << c.command << " " << sub << " --help has no example";
      EXPECT_NE(page.find(sub), std::string::npos)
          << "keyrite-" << c.command << "(1) does not mention " << sub;
      for (const std::string& option : LongOptions(sub_help.out)) {
        if (option == "help") continue;
        EXPECT_NE(page.find("--" + option), std::string::npos)
            << "keyrite-" << c.command << "(1) does not mention --" << option << " (from "
            << c.command << " " << sub << " --help)";
      }
    }
  }
}

}  // namespace
}  // namespace keyrite::testing
