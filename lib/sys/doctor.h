#pragma once
// keyrite doctor: the air-gap and hardening self-check. Gathers public facts about the machine
// and this process (interfaces, swap, core-dump and locked-memory limits, RNG readiness, library
// versions, the tool's own digest) and judges each with ok / warn / fail and one line of advice.
// Every input is injectable (DoctorInputs) so the judgements are testable. Nothing here is secret.

#include <cstdint>
#include <limits>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "sys/network.h"
#include "sys/swaps.h"
#include "sys/versions.h"

namespace keyrite::sys {

enum class Verdict : std::uint8_t { kOk = 0, kWarn = 1, kFail = 2 };  // ordered: worst wins
std::string_view VerdictName(Verdict verdict);                        // "ok", "warn", "fail"

inline constexpr std::uint64_t kUnlimited = std::numeric_limits<std::uint64_t>::max();
// Locked memory keyrite wants available: its secrets fit in far less; this leaves headroom.
inline constexpr std::uint64_t kMinLockBytes = std::uint64_t{1} << 20;

struct Limit {  // a resource limit in bytes; kUnlimited for RLIM_INFINITY
  std::uint64_t soft = 0;
  std::uint64_t hard = 0;
};

// This process as the kernel reports it. FromSystem() reads it after the CLI has hardened the
// process, so it shows what keyrite itself runs with.
struct ProcessFacts {
  Limit core;                 // RLIMIT_CORE
  bool non_dumpable = false;  // prctl(PR_GET_DUMPABLE) == 0
  Limit memlock;              // RLIMIT_MEMLOCK
  bool root = false;          // effective uid 0: locking is not limited
  bool rng_ready = false;     // getrandom(1 byte, GRND_NONBLOCK) succeeded
};

struct DoctorInputs {
  std::vector<Interface> interfaces;
  std::string proc_swaps;                   // the text of /proc/swaps ("" when there is none)
  std::string sysfs_root = "/sys";          // where dm uuids and device stacks are looked up
  std::string self_exe = "/proc/self/exe";  // the file whose digest is the tool's own
  // The `keyrite` launcher that hands commands to this program (cli/launcher.cpp): FromSystem
  // names the file beside self_exe. Empty, or no such file: none is reported.
  std::string launcher;
  ProcessFacts process;

  // The real machine: getifaddrs, /proc/swaps, /sys, /proc/self/exe, this process's limits.
  static Result<DoctorInputs> FromSystem();
};

struct Check {
  std::string key;  // stable id: "network", "swap", "core_dumps", "memlock", "rng"
  Verdict verdict = Verdict::kOk;
  std::string finding;  // what was seen, one line
  std::string advice;   // what to do, one line; empty when the verdict is ok
};

struct FileDigest {
  std::string path;    // resolved to the real file when possible
  std::string sha256;  // lowercase hex
  std::string words;   // DigestWords of the same digest, for reading aloud
};

struct DoctorReport {
  std::vector<Interface> interfaces;  // every interface, up or not
  std::vector<SwapDevice> swaps;      // active swap
  ProcessFacts process;
  bool memlock_enough = false;  // root, or the hard limit (keyrite raises soft to it) >= 1 MiB
  std::vector<LibraryVersion> versions;
  FileDigest self;                 // of self_exe: the program running this command
  std::optional<FileDigest> launcher;  // of the launcher, when there is one
  std::vector<Check> checks;       // network, swap, core_dumps, memlock, rng: in that order
  Verdict overall = Verdict::kOk;  // the worst verdict among checks
};

// Fails only when a fact cannot be read at all: /proc/swaps malformed (Corrupt) or the self
// digest unreadable (NotFound / IoError naming the path).
Result<DoctorReport> RunDoctor(const DoctorInputs& inputs);

// A fixed-layout table for people; the layout is documented in docs/doctor.md.
std::string FormatDoctorReport(const DoctorReport& report);
// The same report for --json; keys documented in docs/doctor.md.
nlohmann::json DoctorReportJson(const DoctorReport& report);

}  // namespace keyrite::sys
