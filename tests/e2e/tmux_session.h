#pragma once
// A real terminal for end-to-end tests: a command run inside a private tmux server, typed at and
// read from its screen as a person at the ceremony laptop would.

#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include "cli_runner.h"

namespace keyrite::testing {

inline bool HaveTmux() { return RunProgram({"tmux", "-V"}).exit_code == 0; }

class TmuxSession {
 public:
  // Starts `command` (a shell command line) in a 250x50 terminal.
  explicit TmuxSession(const std::string& command) {
    name_ = "keyrite-e2e-" + std::to_string(getpid()) + "-" + std::to_string(++sessions_);
    ok_ = RunProgram({"tmux", "-L", name_, "new-session", "-d", "-s", name_, "-x", "250", "-y",
                      "50", command}).exit_code == 0;
  }
  ~TmuxSession() { RunProgram({"tmux", "-L", name_, "kill-server"}); }
  TmuxSession(const TmuxSession&) = delete;
  TmuxSession& operator=(const TmuxSession&) = delete;

  bool ok() const { return ok_; }
  // Types `text` and Enter.
  void Type(const std::string& text) {
    RunProgram({"tmux", "-L", name_, "send-keys", "-t", name_, "-l", text});
    RunProgram({"tmux", "-L", name_, "send-keys", "-t", name_, "Enter"});
  }
  std::string Screen() {
    return RunProgram({"tmux", "-L", name_, "capture-pane", "-p", "-t", name_, "-S", "-100"}).out;
  }
  // Waits until the screen shows `text` (up to `seconds`).
  bool WaitFor(const std::string& text, int seconds = 10) { return WaitForCount(text, 1, seconds); }
  // How many times the screen shows `text`.
  int Count(const std::string& text) {
    const std::string screen = Screen();
    int n = 0;
    for (auto p = screen.find(text); p != std::string::npos; p = screen.find(text, p + 1)) ++n;
    return n;
  }
  // Waits until the screen shows `text` at least `times` times. keyrite discards what was typed
  // ahead of a prompt (TCSAFLUSH, lib/io/prompt.cpp), so a test types only once the prompt is
  // there; a prompt that repeats is told apart by its count.
  bool WaitForCount(const std::string& text, int times, int seconds = 10) {
    for (int i = 0; i < seconds * 10; ++i) {
      if (Count(text) >= times) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

 private:
  static inline int sessions_ = 0;
  std::string name_;
  bool ok_ = false;
};

}  // namespace keyrite::testing
