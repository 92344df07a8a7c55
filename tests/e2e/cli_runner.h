#pragma once
// Runs the built keyrite binary as a user would: arguments, standard input, a working directory,
// extra environment; captures exit code, stdout and stderr. Stdin/stdout are pipes, never a TTY.

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
