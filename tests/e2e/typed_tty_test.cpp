// End-to-end at a real terminal: `keyrite combine --typed` driven through tmux, as a custodian
// would type at the ceremony laptop. Checks the line is accepted, a typo is named at once, and
// nothing typed is echoed to the screen.

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "e2e_util.h"

namespace keyrite::testing {
namespace {

class TmuxSession {
 public:
  explicit TmuxSession(const std::string& command) {
    name_ = "keyrite-e2e-" + std::to_string(getpid());
    ok_ = RunProgram({"tmux", "-L", name_, "new-session", "-d", "-s", name_, "-x", "250", "-y",
                      "50", command}).exit_code == 0;
  }
  ~TmuxSession() { RunProgram({"tmux", "-L", name_, "kill-server"}); }
  bool ok() const { return ok_; }
  void Type(const std::string& text) {
    RunProgram({"tmux", "-L", name_, "send-keys", "-t", name_, "-l", text});
    RunProgram({"tmux", "-L", name_, "send-keys", "-t", name_, "Enter"});
  }
  std::string Screen() {
    return RunProgram({"tmux", "-L", name_, "capture-pane", "-p", "-t", name_, "-S", "-100"}).out;
  }
  // Waits until the screen shows `text` (up to ~10 s).
  bool WaitFor(const std::string& text) {
    for (int i = 0; i < 100; ++i) {
      if (Screen().find(text) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

 private:
  std::string name_;
  bool ok_ = false;
};

std::string ShareLine(const std::string& file) {
  const std::string text = ReadFileOrEmpty(file);
  const std::size_t start = text.find("KR1-");
  return text.substr(start, text.find('\n', start) - start);
}

TEST(TypedAtATerminal, CustodiansTypeTheirLinesWithEchoOff) {
  if (RunProgram({"tmux", "-V"}).exit_code != 0) GTEST_SKIP() << "tmux is not installed";
  TempDir dir;
  const std::string secret = TestBytes(32, 11);
  ASSERT_EQ(Keyrite({"split", "-t", "3", "-n", "5", "--out", dir / "s"}, {secret, "", {}}).exit_code, 0);
  const std::string line2 = ShareLine(SharePath(dir / "s", 2, 5));
  const std::string line4 = ShareLine(SharePath(dir / "s", 4, 5));
  std::string typo = line4;
  const std::size_t pos = 4 + 6 * 2 + 1;  // second character of group 3
  typo[pos] = typo[pos] == 'A' ? 'B' : 'A';

  const std::string command = KeyriteBinary() + " combine " + SharePath(dir / "s", 1, 5) +
                              " --typed --out " + (dir / "out") + " --allow-online; sleep 30";
  TmuxSession tmux(command);
  ASSERT_TRUE(tmux.ok());
  ASSERT_TRUE(tmux.WaitFor("typed share 1: type the share line")) << tmux.Screen();
  tmux.Type(line2);
  ASSERT_TRUE(tmux.WaitFor("from group")) << tmux.Screen();
  tmux.Type("");
  ASSERT_TRUE(tmux.WaitFor("typed share 2: type the share line")) << tmux.Screen();
  tmux.Type(typo);
  ASSERT_TRUE(tmux.WaitFor("group 3 fails its check")) << tmux.Screen();
  tmux.Type(line4.substr(4 + 6 * 2));  // retype from group 3 on
  tmux.Type("");
  ASSERT_TRUE(tmux.WaitFor("Wrote")) << tmux.Screen();
  EXPECT_EQ(ReadFileOrEmpty(dir / "out"), secret);
  const std::string screen = tmux.Screen();
  EXPECT_EQ(screen.find(line2.substr(4, 11)), std::string::npos) << "typed text was echoed:\n" << screen;
  EXPECT_EQ(screen.find(line4.substr(4 + 6 * 3, 11)), std::string::npos) << screen;
}

}  // namespace
}  // namespace keyrite::testing
