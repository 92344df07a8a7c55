// Dice on the unsealer's generating commands, typed at a real terminal (tmux): the rolls are mixed
// into what is generated, the audit log records how many there were and never their values, and
// --dice without a terminal is refused before the quorum sits.

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "e2e_util.h"
#include "tmux_session.h"
#include "unsealer_fixture.h"

namespace keyrite::testing {
namespace {

class UnsealerDiceTest : public UnsealerSuite {
 protected:
  // A shell command line running keyrite ARGS in the fixture's directory and environment.
  std::string AtTerminal(const std::string& args) const {
    return "cd " + dir().path() + " && HOME=" + dir().path() + " TMPDIR=" + dir().path() + " " +
           KeyriteBinary() + " " + args + " --allow-online; sleep 30";
  }
  // The text of every audit log file of the unsealer.
  std::string AuditText() const {
    std::string all;
    for (const std::string& f : FilesBelow(U())) {
      if (f.find("/audit-") != std::string::npos) all += ReadFileOrEmpty(f);
    }
    return all;
  }
  bool HasEntry(const std::string& name) {
    const RunResult r = Public({"keystore", "list", "--dir", "u", "--json"});
    return r.exit_code == 0 && r.out.find("\"" + name + "\"") != std::string::npos;
  }
};

// 102 rolls: enough for a 256-bit random key (at least 100).
const char kRolls[] =
    "3141526535 2356246264 3343256124 1111166666 5252525252 "
    "6161616161 2323232323 4545454545 1212121212 6565656565 12";

TEST_F(UnsealerDiceTest, KeystoreAddMixesTypedDiceAndLogsOnlyTheirCount) {
  if (!HaveTmux()) GTEST_SKIP() << "tmux is not installed";
  TmuxSession tmux(AtTerminal("keystore add vault --kind random --dice --dir " + U() +
                              " --gnupghome " + quorum_.home.string()));
  ASSERT_TRUE(tmux.ok());
  ASSERT_TRUE(tmux.WaitFor("at least 100 times", 60)) << tmux.Screen();
  tmux.Type(kRolls);
  ASSERT_TRUE(tmux.WaitFor("Read 102 rolls", 30)) << tmux.Screen();
  for (int i = 0; i < 300 && !HasEntry("vault"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_TRUE(HasEntry("vault")) << tmux.Screen();
  const std::string screen = tmux.Screen();
  EXPECT_EQ(screen.find("3141526535"), std::string::npos) << "rolls were echoed:\n" << screen;
  const std::string audit = AuditText();
  EXPECT_NE(audit.find("dice rolls"), std::string::npos) << audit;
  EXPECT_NE(audit.find("102"), std::string::npos) << audit;
  EXPECT_EQ(audit.find("3141526535"), std::string::npos) << audit;
  for (const std::string& f : FilesBelow(dir().path())) {
    EXPECT_EQ(ReadFileOrEmpty(f).find("3141526535"), std::string::npos) << f << " holds the rolls";
  }
}

TEST_F(UnsealerDiceTest, InitMixesTypedDiceIntoTheMasterKeyAndLogsOnlyTheirCount) {
  if (!HaveTmux()) GTEST_SKIP() << "tmux is not installed";
  std::vector<std::string> args = {"unsealer", "init", "--dir", U("-diced"), "-t", "3", "--dice"};
  AddRecipients(args, "--custodian", custodians_);
  std::string line;
  for (const std::string& a : args) line += (line.empty() ? "" : " ") + a;
  TmuxSession tmux(AtTerminal(line));
  ASSERT_TRUE(tmux.ok());
  ASSERT_TRUE(tmux.WaitFor("at least 100 times", 60)) << tmux.Screen();
  tmux.Type(kRolls);
  ASSERT_TRUE(tmux.WaitFor("Read 102 rolls", 30)) << tmux.Screen();
  std::string audit;
  for (int i = 0; i < 300 && audit.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (access(U("-diced").c_str(), F_OK) != 0) continue;  // not renamed into place yet
    for (const std::string& f : FilesBelow(U("-diced"))) {
      if (f.find("/audit-") != std::string::npos) audit += ReadFileOrEmpty(f);
    }
  }
  EXPECT_NE(audit.find("\"dice rolls\""), std::string::npos) << audit << tmux.Screen();
  EXPECT_NE(audit.find("102"), std::string::npos) << audit;
  EXPECT_EQ(audit.find("3141526535"), std::string::npos) << audit;
  // The master key the dice went into opens like any other: the quorum can check it.
  const RunResult check = Sitting({"unsealer", "check", "--dir", U("-diced")}, quorum_);
  EXPECT_EQ(check.exit_code, 0) << check.err;
}

TEST_F(UnsealerDiceTest, DiceGoWithRotateNotRekey) {
  const RunResult r = Sitting({"unsealer", "rekey", "--dir", "u", "--dice"}, quorum_);
  EXPECT_EQ(r.exit_code, 2) << r.err;  // rekey has no --dice: the master key stays
}

TEST_F(UnsealerDiceTest, DiceWithoutATerminalIsRefusedBeforeTheQuorumSits) {
  const RunResult r = Sitting({"keystore", "add", "vault", "--kind", "random", "--dice", "--dir", "u"},
                              quorum_);
  EXPECT_EQ(r.exit_code, 11) << r.err;
  EXPECT_NE(r.err.find("terminal"), std::string::npos) << r.err;
  EXPECT_FALSE(HasEntry("vault"));
}

}  // namespace
}  // namespace keyrite::testing
