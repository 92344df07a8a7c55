// Benchmark: snapshots on one generated file, in one run. Public verify against `b2sum` of the
// same snapshot file (goal: at most 1.3x the time); test verify (decrypt + check every member,
// nothing written) and open against `gpg --decrypt | sha256sum` of the same data encrypted with
// gpg to a throwaway key (goal: keyrite at least 2x faster); peak RSS of seal, verify and test
// (goal: at most 64 MiB). Every tool runs as a child process (keyrite's work as this program
// re-run with --child) measured with wait4: wall time and peak RSS. The file and keys live in a
// fresh directory under $TMPDIR that is removed at the end. Before each tool, sync() writes back
// the previous one's dirty pages, so that no tool pays for another's writes.
// gpg runs with its defaults (cipher from the key's preferences, compression on), as a person
// would run it; `open` is also compared with `gpg --decrypt --output FILE` + `sync FILE`, which
// does the same durable write.
// Usage: snapshot_bench [SIZE_MIB (1024)] [--rss-only]   (--rss-only: seal, verify and test
// only, for the peak RSS at sizes where the comparison's copies would not fit on the disk)

#include <fcntl.h>
#include <sodium.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/hex.h"
#include "base/rng.h"
#include "secmem/secure_bytes.h"
#include "snapshot/snapshot.h"

namespace {

namespace fs = std::filesystem;
using namespace keyrite;

constexpr const char* kId = "0123456789abcdef";

// Throwaway keys, rebuilt by every child from a seed kept in the bench directory.
struct BenchKeys {
  explicit BenchKeys(const std::string& dir) : snapshot_key(32), signing_key(64) {
    std::ifstream f(dir + "/seed", std::ios::binary);
    std::array<std::uint8_t, 32> seed{};
    f.read(reinterpret_cast<char*>(seed.data()), seed.size());
    SeededRng rng(seed);
    rng.Fill(snapshot_key.span());
    std::array<std::uint8_t, 32> sign_seed{};
    rng.Fill(sign_seed);
    crypto_sign_seed_keypair(public_key.data(), signing_key.data(), sign_seed.data());
  }
  secmem::SecureBytes snapshot_key;
  secmem::SecureBytes signing_key;
  snapshot::PublicKey public_key{};
};

int ChildMode(const std::string& op, const std::string& dir) {
  const BenchKeys keys(dir);
  const std::string snap = dir + "/data.krsnap";
  Status s;
  if (op == "seal") {
    s = snapshot::SealFile(dir + "/data.bin", snap, {keys.snapshot_key, keys.signing_key, kId},
                           SystemClock())
            .status();
  } else if (op == "verify") {
    s = snapshot::VerifySnapshot(snap, keys.public_key, kId).status();
  } else if (op == "test") {
    s = snapshot::TestSnapshot(snap, keys.snapshot_key, keys.public_key, kId).status();
  } else if (op == "open") {
    s = snapshot::OpenSealedFile(snap, keys.snapshot_key, keys.public_key, kId, dir + "/opened")
            .status();
  }
  if (!s.ok()) std::fprintf(stderr, "snapshot_bench: %s: %s\n", op.c_str(), s.message().c_str());
  return s.ok() ? 0 : 1;
}

struct Usage {
  double wall = 0;
  double cpu = 0;  // user + system, of the child and the children it waited for
  long max_rss_kib = 0;
  bool ok = false;
};

// Runs argv (stdout to /dev/null) and measures it.
Usage Run(const std::vector<std::string>& argv) {
  sync();
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(open("/dev/null", O_WRONLY), 1);
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
  u.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  u.cpu = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
          static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
  u.max_rss_kib = ru.ru_maxrss;
  u.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return u;
}

Usage Shell(const std::string& command) { return Run({"sh", "-c", command}); }

Usage Child(const std::string& op, const std::string& dir) {
  return Run({fs::read_symlink("/proc/self/exe").string(), "--child", op, dir});
}

void Print(const char* what, const Usage& u, double mib) {
  std::printf("  %-52s %7.3f %7.3f %8.1f %7.1f%s\n", what, u.wall, u.cpu, mib / u.wall,
              static_cast<double>(u.max_rss_kib) / 1024.0, u.ok ? "" : "  FAILED");
}

// Wall-clock and CPU-time ratio of a to b (CPU time is steadier on a shared machine).
void Ratio(const char* what, const Usage& a, const Usage& b, const char* goal) {
  std::printf("  %-36s %5.2fx wall  %5.2fx cpu   (goal %s)\n", what, a.wall / b.wall, a.cpu / b.cpu,
              goal);
}

bool MakeInput(const std::string& path, std::uint64_t mib) {
  std::ofstream f(path, std::ios::binary);
  std::vector<std::uint8_t> block(1 << 20);
  SeededRng rng(42);
  for (std::uint64_t i = 0; i < mib; ++i) {
    rng.Fill(block);
    f.write(reinterpret_cast<const char*>(block.data()), static_cast<std::streamsize>(block.size()));
  }
  return f.good();
}

bool MakeGpgCopy(const std::string& dir) {
  const std::string gpg = "gpg --batch --quiet --homedir " + dir + "/gnupg ";
  fs::create_directory(dir + "/gnupg");
  fs::permissions(dir + "/gnupg", fs::perms::owner_all);
  return Shell(gpg + "--passphrase '' --pinentry-mode loopback --quick-gen-key "
                     "'bench <bench@keyrite.invalid>' future-default default never")
             .ok &&
         Shell(gpg + "--trust-model always -r bench@keyrite.invalid -o " + dir +
               "/data.gpg --encrypt " + dir + "/data.bin")
             .ok;
}

// What gpg chose by default: the cipher and the compression of the encrypted copy.
std::string GpgPackets(const std::string& dir) {
  const std::string command = "gpg -v --batch --homedir " + dir + "/gnupg --list-packets " + dir +
                              "/data.gpg 2>&1 | grep -E 'encrypted data|compressed packet'";
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (p == nullptr) return out;
  char line[256];
  while (std::fgets(line, sizeof line, p) != nullptr) out += std::string("    ") + line;
  pclose(p);
  return out;
}

void PrintRss(const Usage& seal, const Usage& verify, const Usage& test) {
  std::printf("  peak RSS seal / verify / test      %.1f / %.1f / %.1f MiB   (goal <= 64 MiB)\n",
              static_cast<double>(seal.max_rss_kib) / 1024.0,
              static_cast<double>(verify.max_rss_kib) / 1024.0,
              static_cast<double>(test.max_rss_kib) / 1024.0);
}

std::string MakeBenchDir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp != nullptr ? tmp : "/tmp") + "/snapshot_bench_XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) return "";
  std::array<std::uint8_t, 32> seed{};
  SystemRng().Fill(seed);
  std::ofstream(pattern + "/seed", std::ios::binary)
      .write(reinterpret_cast<const char*>(seed.data()), seed.size());
  return pattern;
}

// Seal, public verify and test verify only: the peak RSS at any size (the input and the sealed
// copy on disk, nothing else).
int RssOnly(std::uint64_t mib) {
  const std::string dir = MakeBenchDir();
  if (dir.empty()) return 1;
  std::printf("snapshot_bench: %llu MiB of random data in %s (RSS only)\n",
              static_cast<unsigned long long>(mib), dir.c_str());
  const bool made = MakeInput(dir + "/data.bin", mib);
  const Usage seal = Child("seal", dir);
  fs::remove(dir + "/data.bin");
  const Usage verify = Child("verify", dir);
  const Usage test = Child("test", dir);
  const double size = static_cast<double>(mib);
  std::printf("  %-52s %7s %7s %8s %7s\n", "", "wall s", "cpu s", "MiB/s", "RSS MiB");
  Print("keyrite seal (read twice, encrypt, sign, verify)", seal, size);
  Print("keyrite snapshot verify (public, no key)", verify, size);
  Print("keyrite test verify (decrypt + SHA-256, no output)", test, size);
  PrintRss(seal, verify, test);
  fs::remove_all(dir);
  return made && seal.ok && verify.ok && test.ok ? 0 : 1;
}

int Bench(std::uint64_t mib) {
  const std::string dir = MakeBenchDir();
  if (dir.empty()) return 1;
  std::printf("snapshot_bench: %llu MiB of random data in %s\n",
              static_cast<unsigned long long>(mib), dir.c_str());
  bool ok = MakeInput(dir + "/data.bin", mib);
  const bool have_gpg = ok && MakeGpgCopy(dir);
  const double size = static_cast<double>(mib);
  const Usage seal = Child("seal", dir);
  Shell("cat " + dir + "/data.krsnap " + dir + "/data.gpg > /dev/null");  // warm the page cache
  const Usage b2 = Shell("b2sum " + dir + "/data.krsnap");
  const Usage verify = Child("verify", dir);
  const Usage test = Child("test", dir);
  const Usage opened = Child("open", dir);
  fs::remove(dir + "/opened");
  Usage gpg;
  Usage gpg_file;
  const std::string gpg_decrypt = "gpg --batch --quiet --homedir " + dir + "/gnupg --decrypt ";
  if (have_gpg) {
    gpg = Shell(gpg_decrypt + dir + "/data.gpg | sha256sum");
    gpg_file = Shell(gpg_decrypt + "--output " + dir + "/gpg.out " + dir + "/data.gpg && sync " +
                     dir + "/gpg.out");
    fs::remove(dir + "/gpg.out");
    std::printf("  gpg's defaults on this data:\n%s", GpgPackets(dir).c_str());
  }
  std::printf("  %-52s %7s %7s %8s %7s\n", "", "wall s", "cpu s", "MiB/s", "RSS MiB");
  Print("keyrite seal (read twice, encrypt, sign, verify)", seal, size);
  Print("keyrite snapshot verify (public, no key)", verify, size);
  Print("b2sum of the same snapshot file", b2, size);
  Print("keyrite test verify (decrypt + SHA-256, no output)", test, size);
  Print("keyrite open (decrypt to a new file)", opened, size);
  if (have_gpg) {
    Print("gpg --decrypt | sha256sum (same data)", gpg, size);
    Print("gpg --decrypt --output FILE && sync FILE", gpg_file, size);
  }
  std::printf("\n");
  Ratio("public verify / b2sum", verify, b2, "<= 1.3x");
  if (have_gpg) {
    Ratio("gpg|sha256sum / keyrite test verify", gpg, test, ">= 2x");
    Ratio("gpg|sha256sum / keyrite open", gpg, opened, ">= 2x");
    Ratio("gpg --output + sync / keyrite open", gpg_file, opened, "same durable write");
  } else {
    std::printf("  gpg comparison skipped (gpg could not make a throwaway key or encrypt)\n");
  }
  const long peak = std::max({seal.max_rss_kib, verify.max_rss_kib, test.max_rss_kib});
  PrintRss(seal, verify, test);
  Shell("gpgconf --homedir " + dir + "/gnupg --kill gpg-agent 2>/dev/null");
  fs::remove_all(dir);
  ok = ok && seal.ok && verify.ok && b2.ok && test.ok && opened.ok && peak > 0;
  return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (sodium_init() < 0) return 1;
  if (argc == 4 && std::string(argv[1]) == "--child") return ChildMode(argv[2], argv[3]);
  const std::uint64_t mib = argc >= 2 ? std::strtoull(argv[1], nullptr, 10) : 1024;
  const bool rss_only = argc >= 3 && std::string(argv[2]) == "--rss-only";
  if (mib == 0 || (argc >= 3 && !rss_only)) {
    std::fprintf(stderr, "usage: snapshot_bench [SIZE_MIB] [--rss-only]\n");
    return 2;
  }
  return rss_only ? RssOnly(mib) : Bench(mib);
}
