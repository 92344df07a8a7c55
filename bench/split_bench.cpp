// Benchmark: keyrite's file mode against gfsplit/gfcombine (libgfshare-bin) and its text split
// against ssss-split, in one invocation on the same files, plus the GB/s of every GF(2^8) kernel
// and peak memory on a large file. Every tool, keyrite included, runs as a child process (keyrite
// as this program re-run with --child) and is measured with wait4: wall time, user and system
// CPU, peak RSS. Prints figures and ratios; exits non-zero only when a tool fails or an output
// differs from the input. Flags: --size-mib N (256), --large-mib N (512; 0 skips), --repeat N
// (1: runs of each file-mode tool, the median is shown), --runs N (20: of the 32-byte split),
// --dir DIR (a fresh directory under $TMPDIR), --keep, --keyrite PATH (the program to time
// beside the library; else $KEYRITE_BINARY, else build/cli/keyrite). See docs/performance.md.

#include <fcntl.h>
#include <sodium.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "base/aes256_ctr.h"
#include "base/rng.h"
#include "base/blake3.h"
#include "base/sha256_stream.h"
#include "gf256/gf256_kernels.h"
#include "secmem/secure_bytes.h"
#include "share/share_file.h"
#include "share/share_set.h"
#include "stream/coefficient_stream.h"
#include "stream/file_io.h"
#include "stream/stream.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace keyrite;

constexpr std::uint8_t kThreshold = 3;
constexpr std::uint8_t kCount = 5;

struct Options {
  std::uint64_t size_mib = 256;
  std::uint64_t large_mib = 512;
  int runs = 20;   // of the 32-byte split
  int repeat = 1;  // of each file-mode run
  std::string dir;
  bool keep = false;
  std::string keyrite;  // the program to time; empty: the build tree's
};

// ---- the child side: keyrite's work in a fresh process ----

int ChildSplit(const std::string& in, const std::string& dir) {
  auto r = stream::SplitFile(in, kThreshold, kCount, dir, SystemRng());
  if (!r.ok()) std::fprintf(stderr, "split_bench: %s\n", r.status().message().c_str());
  return r.ok() ? 0 : 1;
}

int ChildCombine(const std::string& out, const std::vector<std::string>& shares) {
  auto r = stream::CombineFiles(shares, out);
  if (!r.ok()) std::fprintf(stderr, "split_bench: %s\n", r.status().message().c_str());
  return r.ok() ? 0 : 1;
}

// A 32-byte secret from standard input, split 3-of-5 and printed as text shares.
int ChildTextSplit() {
  secmem::SecureBytes secret(32);
  if (read(0, secret.data(), secret.size()) != 32) return 1;
  auto shares = share::SplitSecret(secret.span(), kThreshold, kCount, SystemRng());
  if (!shares.ok()) return 1;
  for (const share::Share& s : *shares) {
    const secmem::SecureBytes text = share::FormatShareFile(s, kCount);
    if (write(1, text.data(), text.size()) != static_cast<ssize_t>(text.size())) return 1;
  }
  return 0;
}

// The I/O floor: read the input once, write it to n files and fsync them, as a split must, with
// the same I/O as keyrite's file mode (1 MiB at a time, direct I/O where the file system has it).
int ChildCopy(const std::string& in, const std::string& dir) {
  const int src = open(in.c_str(), O_RDONLY);
  stream::TryDirectIo(src);
  std::vector<int> dst;
  for (int i = 0; i < kCount; ++i) {
    dst.push_back(
        open((dir + "/copy" + std::to_string(i)).c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600));
    stream::TryDirectIo(dst.back());
  }
  constexpr std::size_t kBuffer = std::size_t{1} << 20;
  void* memory = nullptr;
  if (posix_memalign(&memory, stream::kDirectIoAlign, kBuffer) != 0) return 1;
  const std::span buf(static_cast<std::uint8_t*>(memory), kBuffer);
  for (;;) {
    auto n = stream::ReadUpTo(src, buf, in);
    if (!n.ok()) return 1;
    if (*n == 0) break;
    for (const int fd : dst) {
      if (!stream::WriteFull(fd, buf.first(*n), dir).ok()) return 1;
    }
  }
  std::free(memory);
  for (const int fd : dst) fsync(fd);
  return 0;
}

int RunChildMode(int argc, char** argv) {
  const std::string mode = argv[2];
  if (mode == "split" && argc == 5) return ChildSplit(argv[3], argv[4]);
  if (mode == "copy" && argc == 5) return ChildCopy(argv[3], argv[4]);
  if (mode == "text-split") return ChildTextSplit();
  if (mode == "combine" && argc > 4) {
    return ChildCombine(argv[3], std::vector<std::string>(argv + 4, argv + argc));
  }
  return 2;
}

// ---- the parent side ----

struct Usage {
  double wall = 0, user = 0, sys = 0;
  long max_rss_kib = 0;
  bool ok = false;
  double cpu() const { return user + sys; }
};

double Seconds(const timeval& tv) {
  return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
}

// Runs argv with stdin from `in` and stdout to `out` ("/dev/null" for none).
// Runs argv with standard input from `in` and output to `out`; standard error is this process's
// unless `err` names a file.
Usage Run(const std::vector<std::string>& argv, const std::string& in = "/dev/null",
          const std::string& out = "/dev/null", const std::string& err = "") {
  sync();  // the previous tool's dirty pages are not this one's to write back
  const auto start = Clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(open(in.c_str(), O_RDONLY), 0);
    dup2(open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600), 1);
    if (!err.empty()) dup2(open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600), 2);
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
  u.wall = std::chrono::duration<double>(Clock::now() - start).count();
  u.user = Seconds(ru.ru_utime);
  u.sys = Seconds(ru.ru_stime);
  u.max_rss_kib = ru.ru_maxrss;
  u.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return u;
}

std::string Self() { return fs::read_symlink("/proc/self/exe").string(); }

// The keyrite program to time: --keyrite PATH, else $KEYRITE_BINARY, else the same build tree's
// (build/cli/keyrite beside build/bench/); empty when there is none.
std::string KeyriteProgram(const std::string& given) {
  if (!given.empty()) return given;
  if (const char* env = std::getenv("KEYRITE_BINARY"); env != nullptr && *env != '\0') return env;
  const fs::path sibling = fs::path(Self()).parent_path().parent_path() / "cli" / "keyrite";
  return fs::exists(sibling) ? sibling.string() : std::string();
}

bool Have(const std::string& program) {
  return Run({"sh", "-c", "command -v " + program + " >/dev/null"}).ok;
}

// Times in seconds, or in milliseconds when `ms`.
void PrintUsage(const char* what, const Usage& u, bool ms = false) {
  const double k = ms ? 1000 : 1;
  std::printf("  %-40s %8.3f %8.3f %8.3f %8.3f %8.1f%s\n", what, u.wall * k, u.user * k, u.sys * k,
              u.cpu() * k, static_cast<double>(u.max_rss_kib) / 1024.0, u.ok ? "" : "  FAILED");
}

void PrintHeader(const std::string& title, bool ms = false) {
  const char* unit = ms ? "ms" : "s";
  std::printf("\n%s\n  %-40s %6s %-2s %5s %-2s %5s %-2s %5s %-2s %8s\n", title.c_str(), "", "wall",
              unit, "user", unit, "sys", unit, "cpu", unit, "RSS MiB");
}

// `runs` runs of argv, each after prepare(); the run with the median CPU time is returned,
// with ok only if every run succeeded and the largest peak RSS of all.
template <typename Prepare>
Usage Median(int runs, const std::vector<std::string>& argv, const std::string& in,
             Prepare prepare, const std::string& err = "") {
  std::vector<Usage> all;
  for (int i = 0; i < runs; ++i) {
    prepare();
    all.push_back(Run(argv, in, "/dev/null", err));
  }
  std::sort(all.begin(), all.end(),
            [](const Usage& a, const Usage& b) { return a.cpu() < b.cpu(); });
  Usage median = all[all.size() / 2];
  for (const Usage& u : all) {
    median.ok = median.ok && u.ok;
    median.max_rss_kib = std::max(median.max_rss_kib, u.max_rss_kib);
  }
  return median;
}

Usage Median(int runs, const std::vector<std::string>& argv, const std::string& in = "/dev/null") {
  return Median(runs, argv, in, [] {});
}

// Empties a directory (creating it) before a tool writes there again.
auto Fresh(const std::string& dir) {
  return [dir] {
    fs::remove_all(dir);
    fs::create_directories(dir);
  };
}

// "1.23x", or "-" where keyrite's figure is 0 (a process of a few ms can run between ticks).
std::string Ratio(double peer, double ours) {
  if (ours <= 0) return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%.2fx", peer / ours);
  return text;
}

void PrintRatio(const char* what, const Usage& peer, const Usage& ours) {
  std::printf("  %-34s cpu %s, wall %s, user %s\n", what, Ratio(peer.cpu(), ours.cpu()).c_str(),
              Ratio(peer.wall, ours.wall).c_str(), Ratio(peer.user, ours.user).c_str());
}

// ---- kernels ----

double GigabytesPerSecond(const gf256::Kernel& k, bool combination) {
  constexpr std::size_t kLen = 4096;  // one tile, as the file mode uses them
  std::vector<std::uint8_t> a(kLen, 1), b(kLen, 2), c(kLen, 3), out(kLen);
  const std::uint8_t* inputs[] = {a.data(), b.data(), c.data()};
  const std::uint8_t scalars[] = {0x57, 0x83, 0x1D};
  std::size_t rounds = 0;
  const auto start = Clock::now();
  double elapsed = 0;
  while (elapsed < 0.25) {
    for (int i = 0; i < 256; ++i, ++rounds) {
      if (combination)
        k.linear_combination(out.data(), inputs, scalars, 3, kLen);
      else
        k.mul_add(out.data(), a.data(), kLen, scalars[i & 1]);
    }
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  }
  return static_cast<double>(rounds * kLen) * (combination ? 3 : 1) / elapsed / 1e9;
}

void BenchKernels() {
  std::printf("GF(2^8) kernels on 4 KiB tiles (GB/s of input bytes; active: %.*s)\n",
              static_cast<int>(gf256::ActiveKernel().name.size()),
              gf256::ActiveKernel().name.data());
  for (const gf256::Kernel& k : gf256::AllKernels()) {
    if (!k.supported()) {
      std::printf("  %-10s not supported by this CPU\n", std::string(k.name).c_str());
      continue;
    }
    std::printf("  %-10s MulAdd %6.2f   LinearCombination(3 terms) %6.2f\n",
                std::string(k.name).c_str(), GigabytesPerSecond(k, false),
                GigabytesPerSecond(k, true));
  }
}

// GB/s of `work` on buffers of `size` bytes (64 KiB) for about a quarter of a second.
template <typename Work>
double Throughput(Work work, std::size_t size = 64 << 10) {
  std::vector<std::uint8_t> buffer(size, 7);
  std::size_t bytes = 0;
  const auto start = Clock::now();
  double elapsed = 0;
  while (elapsed < 0.25) {
    for (int i = 0; i < 64; ++i, bytes += buffer.size()) work(buffer);
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  }
  return static_cast<double>(bytes) / elapsed / 1e9;
}

// The other two per-byte costs of a file split: coefficients and the commitment hash.
void BenchBuildingBlocks() {
  // Both generators a split can draw its coefficients from; CoefficientStream uses the first
  // one this CPU offers.
  std::uint8_t key[32], nonce[16] = {};
  SystemRng().Fill(key);
  const char* active = stream::CoefficientStream::Generator();
  if (internal::Aes256CtrSupported()) {
    std::printf("  %-10s AES-256-CTR coefficients %6.2f%s\n", "",
                Throughput([&](std::vector<std::uint8_t>& b) {
                  internal::Aes256CtrKeystream(key, nonce, b.data(), b.size());
                }),
                std::string(active) == "AES-256-CTR" ? "   (active)" : "");
  }
  std::printf("  %-10s ChaCha20 coefficients %6.2f%s\n", "",
              Throughput([&](std::vector<std::uint8_t>& b) {
                crypto_stream_chacha20_ietf(b.data(), b.size(), nonce, key);
              }),
              std::string(active) == "ChaCha20" ? "   (active)" : "");
  secmem::Wipe(key, sizeof key);
  for (const auto engine : {Sha256Stream::Engine::kBest, Sha256Stream::Engine::kPortable}) {
    alignas(Sha256Stream::kStateAlign) std::uint8_t state[Sha256Stream::kStateBytes];
    Sha256Stream hash(state, engine);
    const double rate = Throughput([&](std::vector<std::uint8_t>& b) { hash.Update(b); });
    std::printf("  %-10s SHA-256 (%s) %6.2f%s\n", "",
                hash.hardware() ? "SHA extensions" : "libsodium", rate,
                hash.hardware() ? "   (share file version 1)" : "");
  }
  // Version 2's commitment, fed 1 MiB at a time as a file split or combine feeds it.
  for (const auto engine : {Blake3Stream::Engine::kBest, Blake3Stream::Engine::kPortable}) {
    alignas(Blake3Stream::kStateAlign) std::uint8_t state[Blake3Stream::kStateBytes];
    Blake3Stream hash(state, engine);
    const double rate =
        Throughput([&](std::vector<std::uint8_t>& b) { hash.Update(b); }, std::size_t{1} << 20);
    std::printf("  %-10s BLAKE3 (%s) %6.2f%s\n", "",
                engine == Blake3Stream::Engine::kBest ? Blake3Stream::BestEngineName() : "portable",
                rate, engine == Blake3Stream::Engine::kBest ? "   (share file version 2)" : "");
  }
}

// ---- files ----

// `mib` MiB of seeded random bytes (or, when sparse, a hole with one random block per MiB).
void MakeInput(const std::string& path, std::uint64_t mib, bool sparse) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  SeededRng rng(2024);
  std::vector<std::uint8_t> block(sparse ? 4096 : 1 << 20);
  for (std::uint64_t i = 0; i < mib; ++i) {
    rng.Fill(block);
    if (pwrite(fd, block.data(), block.size(), static_cast<off_t>(i << 20)) < 0) std::exit(1);
  }
  if (ftruncate(fd, static_cast<off_t>(mib << 20)) != 0) std::exit(1);
  close(fd);
}

bool SameContent(const std::string& a, const std::string& b) {
  const int fa = open(a.c_str(), O_RDONLY), fb = open(b.c_str(), O_RDONLY);
  std::vector<char> ba(1 << 20), bb(1 << 20);
  bool same = fa >= 0 && fb >= 0;
  for (ssize_t na = 1; same && na > 0;) {
    na = read(fa, ba.data(), ba.size());
    const ssize_t nb = read(fb, bb.data(), bb.size());
    same = na == nb &&
           std::memcmp(ba.data(), bb.data(), static_cast<std::size_t>(na > 0 ? na : 0)) == 0;
  }
  close(fa);
  close(fb);
  return same;
}

struct Report {
  bool failed = false;
  void Check(bool ok, const char* what) {
    if (ok) return;
    std::printf("  FAILED: %s\n", what);
    failed = true;
  }
};

void BenchFiles(const Options& o, const std::string& dir, bool peers, Report& report) {
  const std::string in = dir + "/secret.bin", krs = dir + "/krs/secret.bin.share-";
  MakeInput(in, o.size_mib, false);
  PrintHeader("file of " + std::to_string(o.size_mib) + " MiB, 3-of-5, same input for every tool" +
              (o.repeat > 1 ? "; median of " + std::to_string(o.repeat) + " runs" : ""));
  const Usage ks = Median(o.repeat, {Self(), "--child", "split", in, dir + "/krs"}, "/dev/null",
                          [&] { fs::remove_all(dir + "/krs"); });
  PrintUsage("keyrite split (file mode)", ks);
  const Usage kc = Median(o.repeat,
                          {Self(), "--child", "combine", dir + "/krs.out", krs + "5-of-5.krs",
                           krs + "1-of-5.krs", krs + "3-of-5.krs"},
                          "/dev/null", [&] { fs::remove(dir + "/krs.out"); });
  PrintUsage("keyrite combine (shares 5, 1, 3)", kc);
  report.Check(ks.ok && kc.ok && SameContent(in, dir + "/krs.out"), "keyrite round trip");
  PrintUsage("floor: read once, write 5 copies, fsync",
             Median(o.repeat, {Self(), "--child", "copy", in, dir + "/copy"}, "/dev/null",
                    Fresh(dir + "/copy")));
  if (peers) {
    const Usage gs = Median(o.repeat, {"gfsplit", "-n", "3", "-m", "5", in, dir + "/gf/secret"},
                            "/dev/null", Fresh(dir + "/gf"));
    PrintUsage("gfsplit -n 3 -m 5", gs);
    std::vector<std::string> gf_args = {"gfcombine", "-o", dir + "/gf.out"};
    for (const auto& e : fs::directory_iterator(dir + "/gf")) {
      if (gf_args.size() < 6) gf_args.push_back(e.path().string());
    }
    const Usage gc = Median(o.repeat, gf_args, "/dev/null", [&] { fs::remove(dir + "/gf.out"); });
    PrintUsage("gfcombine (3 shares)", gc);
    report.Check(gs.ok && gc.ok && SameContent(in, dir + "/gf.out"), "gfsplit round trip");
    PrintRatio("split: gfsplit / keyrite", gs, ks);
    PrintRatio("combine: gfcombine / keyrite", gc, kc);
  }
  for (const char* name : {"/krs", "/gf", "/copy", "/krs.out", "/gf.out", "/secret.bin"}) {
    fs::remove_all(dir + name);
  }
}

void BenchSmallSecret(const Options& o, const std::string& dir, bool ssss, Report& report) {
  std::vector<std::uint8_t> secret(32);
  SeededRng(32).Fill(secret);
  const std::string raw = dir + "/secret32.bin", hex = dir + "/secret32.hex";
  FILE* f = std::fopen(raw.c_str(), "wb");
  std::fwrite(secret.data(), 1, secret.size(), f);
  std::fclose(f);
  f = std::fopen(hex.c_str(), "w");
  for (const std::uint8_t b : secret) std::fprintf(f, "%02x", b);
  std::fprintf(f, "\n");
  std::fclose(f);
  PrintHeader("32-byte secret, 3-of-5, split and print, whole process; median of " +
                  std::to_string(o.runs) + " runs",
              true);
  const Usage k = Median(o.runs, {Self(), "--child", "text-split"}, raw);
  PrintUsage("keyrite split (library, text shares)", k, true);
  report.Check(k.ok, "keyrite text split");
  // The same split through the keyrite program, as people run it: the launcher's start-up (it
  // runs a plain split itself, cli/launcher.cpp), its flags and its preflight. --allow-online
  // only lets it run on a networked machine; offline it changes nothing.
  const std::string program = KeyriteProgram(o.keyrite);
  Usage p;
  if (!program.empty()) {
    p = Median(o.runs,
               {program, "split", "--allow-online", "-t", "3", "-n", "5", "--in", "-", "--out", "-"},
               raw, [] {}, dir + "/keyrite.stderr");
    PrintUsage("keyrite split (the program)", p, true);
    report.Check(p.ok, "keyrite program split");
  }
  if (!ssss) return;
  const Usage s = Median(o.runs, {"ssss-split", "-t", "3", "-n", "5", "-x", "-q"}, hex);
  PrintUsage("ssss-split -t 3 -n 5 -x -q", s, true);
  report.Check(s.ok, "ssss-split");
  PrintRatio("ssss-split / keyrite", s, k);
  if (!program.empty()) PrintRatio("ssss-split / keyrite program", s, p);
}

void BenchLarge(const Options& o, const std::string& dir, Report& report) {
  if (o.large_mib == 0) return;
  const std::string in = dir + "/large.bin";
  MakeInput(in, o.large_mib, true);
  fs::create_directories(dir + "/large");
  PrintHeader("peak memory at " + std::to_string(o.large_mib) + " MiB (sparse input), 3-of-5");
  const Usage s = Run({Self(), "--child", "split", in, dir + "/large"});
  PrintUsage("keyrite split (file mode)", s);
  const std::string p = dir + "/large/large.bin.share-";
  const Usage c = Run({Self(), "--child", "combine", dir + "/large.out", p + "2-of-5.krs",
                       p + "4-of-5.krs", p + "5-of-5.krs"});
  PrintUsage("keyrite combine", c);
  report.Check(s.ok && c.ok && SameContent(in, dir + "/large.out"), "large round trip");
  for (const char* name : {"/large", "/large.out", "/large.bin"}) fs::remove_all(dir + name);
}

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--size-mib" && has_value)
      o.size_mib = std::stoull(argv[++i]);
    else if (a == "--large-mib" && has_value)
      o.large_mib = std::stoull(argv[++i]);
    else if (a == "--repeat" && has_value)
      o.repeat = std::max(1, std::stoi(argv[++i]));
    else if (a == "--runs" && has_value)
      o.runs = std::stoi(argv[++i]);
    else if (a == "--dir" && has_value)
      o.dir = argv[++i];
    else if (a == "--keep")
      o.keep = true;
    else if (a == "--keyrite" && has_value)
      o.keyrite = argv[++i];
    else {
      std::fprintf(stderr,
                   "usage: split_bench [--size-mib N] [--large-mib N] [--repeat N] [--runs N] "
                   "[--dir DIR] [--keep] [--keyrite PATH]\n");
      std::exit(2);
    }
  }
  return o;
}

std::string MakeDir(const Options& o) {
  if (!o.dir.empty()) {
    fs::create_directories(o.dir);
    return o.dir;
  }
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp ? tmp : "/tmp") + "/keyrite_split_bench_XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) std::exit(1);
  return pattern;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 3 && std::string(argv[1]) == "--child") return RunChildMode(argc, argv);
  const Options o = Parse(argc, argv);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // show each figure as soon as it is known
  if (!secmem::CheckLockBudget(8 << 20).ok()) std::printf("note: RLIMIT_MEMLOCK is low\n");
  const std::string dir = MakeDir(o);
  const bool gfshare = Have("gfsplit") && Have("gfcombine"), ssss = Have("ssss-split");
  std::printf("split_bench in %s%s%s\n\n", dir.c_str(),
              gfshare ? "" : " (gfsplit/gfcombine not found: apt-get install libgfshare-bin)",
              ssss ? "" : " (ssss-split not found: apt-get install ssss)");
  Report report;
  BenchKernels();
  BenchBuildingBlocks();
  BenchFiles(o, dir, gfshare, report);
  BenchSmallSecret(o, dir, ssss, report);
  BenchLarge(o, dir, report);
  if (!o.keep && o.dir.empty()) fs::remove_all(dir);
  return report.failed ? 1 : 0;
}
