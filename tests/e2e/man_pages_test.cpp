// Every command has a man page, and every option that --help lists appears in it; every
// --help has an example. Commands with subcommands are checked per subcommand too: every
// subcommand that `keyrite CMD --help` lists has an example in its own --help, and each of its
// long options appears in keyrite-CMD(1).

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "e2e_util.h"

namespace keyrite::testing {
namespace {

const char* const kCommands[] = {"doctor",   "keygen",   "split",    "combine", "shards",  "paper",
                                 "unsealer", "keystore", "snapshot", "audit",   "ceremony"};

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
    {"ceremony", {"lint", "list"}},
};

std::string ManPage(const std::string& name) {
  return ReadFileOrEmpty(std::string(KEYRITE_SOURCE_ROOT) + "/man/" + name + ".1");
}

std::set<std::string> LongOptions(const std::string& help) {
  std::set<std::string> out;
  const std::regex option("--([a-z][a-z0-9-]*)");
  for (auto it = std::sregex_iterator(help.begin(), help.end(), option); it != std::sregex_iterator(); ++it) {
    out.insert((*it)[1]);
  }
  return out;
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// The names CLI11 lists under its "Subcommands:" heading (any case), one per indented line.
std::vector<std::string> Subcommands(const std::string& help) {
  std::vector<std::string> out;
  std::istringstream lines(help);
  std::string line;
  bool in_list = false;
  const std::regex entry("^ +([a-z][a-z0-9-]*)( .*)?$");
  while (std::getline(lines, line)) {
    std::smatch m;
    if (Lower(line).rfind("subcommands:", 0) == 0) {
      in_list = true;
    } else if (in_list && std::regex_match(line, m, entry)) {
      out.push_back(m[1]);
    } else if (in_list) {
      in_list = false;
    }
  }
  return out;
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
