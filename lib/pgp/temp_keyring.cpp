#include "pgp/temp_keyring.h"

#include <fcntl.h>
#include <gpgme.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>
#include <utility>
#include <vector>

#include "pgp/gpg_error.h"

extern char** environ;

namespace keyrite::pgp {
namespace {

// gpg-agent's longest socket name is HOME/S.gpg-agent.browser and a Unix socket path holds at
// most 107 bytes; keep a margin so gpg never fails with "socket name too long".
constexpr std::size_t kMaxHomeLength = 80;

std::string ParentDir(const TempKeyringOptions& options) {
  if (!options.parent_dir.empty()) return options.parent_dir;
  const char* tmpdir = std::getenv("TMPDIR");
  return (tmpdir != nullptr && tmpdir[0] != '\0') ? tmpdir : "/tmp";
}

Status WriteNewFile(const std::string& path, const std::string& text) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return IoError("cannot create " + path);
  const bool written = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  const bool closed = close(fd) == 0;
  return (written && closed) ? OkStatus() : IoError("cannot write " + path);
}

std::string AgentConfig(const TempKeyringOptions& options) {
  std::string config;
  if (options.allow_loopback_pinentry) config += "allow-loopback-pinentry\n";
  if (!options.pinentry_program.empty()) {
    config += "pinentry-program " + options.pinentry_program + "\n";
  }
  return config;
}

// Runs gpgconf with `args` (stdio to /dev/null) and waits for it. Best effort: used on cleanup.
void RunGpgconf(std::vector<std::string> args) {
  const char* gpgconf = gpgme_get_dirinfo("gpgconf-name");
  if (gpgconf == nullptr) return;
  args.insert(args.begin(), gpgconf);
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  for (int fd = 0; fd <= 2; ++fd) {
    posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0);
  }
  pid_t pid = 0;
  if (posix_spawn(&pid, gpgconf, &actions, nullptr, argv.data(), environ) == 0) {
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  posix_spawn_file_actions_destroy(&actions);
}

// The agent may still be removing its sockets while we remove the directory; retry briefly.
void RemoveTree(const std::string& dir) {
  for (int attempt = 0; attempt < 20; ++attempt) {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    if (!ec && !std::filesystem::exists(dir, ec)) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace

Result<TempKeyring> TempKeyring::Create(const TempKeyringOptions& options) {
  KR_RETURN_IF_ERROR(EnsureGpgme());
  std::string pattern = ParentDir(options) + "/keyrite-gpg-XXXXXX";
  if (pattern.size() > kMaxHomeLength) {
    return InvalidArgument("temporary keyring path " + pattern + " is too long for gpg-agent's " +
                           "socket; set TMPDIR to a shorter directory");
  }
  if (mkdtemp(pattern.data()) == nullptr) {  // mode 0700
    return IoError("cannot create a temporary keyring directory in " + ParentDir(options));
  }
  TempKeyring keyring(pattern, /*owned=*/true);
  const std::string config = AgentConfig(options);
  if (!config.empty()) KR_RETURN_IF_ERROR(WriteNewFile(pattern + "/gpg-agent.conf", config));
  return keyring;
}

Result<TempKeyring> TempKeyring::UseExisting(const std::string& home) {
  std::error_code ec;
  if (!std::filesystem::is_directory(home, ec)) {
    return NotFound("the keyring directory " + home + " does not exist");
  }
  return TempKeyring(home, /*owned=*/false);
}

TempKeyring::~TempKeyring() { Release(); }

TempKeyring::TempKeyring(TempKeyring&& other) noexcept
    : home_(std::move(other.home_)), owned_(std::exchange(other.owned_, false)) {}

TempKeyring& TempKeyring::operator=(TempKeyring&& other) noexcept {
  if (this != &other) {
    Release();
    home_ = std::move(other.home_);
    owned_ = std::exchange(other.owned_, false);
  }
  return *this;
}

void TempKeyring::Release() {
  if (!owned_) return;
  owned_ = false;
  RunGpgconf({"--homedir", home_, "--kill", "all"});
  RunGpgconf({"--homedir", home_, "--remove-socketdir"});  // a /run/user socket dir, if any
  RemoveTree(home_);
}

}  // namespace keyrite::pgp
