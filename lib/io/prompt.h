#pragma once
// Prompter: how keyrite talks to the person at the keyboard. Secret lines (typed shares,
// passphrases) are read with echo off straight into SecureBytes. The terminal version uses
// /dev/tty, so it works while stdin/stdout are redirected; tests use ScriptedPrompter.

#include <deque>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"
#include "secmem/secure_bytes.h"

namespace keyrite::io {

class Prompter {
 public:
  virtual ~Prompter() = default;
  // One line, echo off, without its newline. Cancelled at end of input.
  virtual Result<secmem::SecureBytes> ReadSecretLine(std::string_view prompt) = 0;
  // One line of public text (initials, serial numbers), echoed.
  virtual Result<std::string> ReadLine(std::string_view prompt) = 0;
  virtual void Tell(std::string_view message) = 0;
};

// The controlling terminal; Refused when there is none.
Result<std::unique_ptr<Prompter>> OpenTerminalPrompter();

// Answers from a list, in order; records what it was told.
class ScriptedPrompter final : public Prompter {
 public:
  explicit ScriptedPrompter(std::deque<std::string> answers) : answers_(std::move(answers)) {}
  Result<secmem::SecureBytes> ReadSecretLine(std::string_view prompt) override;
  Result<std::string> ReadLine(std::string_view prompt) override;
  void Tell(std::string_view message) override { told_ += std::string(message) + "\n"; }
  const std::string& told() const { return told_; }

 private:
  std::deque<std::string> answers_;
  std::string told_;
};

// Whether a file descriptor is a terminal (used to refuse secrets on a screen by accident).
bool IsTerminal(int fd);

}  // namespace keyrite::io
