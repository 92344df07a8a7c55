#include "support/gpg_fixture.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace keyrite::test_support {
namespace {

namespace fs = std::filesystem;
constexpr std::int64_t kDay = 86400;

struct KeyPlan {  // what quick-gen-key / quick-add-key are asked for
  const char* primary_algo;
  const char* subkey_algo;  // nullptr: no subkey
};

KeyPlan PlanFor(Algo algo) {
  switch (algo) {
    case Algo::kEd25519Cv25519:
      return {"ed25519", "cv25519"};
    case Algo::kRsa3072:
      return {"rsa3072", "rsa3072"};
    case Algo::kRsa1024:
      return {"rsa1024", "rsa1024"};
    case Algo::kSignOnly:
      return {"ed25519", nullptr};
  }
  return {"ed25519", "cv25519"};
}

std::string Slug(const std::string& name) {
  std::string out;
  for (char c : name) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
  return out.empty() ? "custodian" : out;
}

// Field `index` (0-based) of the first colon-listing line whose type is `type`.
std::string ColonField(const std::string& listing, const std::string& type, std::size_t index) {
  std::istringstream lines(listing);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(type + ":", 0) != 0) continue;
    std::vector<std::string> fields;
    std::istringstream cells(line);
    for (std::string cell; std::getline(cells, cell, ':');) fields.push_back(cell);
    return index < fields.size() ? fields[index] : "";
  }
  return "";
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

// Reads both pipes until both are closed, so a chatty child never blocks on a full pipe.
void Drain(int out_fd, int err_fd, GpgRun& run) {
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  std::string* sinks[2] = {&run.out, &run.err};
  int open_count = 2;
  while (open_count > 0) {
    if (poll(fds, 2, -1) < 0 && errno != EINTR) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      char buf[4096];
      const ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        sinks[i]->append(buf, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        fds[i].fd = -1;
        --open_count;
      }
    }
  }
}

}  // namespace

GpgFixture::GpgFixture() {
  const char* tmpdir = std::getenv("TMPDIR");
  std::string pattern =
      std::string(tmpdir != nullptr && tmpdir[0] != '\0' ? tmpdir : "/tmp") + "/kr-gpg-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  base_dir_ = pattern;
}

GpgFixture::GpgFixture(fs::path base_dir) : base_dir_(std::move(base_dir)) {
  fs::create_directories(base_dir_.parent_path());
  if (!fs::create_directory(base_dir_)) {
    throw std::runtime_error(base_dir_.string() + " already exists");
  }
  fs::permissions(base_dir_, fs::perms::owner_all, fs::perm_options::replace);
}

GpgFixture::~GpgFixture() {
  for (const fs::path& home : homes_) StopAgent(home);
  std::error_code ec;
  for (int attempt = 0; attempt < 20 && fs::exists(base_dir_, ec); ++attempt) {
    fs::remove_all(base_dir_, ec);  // an agent may still be removing its sockets: retry
    if (ec) usleep(50 * 1000);
  }
}

GpgRun GpgFixture::Run(const std::vector<std::string>& argv) {
  int out_pipe[2], err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe failed");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out_pipe[1]);
  close(err_pipe[1]);
  GpgRun run;
  if (spawned == 0) Drain(out_pipe[0], err_pipe[0], run);
  close(out_pipe[0]);
  close(err_pipe[0]);
  if (spawned != 0) throw std::runtime_error("cannot start " + argv[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

fs::path GpgFixture::NewHome(const std::string& name) {
  const fs::path home = base_dir_ / ("h" + std::to_string(homes_.size()) + "-" + Slug(name));
  fs::create_directory(home);
  fs::permissions(home, fs::perms::owner_all, fs::perm_options::replace);
  // s2k-count at its minimum: protecting a throwaway key takes microseconds instead of a second.
  WriteFile(home / "gpg-agent.conf", "allow-loopback-pinentry\ns2k-count 65536\n");
  homes_.push_back(home);
  return home;
}

GpgRun GpgFixture::GpgIn(const fs::path& home, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"gpg",     "--homedir", home.string(),
                                   "--batch", "--yes",     "--no-auto-check-trustdb"};
  argv.insert(argv.end(), args.begin(), args.end());
  return Run(argv);
}

GpgRun GpgFixture::MustGpgIn(const fs::path& home, const std::vector<std::string>& args) {
  GpgRun run = GpgIn(home, args);
  if (run.exit_code != 0) {
    std::string command;
    for (std::size_t i = 0; i < args.size(); ++i) {
      const bool hidden = i > 0 && args[i - 1] == "--passphrase";
      command += " " + (hidden ? std::string("***") : args[i]);
    }
    throw std::runtime_error("gpg" + command + " failed: " + run.err);
  }
  return run;
}

void GpgFixture::GenerateKeys(const fs::path& home, const IdentitySpec& spec,
                              const std::string& user_id) {
  const std::int64_t now = std::time(nullptr);
  const std::optional<int> sub_days =
      spec.subkey_expires_in_days.has_value() ? spec.subkey_expires_in_days : spec.expires_in_days;
  // Already-expired keys are made in the past: gpg runs with a faked clock one day before the
  // earliest expiry, and the expiry is set to land exactly `days` from now.
  int earliest = 1;
  for (const std::optional<int>& days : {spec.expires_in_days, sub_days}) {
    if (days.has_value()) earliest = std::min(earliest, *days);
  }
  const bool in_past = earliest <= 0;
  const std::int64_t created = in_past ? now + (earliest - 1) * kDay : now;
  auto expiry = [&](const std::optional<int>& days) -> std::string {
    if (!days.has_value()) return "never";
    return "seconds=" + std::to_string(now + *days * kDay - created);
  };
  std::vector<std::string> common = {"--pinentry-mode", "loopback", "--passphrase",
                                     spec.passphrase};
  if (in_past) {
    common.insert(common.end(), {"--faked-system-time", std::to_string(created) + "!"});
  }
  const KeyPlan plan = PlanFor(spec.algo);
  std::vector<std::string> gen = common;
  gen.insert(gen.end(), {"--quick-gen-key", user_id, plan.primary_algo, "sign,cert",
                         expiry(spec.expires_in_days)});
  MustGpgIn(home, gen);
  if (plan.subkey_algo == nullptr) return;
  const std::string fpr =
      ColonField(MustGpgIn(home, {"--with-colons", "--list-keys"}).out, "fpr", 9);
  std::vector<std::string> add = common;
  add.insert(add.end(), {"--quick-add-key", fpr, plan.subkey_algo, "encr", expiry(sub_days)});
  MustGpgIn(home, add);
}

// gpg wrote a revocation certificate when it made the key; importing it revokes the key. Its
// armor line starts with ':' so that it is not imported by accident.
void GpgFixture::Revoke(const fs::path& home, const std::string& fingerprint) {
  std::string text = ReadFile(home / "openpgp-revocs.d" / (fingerprint + ".rev"));
  const std::size_t colon = text.find(":-----BEGIN PGP PUBLIC KEY BLOCK-----");
  if (colon == std::string::npos) throw std::runtime_error("no revocation certificate");
  text.erase(colon, 1);
  const fs::path rev = home / "revocation.asc";
  WriteFile(rev, text);
  MustGpgIn(home, {"--import", rev.string()});
}

Identity GpgFixture::MakeIdentity(const IdentitySpec& spec) {
  Identity id;
  id.name = spec.name;
  id.user_id = spec.name + " <" + Slug(spec.name) + "@example.org>";
  id.passphrase = spec.passphrase;
  id.home = NewHome(spec.name);
  GenerateKeys(id.home, spec, id.user_id);
  const std::string listing = MustGpgIn(id.home, {"--with-colons", "--list-keys"}).out;
  id.fingerprint = ColonField(listing, "fpr", 9);
  id.encryption_key_id = ColonField(listing, "sub", 4);
  if (spec.revoked) Revoke(id.home, id.fingerprint);
  id.asc_path = base_dir_ / (Slug(spec.name) + "-" + id.fingerprint.substr(32) + ".asc");
  MustGpgIn(id.home, {"--armor", "--output", id.asc_path.string(), "--export", id.fingerprint});
  StopAgent(id.home);  // forget cached passphrases; the next gpg call starts a fresh agent
  return id;
}

Identity GpgFixture::MakeIdentity(std::string name, Algo algo, std::string passphrase,
                                  std::optional<int> expires_in_days, bool revoked) {
  return MakeIdentity(IdentitySpec{.name = std::move(name),
                                   .algo = algo,
                                   .passphrase = std::move(passphrase),
                                   .expires_in_days = expires_in_days,
                                   .subkey_expires_in_days = std::nullopt,
                                   .revoked = revoked});
}

fs::path GpgFixture::ExportBinary(const Identity& who) {
  const fs::path path = base_dir_ / (Slug(who.name) + "-" + who.fingerprint.substr(32) + ".gpg");
  MustGpgIn(who.home, {"--output", path.string(), "--export", who.fingerprint});
  return path;
}

GpgRun GpgFixture::Gpg(const Identity& who, const std::vector<std::string>& args) {
  std::vector<std::string> all = {"--pinentry-mode", "loopback", "--passphrase", who.passphrase};
  all.insert(all.end(), args.begin(), args.end());
  return GpgIn(who.home, all);
}

GpgRun GpgFixture::StockDecrypt(const Identity& who, const fs::path& message) {
  return Gpg(who, {"--decrypt", message.string()});
}

void GpgFixture::StopAgent(const fs::path& home) {
  Run({"gpgconf", "--homedir", home.string(), "--kill", "all"});
}

}  // namespace keyrite::test_support
