#include "io/prompt.h"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cstring>

namespace keyrite::io {
namespace {

constexpr std::size_t kMaxLine = 16 * 1024;

// Turns terminal echo off for its lifetime.
class EchoOff {
 public:
  explicit EchoOff(int fd) : fd_(fd) {
    if (tcgetattr(fd_, &saved_) != 0) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;
    active_ = tcsetattr(fd_, TCSAFLUSH, &quiet) == 0;
  }
  ~EchoOff() {
    if (active_) tcsetattr(fd_, TCSAFLUSH, &saved_);
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;

 private:
  int fd_;
  termios saved_{};
  bool active_ = false;
};

class TerminalPrompter final : public Prompter {
 public:
  explicit TerminalPrompter(int fd) : fd_(fd) {}
  ~TerminalPrompter() override { close(fd_); }

  Result<secmem::SecureBytes> ReadSecretLine(std::string_view prompt) override {
    Tell(prompt);
    EchoOff quiet(fd_);
    return ReadInto();
  }

  Result<std::string> ReadLine(std::string_view prompt) override {
    Tell(prompt);
    KR_ASSIGN_OR_RETURN(secmem::SecureBytes line, ReadInto());
    return std::string(line.view());
  }

  void Tell(std::string_view message) override {
    const ssize_t rc = write(fd_, message.data(), message.size());
    (void)rc;
  }

 private:
  Result<secmem::SecureBytes> ReadInto() {
    secmem::SecureBytes buffer(kMaxLine);
    std::size_t used = 0;
    for (;;) {
      char c = 0;
      const ssize_t n = read(fd_, &c, 1);
      if (n <= 0) return Cancelled("input ended before the line was complete");
      if (c == '\n') break;
      if (used == kMaxLine) return InvalidInput("the line is longer than 16 KiB");
      buffer[used++] = static_cast<std::uint8_t>(c);
      c = 0;
    }
    return buffer.Slice(0, used);
  }

  int fd_;
};

}  // namespace

Result<std::unique_ptr<Prompter>> OpenTerminalPrompter() {
  const int fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return Refused("no terminal to ask on (/dev/tty cannot be opened)");
  return std::unique_ptr<Prompter>(new TerminalPrompter(fd));
}

Result<secmem::SecureBytes> ScriptedPrompter::ReadSecretLine(std::string_view prompt) {
  Tell(prompt);
  if (answers_.empty()) return Cancelled("input ended before the line was complete");
  secmem::SecureBytes line = secmem::SecureBytes::CopyOf(answers_.front());
  answers_.pop_front();
  return line;
}

Result<std::string> ScriptedPrompter::ReadLine(std::string_view prompt) {
  Tell(prompt);
  if (answers_.empty()) return Cancelled("input ended before the line was complete");
  std::string line = answers_.front();
  answers_.pop_front();
  return line;
}

bool IsTerminal(int fd) { return isatty(fd) == 1; }

}  // namespace keyrite::io
