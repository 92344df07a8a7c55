// keyrite, the launcher. A plain split (-t, -n, --in, --out, --allow-online and nothing else) runs
// here, in a process that loads libsodium and nothing heavier; every other command line is handed
// unchanged to keyrite-engine, the whole program, which lies beside this file. Loading the
// engine's shared libraries is most of the time a small split would otherwise take
// (docs/architecture.md, "The launcher"; docs/performance.md).

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "command.h"
#include "commands/split_plain.h"
#include "secmem/hardening.h"

namespace keyrite::cli {
namespace {

// The exit code of a plain split run here; nullopt for any command line that is not exactly one
// (another command, another flag, --help, or one the parser refuses), which the engine then runs
// or refuses in its own words. The flags are the engine's own definitions (split_plain.h), so a
// command line parses here only as it would there.
std::optional<int> RunPlainSplitHere(int argc, char** argv) {
  if (argc < 2 || std::string_view(argv[1]) != "split") return std::nullopt;
  CLI::App app{"keyrite", "keyrite"};
  PlainSplitFlags flags;
  AddPlainSplitFlags(app.add_subcommand("split"), flags);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError&) {
    return std::nullopt;
  }
  const Status hardened = secmem::HardenProcess();
  if (!hardened.ok()) {
    std::fprintf(stderr, "keyrite: %s\n", hardened.message().c_str());
    return static_cast<int>(ExitCode::kInternal);
  }
  Outcome outcome;
  RunPlainSplit(Globals{}, flags, outcome);
  return static_cast<int>(outcome.code);
}

// keyrite-engine in this executable's own directory (found through /proc/self/exe, as the
// ceremony scripts are, so no path is compiled in), run with this command line. Returns only
// when it cannot be run.
int RunEngine(char** argv) {
  char self[4096];
  const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) {
    std::fprintf(stderr, "keyrite: cannot find its own executable: %s\n", std::strerror(errno));
    return static_cast<int>(ExitCode::kInternal);
  }
  std::string engine(self, static_cast<std::size_t>(n));
  engine.resize(engine.rfind('/') + 1);
  engine += "keyrite-engine";
  execv(engine.c_str(), argv);
  std::fprintf(stderr, "keyrite: cannot run %s: %s\n", engine.c_str(), std::strerror(errno));
  return static_cast<int>(ExitCode::kInternal);
}

}  // namespace
}  // namespace keyrite::cli

int main(int argc, char** argv) {
  if (const std::optional<int> done = keyrite::cli::RunPlainSplitHere(argc, argv)) return *done;
  return keyrite::cli::RunEngine(argv);
}
