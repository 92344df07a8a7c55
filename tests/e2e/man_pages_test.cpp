// Every command has a man page, and every option that --help lists appears in it; every
// --help has an example.

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "e2e_util.h"

namespace keyrite::testing {
namespace {

const char* const kCommands[] = {"doctor", "keygen", "split", "combine", "shards", "paper", "snapshot"};

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

}  // namespace
}  // namespace keyrite::testing
