#pragma once
// Runs the built keyrite binary as a user would: arguments, standard input, a working directory,
// extra environment; captures exit code, stdout and stderr. Stdin/stdout are pipes, never a TTY.

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace keyrite::testing {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

struct RunOptions {
  std::string stdin_data;
  std::string cwd;
  std::map<std::string, std::string> env;  // added to the inherited environment
};

// Path of the keyrite binary under test (KEYRITE_BINARY, set by meson).
std::string KeyriteBinary();
RunResult RunKeyrite(const std::vector<std::string>& args, const RunOptions& options = {});
// Runs any program (gpg, pdftoppm...).
RunResult RunProgram(const std::vector<std::string>& argv, const RunOptions& options = {});

// A program left running on a pseudo-terminal of its own: /dev/tty, stdin, stdout and stderr
// are the terminal, whose other end the test holds. For catching keyrite mid-sitting.
struct Spawned {
  pid_t pid = -1;
  int terminal = -1;  // the master side: read what it prints, write what a custodian types
};

// Starts `argv` on a new terminal. `gid` >= 0: the child takes that real, effective and saved
// group id before exec (root only), so /proc/PID ownership shows whether it is dumpable.
Spawned SpawnOnTerminal(const std::vector<std::string>& argv, const RunOptions& options,
                        int gid = -1);
// Reads the terminal into `screen` until it holds `text` or `timeout_ms` pass; true when found.
bool ReadTerminalUntil(const Spawned& child, const std::string& text, std::string& screen,
                       int timeout_ms = 20000);
void TypeLine(const Spawned& child, const std::string& line);
// Waits for the child (killing it first when `kill_it`), closes the terminal; the exit code.
int Finish(Spawned& child, bool kill_it);

// A fresh temporary directory removed (recursively) when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

std::string ReadFileOrEmpty(const std::string& path);
void WriteFileOrDie(const std::string& path, const std::string& data);
// Every regular file below `dir`, recursively.
std::vector<std::string> FilesBelow(const std::string& dir);

}  // namespace keyrite::testing
