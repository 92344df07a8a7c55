#include "sys/doctor.h"

#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/digest.h"
#include "base/hex.h"
#include "base/words.h"
#include "secmem/secure_bytes.h"

namespace keyrite::sys {
namespace {

namespace fs = std::filesystem;

std::string LimitText(std::uint64_t bytes) {
  if (bytes == kUnlimited) return "unlimited";
  if (bytes == 0) return "0";
  if (bytes % (1U << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes % 1024 == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

std::string LimitText(const Limit& limit) {
  return "soft " + LimitText(limit.soft) + ", hard " + LimitText(limit.hard);
}

Limit ReadLimit(int resource) {
  rlimit rl{};
  if (getrlimit(resource, &rl) != 0) return {kUnlimited, kUnlimited};  // unknown: assume the worst
  const auto bytes = [](rlim_t v) { return v == RLIM_INFINITY ? kUnlimited : std::uint64_t{v}; };
  return {bytes(rl.rlim_cur), bytes(rl.rlim_max)};
}

bool RngReady() {
  std::uint8_t byte = 0;
  const bool ready = getrandom(&byte, 1, GRND_NONBLOCK) == 1;
  secmem::Wipe(&byte, sizeof byte);
  return ready;
}

ProcessFacts ReadProcessFacts() {
  ProcessFacts p;
  p.core = ReadLimit(RLIMIT_CORE);
  p.non_dumpable = prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0;
  p.memlock = ReadLimit(RLIMIT_MEMLOCK);
  p.root = geteuid() == 0;
  p.rng_ready = RngReady();
  return p;
}

// A kernel without swap support has no /proc/swaps: that is "no swap", not an error.
Result<std::string> ReadProcSwaps() {
  std::ifstream in("/proc/swaps");
  if (!in) {
    if (!fs::exists("/proc/swaps")) return std::string();
    return IoError("/proc/swaps: cannot read it");
  }
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string JoinNames(const std::vector<Interface>& interfaces) {
  std::string out;
  for (const auto& i : interfaces) out += (out.empty() ? "" : ", ") + i.name;
  return out;
}

Check JudgeNetwork(const std::vector<Interface>& interfaces) {
  const std::vector<Interface> online = OnlineInterfaces(interfaces);
  if (online.empty()) return {"network", Verdict::kOk, "no interface up besides loopback", ""};
  return {"network", Verdict::kFail, JoinNames(online) + " up",
          "take it down ('ip link set " + online[0].name +
              " down'; 'rfkill block all' for radios); secret commands refuse while it is up"};
}

std::string SwapText(const SwapDevice& s) {
  if (!s.on_disk) return s.path + " (zram: in RAM, not on disk)";
  return s.path + " (" + s.type + (s.encrypted ? ", encrypted)" : ", not encrypted)");
}

Check JudgeSwap(const std::vector<SwapDevice>& swaps) {
  if (swaps.empty()) return {"swap", Verdict::kOk, "no swap active", ""};
  std::string finding;
  bool clear_on_disk = false;
  for (const auto& s : swaps) {
    finding += (finding.empty() ? "" : "; ") + SwapText(s);
    clear_on_disk = clear_on_disk || (s.on_disk && !s.encrypted);
  }
  if (!clear_on_disk) return {"swap", Verdict::kOk, finding, ""};
  return {"swap", Verdict::kFail, finding,
          "run 'swapoff -a' for the ceremony, or put swap on dm-crypt or zram"};
}

Check JudgeCoreDumps(const ProcessFacts& p) {
  const std::string finding =
      "RLIMIT_CORE " + LimitText(p.core) + (p.non_dumpable ? "; not dumpable" : "; dumpable");
  const bool limit_zero = p.core.soft == 0;
  if (limit_zero && p.non_dumpable) return {"core_dumps", Verdict::kOk, finding, ""};
  if (limit_zero || p.non_dumpable) {
    return {"core_dumps", Verdict::kWarn, finding,
            "only one of the two core-dump guards holds; run keyrite itself, which sets both"};
  }
  return {"core_dumps", Verdict::kFail, finding,
          "core dumps are possible: run 'ulimit -c 0' before keyrite and report this"};
}

Check JudgeMemlock(const ProcessFacts& p, bool enough) {
  const std::string finding = "RLIMIT_MEMLOCK " + LimitText(p.memlock) + (p.root ? "; root" : "");
  if (enough) return {"memlock", Verdict::kOk, finding, ""};
  return {"memlock", Verdict::kWarn, finding,
          "raise it to at least 1 MiB: 'ulimit -l 1024' or memlock in "
          "/etc/security/limits.conf"};
}

Check JudgeRng(bool ready) {
  if (ready) return {"rng", Verdict::kOk, "kernel random pool initialized", ""};
  return {"rng", Verdict::kFail, "kernel random pool not initialized yet",
          "wait a minute after boot (or type, move the mouse) and run keyrite doctor again"};
}

Result<FileDigest> DigestOf(const std::string& file) {
  KR_ASSIGN_OR_RETURN(const Sha256Digest digest, Sha256File(file));
  std::error_code ec;
  const fs::path real = fs::canonical(file, ec);
  return FileDigest{ec ? file : real.string(), ToHex(digest), DigestWords(digest)};
}

}  // namespace

Result<DoctorInputs> DoctorInputs::FromSystem() {
  DoctorInputs in;
  in.interfaces = ListInterfaces();
  KR_ASSIGN_OR_RETURN(in.proc_swaps, ReadProcSwaps());
  in.process = ReadProcessFacts();
  std::error_code ec;
  const fs::path self = fs::canonical(in.self_exe, ec);
  if (!ec) in.launcher = (self.parent_path() / "keyrite").string();
  return in;
}

Result<DoctorReport> RunDoctor(const DoctorInputs& inputs) {
  DoctorReport r;
  r.interfaces = inputs.interfaces;
  KR_ASSIGN_OR_RETURN(r.swaps, ParseSwaps(inputs.proc_swaps, inputs.sysfs_root));
  r.process = inputs.process;
  // keyrite raises its soft limit to the hard one when it needs to (secmem::CheckLockBudget).
  r.memlock_enough = r.process.root || r.process.memlock.hard >= kMinLockBytes;
  r.versions = LibraryVersions();
  KR_ASSIGN_OR_RETURN(r.self, DigestOf(inputs.self_exe));
  std::error_code ec;
  if (!inputs.launcher.empty() && fs::is_regular_file(inputs.launcher, ec)) {
    KR_ASSIGN_OR_RETURN(r.launcher, DigestOf(inputs.launcher));
  }
  r.checks = {JudgeNetwork(r.interfaces), JudgeSwap(r.swaps), JudgeCoreDumps(r.process),
              JudgeMemlock(r.process, r.memlock_enough), JudgeRng(r.process.rng_ready)};
  for (const Check& c : r.checks) r.overall = std::max(r.overall, c.verdict);
  return r;
}

}  // namespace keyrite::sys
