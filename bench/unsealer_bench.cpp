// Benchmark: an unsealer holding --entries keystore entries (default 100,000) and the read-only
// commands that need no quorum, against issue 5's goal: `unsealer status` and `keystore
// assignments` within 1 s and 100 MiB of peak RSS. Set-up: throwaway gpg custodians (real gpg,
// tests/support/gpg_fixture.h), `keyrite unsealer init` 2-of-3, then every entry added in ONE
// quorum sitting in this process (ops::OpenSitting, keys::GenerateKey, unsealer::SealEntry, one
// unsealer::Commit with one audit record per entry, as `keystore add` / `allocate` write them).
// Then each command runs --runs times as a child of the built keyrite, measured with wait4.
// Flags: --keyrite PATH (else $KEYRITE_BINARY, else cli/keyrite of this build), --entries N,
// --generated N (secp256k1 keys made with GenerateKey; later secp256k1 slots become random-kind
// entries; default all), --runs N (5), --dir DIR (made here, must not exist; else a fresh one
// under $TMPDIR; removed afterwards unless --keep), --keep. `--measure U --entries N --held H`
// measures an existing unsealer U only (N entries, H of them held).
// Prints figures and ratios; exits non-zero only when set-up or a command fails or its output does
// not hold the expected entries. See docs/performance.md.

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/rng.h"
#include "io/files.h"
#include "keys/key_material.h"
#include "ops/quorum.h"
#include "support/gpg_fixture.h"
#include "unsealer/keystore.h"
#include "unsealer/store.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace keyrite;
using test_support::Identity;

constexpr double kGoalSeconds = 1.0;
constexpr double kGoalMib = 100.0;
constexpr std::size_t kHolders = 100;

struct Options {
  std::string keyrite;
  std::size_t entries = 100000;
  std::size_t generated = SIZE_MAX;  // secp256k1 keys from GenerateKey
  int runs = 5;
  std::string dir;
  bool keep = false;
  // --measure U --held H: only the measurement, of an existing unsealer U holding --entries
  // entries of which H are held (the set-up re-runs this program so).
  std::string measure;
  std::size_t held = 0;
};

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// ---- child processes ----

struct Usage {
  double wall = 0, user = 0, sys = 0;
  long max_rss_kib = 0;
  bool ok = false;
  double rss_mib() const { return static_cast<double>(max_rss_kib) / 1024.0; }
};

double Seconds(const timeval& tv) {
  return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
}

// Runs argv with stdin from /dev/null, stdout to `out` ("": this program's), `env` added to the
// environment.
Usage Run(const std::vector<std::string>& argv, const std::string& out = "/dev/null",
          const std::map<std::string, std::string>& env = {}) {
  const auto start = Clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    for (const auto& [name, value] : env) setenv(name.c_str(), value.c_str(), 1);
    dup2(open("/dev/null", O_RDONLY), 0);
    if (!out.empty()) dup2(open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600), 1);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  rusage ru{};
  wait4(pid, &status, 0, &ru);
  Usage u;
  u.wall = Since(start);
  u.user = Seconds(ru.ru_utime);
  u.sys = Seconds(ru.ru_stime);
  u.max_rss_kib = ru.ru_maxrss;
  u.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return u;
}

// ---- set-up ----

struct World {
  std::vector<Identity> custodians;
  Identity ring;  // a keyring holding the first two custodians' secret keys
  std::string unsealer;
};

Identity MakeRing(test_support::GpgFixture& gpg, const std::vector<Identity>& who) {
  Identity ring = gpg.MakeIdentity("ring", test_support::Algo::kEd25519Cv25519, "");
  for (const Identity& id : who) {
    const auto exported = gpg.Gpg(id, {"--armor", "--export-secret-keys", id.fingerprint});
    const fs::path file = ring.home / (id.name + ".sec.asc");
    std::ofstream(file) << exported.out;
    const auto imported = gpg.Gpg(ring, {"--import", file.string()});
    fs::remove(file);
    if (exported.exit_code != 0 || imported.exit_code != 0) {
      throw std::runtime_error("could not copy " + id.name + "'s secret key: " + imported.err);
    }
  }
  return ring;
}

bool InitUnsealer(const Options& o, const World& w) {
  std::vector<std::string> argv = {o.keyrite, "unsealer", "init", "--dir", w.unsealer, "-t", "2"};
  for (const Identity& id : w.custodians) argv.insert(argv.end(), {"--custodian", id.asc_path});
  for (const Identity& id : w.custodians) {
    argv.insert(argv.end(), {"--expect-fingerprint", id.fingerprint});
  }
  argv.push_back("--allow-online");  // the benchmark machine has a network interface up
  return Run(argv, "/dev/null", {{"GNUPGHOME", w.ring.home.string()}}).ok;
}

std::string Numbered(const char* prefix, std::size_t n) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%06zu", n);
  return prefix + std::string(digits);
}

// Entry i's kind: 8 in 10 secp256k1, 1 ed25519, 1 random or password; secp256k1 slots past
// `generated` are random-kind entries.
keys::KeyKind KindOf(std::size_t i, std::size_t& secp_made, std::size_t generated) {
  if (i % 10 == 8) return keys::KeyKind::kEd25519;
  if (i % 10 == 9) return i % 20 == 9 ? keys::KeyKind::kRandom : keys::KeyKind::kPassword;
  if (secp_made >= generated) return keys::KeyKind::kRandom;
  ++secp_made;
  return keys::KeyKind::kSecp256k1;
}

// As ops/keystore.cpp records an added or allocated entry.
unsealer::Change ChangeFor(const unsealer::KeyEntry& e) {
  unsealer::AuditDetails d = {{"name", e.name}, {"kind", std::string(keys::KeyKindName(e.kind))}};
  if (!e.public_key.empty()) d.emplace_back("public_key", e.public_key);
  if (!e.address.empty()) d.emplace_back("address", e.address);
  if (!e.tezos_address.empty()) d.emplace_back("tezos_address", e.tezos_address);
  if (!e.holder.empty()) d.emplace_back("holder", e.holder);
  return {e.pool ? "keystore allocate" : "keystore add", std::move(d)};
}

struct Filled {
  std::size_t held = 0, secp256k1 = 0;
  double sitting = 0, generate = 0, commit = 0;
};

// Every odd entry is a pool entry; nine in ten of those are held by one of kHolders holders.
Status FillKeystore(const Options& o, const World& w, Filled& f) {
  auto start = Clock::now();
  KR_ASSIGN_OR_RETURN(ops::Sitting sitting,
                      ops::OpenSitting(w.unsealer, {.gnupghome = w.ring.home.string()},
                                       ops::QuorumOf::kCurrent));
  f.sitting = Since(start);
  start = Clock::now();
  const secmem::SecureBytes key = sitting.KeystoreKey();
  const std::int64_t now = SystemClock().NowUnixSeconds();
  std::vector<unsealer::KeyEntry> entries;
  std::vector<unsealer::Change> changes;
  for (std::size_t i = 0; i < o.entries; ++i) {
    const keys::KeyKind kind = KindOf(i, f.secp256k1, o.generated);
    KR_ASSIGN_OR_RETURN(const keys::KeyMaterial m, keys::GenerateKey(kind, {}, SystemRng()));
    const bool pool = i % 2 == 1;
    unsealer::KeyEntry e = unsealer::SealEntry(key, sitting.unsealer.state.id,
                                               Numbered(pool ? "pool-" : "key-", i), m, now,
                                               SystemRng());
    e.pool = pool;
    if (pool && i % 20 != 1) e.holder = Numbered("holder-", (i / 2) % kHolders);
    f.held += e.holder.empty() ? 0 : 1;
    changes.push_back(ChangeFor(e));
    entries.push_back(std::move(e));
  }
  f.generate = Since(start);
  start = Clock::now();
  KR_RETURN_IF_ERROR(unsealer::Commit(w.unsealer, &sitting.unsealer, sitting.unsealer.state,
                                      entries, changes, sitting.signing, SystemClock())
                         .status());
  f.commit = Since(start);
  return OkStatus();
}

// ---- measurement ----

struct Command {
  const char* label;
  std::vector<std::string> args;
  bool json;
  bool held_only;
};

// The run with the median wall time; ok only if every run succeeded; the largest peak RSS.
Usage Median(int runs, const std::vector<std::string>& argv) {
  std::vector<Usage> all;
  for (int i = 0; i < runs; ++i) all.push_back(Run(argv));
  std::sort(all.begin(), all.end(), [](const Usage& a, const Usage& b) { return a.wall < b.wall; });
  Usage median = all[all.size() / 2];
  for (const Usage& u : all) {
    median.ok = median.ok && u.ok;
    median.max_rss_kib = std::max(median.max_rss_kib, u.max_rss_kib);
  }
  return median;
}

std::size_t Count(const std::string& text, const std::string& marker) {
  std::size_t n = 0;
  for (std::size_t at = 0; (at = text.find(marker, at)) != std::string::npos; at += marker.size()) {
    ++n;
  }
  return n;
}

// One more run with stdout kept: the output must hold the entries the keystore holds.
bool OutputHolds(const Options& o, const Command& c, std::size_t expected) {
  const std::string out = o.measure + ".out";
  if (!Run(c.args, out).ok) return false;
  std::stringstream text;
  text << std::ifstream(out).rdbuf();
  fs::remove(out);
  if (!c.json) {  // one table line per entry: "  key-000000 …" or "  pool-000001 …"
    return Count("\n" + text.str(), "\n  key-") + Count("\n" + text.str(), "\n  pool-") == expected;
  }
  const nlohmann::json j = nlohmann::json::parse(text.str(), nullptr, false);
  return !j.is_discarded() && j.contains("entries") && j["entries"].size() == expected;
}

bool Measure(const Options& o) {
  const std::string& u = o.measure;
  const std::vector<Command> commands = {
      {"unsealer status", {o.keyrite, "unsealer", "status", "--dir", u}, false, false},
      {"unsealer status --json",
       {o.keyrite, "unsealer", "status", "--dir", u, "--json"}, true, false},
      {"keystore assignments", {o.keyrite, "keystore", "assignments", "--dir", u}, false, true},
      {"keystore assignments --json",
       {o.keyrite, "keystore", "assignments", "--dir", u, "--json"}, true, true},
      {"keystore list", {o.keyrite, "keystore", "list", "--dir", u}, false, false},
  };
  std::printf("\n%zu entries; median wall time of %d runs, largest peak RSS (ru_maxrss)\n",
              o.entries, o.runs);
  // Every command is timed before any output is checked: the checks grow this process, and a
  // child's peak RSS counts what it shares with its parent until it execs.
  std::vector<Usage> usage;
  for (const Command& c : commands) usage.push_back(Median(o.runs, c.args));
  bool ok = true;
  for (std::size_t i = 0; i < commands.size(); ++i) {
    const Command& c = commands[i];
    const Usage& m = usage[i];
    const bool holds = m.ok && OutputHolds(o, c, c.held_only ? o.held : o.entries);
    std::printf("  %-28s %5.2f s (%.2f× the 1 s goal), %5.1f MiB (%.2f× the 100 MiB goal)"
                "   user %.2f s, sys %.2f s%s\n",
                c.label, m.wall, m.wall / kGoalSeconds, m.rss_mib(), m.rss_mib() / kGoalMib,
                m.user, m.sys, holds ? "" : "  FAILED");
    ok = ok && holds;
  }
  return ok;
}

// ---- main ----

void Report(const Options& o, const World& w, const Filled& f, double gpg, double init) {
  const std::string u = w.unsealer;
  const auto state = unsealer::LoadState(u);
  const auto size = [&](const std::string& file) {
    return static_cast<double>(io::FileSize(io::JoinPath(u, file))) / (1 << 20);
  };
  std::printf("set-up: %zu entries (%zu secp256k1 from GenerateKey, %zu held by %zu holders)\n",
              o.entries, f.secp256k1, f.held, kHolders);
  std::printf("  gpg custodians and keyring %.1f s, unsealer init %.1f s, quorum sitting %.1f s,\n"
              "  generate and seal %.1f s, one commit %.1f s; total %.1f s\n",
              gpg, init, f.sitting, f.generate, f.commit,
              gpg + init + f.sitting + f.generate + f.commit);
  if (state.ok()) {
    std::printf("  keystore file %.1f MiB, audit log %.1f MiB (%llu records)\n",
                size(state->keystore.file), size(state->audit.file),
                static_cast<unsigned long long>(state->audit.count));
  }
}

std::string DefaultKeyrite() {
  if (const char* env = std::getenv("KEYRITE_BINARY")) return env;
  return (fs::read_symlink("/proc/self/exe").parent_path() / ".." / "cli" / "keyrite").string();
}

Options Parse(int argc, char** argv) {
  Options o;
  o.keyrite = DefaultKeyrite();
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--keyrite" && has_value)
      o.keyrite = argv[++i];
    else if (a == "--entries" && has_value)
      o.entries = std::stoull(argv[++i]);
    else if (a == "--generated" && has_value)
      o.generated = std::stoull(argv[++i]);
    else if (a == "--runs" && has_value)
      o.runs = std::max(1, std::stoi(argv[++i]));
    else if (a == "--dir" && has_value)
      o.dir = argv[++i];
    else if (a == "--keep")
      o.keep = true;
    else if (a == "--measure" && has_value)
      o.measure = argv[++i];
    else if (a == "--held" && has_value)
      o.held = std::stoull(argv[++i]);
    else
      throw std::invalid_argument("unknown flag " + a);
  }
  return o;
}

// The working directory: --dir (which must not exist yet) or a fresh one under $TMPDIR.
void MakeDirectory(Options& o) {
  if (!o.dir.empty()) {
    if (!fs::create_directory(o.dir)) throw std::runtime_error(o.dir + " already exists");
    return;
  }
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp ? tmp : "/tmp") + "/unsealer_bench-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot make a directory");
  o.dir = pattern;
}

// The measurement runs in this program started afresh: a child's ru_maxrss counts what it
// shared with its parent between fork and exec, and this process now holds the set-up's memory.
int MeasureInFreshProcess(const Options& o, const World& w, const Filled& f) {
  std::fflush(stdout);
  const Usage u = Run({fs::read_symlink("/proc/self/exe").string(), "--measure", w.unsealer,
                       "--held", std::to_string(f.held), "--entries", std::to_string(o.entries),
                       "--runs", std::to_string(o.runs), "--keyrite", o.keyrite},
                      "");
  return u.ok ? 0 : 1;
}

int Bench(Options& o) {
  World w;
  w.unsealer = o.dir + "/u";
  auto start = Clock::now();
  test_support::GpgFixture gpg(fs::path(o.dir) / "gnupg");
  for (const char* name : {"alice", "bob", "carol"}) {
    w.custodians.push_back(gpg.MakeIdentity(name, test_support::Algo::kEd25519Cv25519, ""));
  }
  w.ring = MakeRing(gpg, {w.custodians[0], w.custodians[1]});
  const double gpg_time = Since(start);
  start = Clock::now();
  if (!InitUnsealer(o, w)) throw std::runtime_error("keyrite unsealer init failed");
  const double init_time = Since(start);
  Filled f;
  const Status filled = FillKeystore(o, w, f);
  if (!filled.ok()) throw std::runtime_error(filled.message());
  Report(o, w, f, gpg_time, init_time);
  return MeasureInFreshProcess(o, w, f);
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  int rc = 1;
  bool made = false;  // only a directory made here is removed
  try {
    o = Parse(argc, argv);
    if (!fs::exists(o.keyrite)) {
      throw std::runtime_error("no keyrite at " + o.keyrite + " (give --keyrite PATH)");
    }
    if (!o.measure.empty()) return Measure(o) ? 0 : 1;
    MakeDirectory(o);
    made = true;
    rc = Bench(o);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "unsealer_bench: %s\n", e.what());
  }
  if (made && o.keep) {
    std::printf("kept %s\n", o.dir.c_str());
  } else if (made) {
    fs::remove_all(o.dir);
  }
  return rc;
}
