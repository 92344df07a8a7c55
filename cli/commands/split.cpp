// keyrite split: a secret from a file or standard input into t-of-n share files.

#include <cstdio>
#include <nlohmann/json.hpp>

#include "../command.h"
#include "base/rng.h"
#include "ops/split.h"
#include "share/share_v1.h"

namespace keyrite::cli {
namespace {

struct SplitFlags {
  ops::SplitRequest request;
  unsigned threshold = 0;
  unsigned count = 0;
  bool allow_online = false;
};

void Print(const Globals& globals, const ops::SplitReport& r) {
  if (globals.json) {
    nlohmann::json j = {{"ok", true},           {"command", "split"},
                        {"set_id", share::FormatSetId(r.set_id)},
                        {"threshold", r.threshold}, {"count", r.count},
                        {"secret_bytes", r.secret_bytes}, {"files", r.files}};
    std::printf("%s\n", j.dump().c_str());
    return;
  }
  std::FILE* out = r.files.empty() ? stderr : stdout;
  std::fprintf(out, "Split a %zu-byte secret into %u shares; any %u recover it.\nSet %s\n",
               r.secret_bytes, r.count, r.threshold, share::FormatSetId(r.set_id).c_str());
  for (const std::string& f : r.files) std::fprintf(out, "  wrote %s\n", f.c_str());
}

void Run(const Globals& globals, SplitFlags& flags, Outcome& outcome) {
  if (!Preflight(globals, "split", flags.allow_online, outcome)) return;
  flags.request.threshold = static_cast<std::uint8_t>(flags.threshold);
  flags.request.count = static_cast<std::uint8_t>(flags.count);
  if (flags.threshold == 1) Warn("threshold 1: every share alone reveals the secret");
  Result<ops::SplitReport> r = ops::SplitFromInput(flags.request, SystemRng());
  if (!r.ok()) {
    outcome.code = Fail(globals, "split", r.status());
    return;
  }
  Print(globals, *r);
}

void Add(CLI::App& app, const Globals& globals, Outcome& outcome) {
  auto flags = std::make_shared<SplitFlags>();
  CLI::App* cmd = app.add_subcommand("split", "Split a secret into t-of-n Shamir share files");
  cmd->add_option("-t,--threshold", flags->threshold, "Shares needed to recover (1..255)")
      ->required()->check(CLI::Range(1, 255));
  cmd->add_option("-n,--shares", flags->count, "Shares to make (t..255)")
      ->required()->check(CLI::Range(1, 255));
  cmd->add_option("--in", flags->request.input, "Secret file, or - for standard input")
      ->capture_default_str();
  cmd->add_option("--out", flags->request.output,
                  "Directory for share-I-of-N.txt files (created 0700), or - for standard output")
      ->required();
  cmd->add_flag("--allow-online", flags->allow_online,
                "Run even while a network interface is up (not recommended)");
  cmd->footer("Example:\n  keyrite split -t 3 -n 5 --in secret.bin --out shares/\n"
              "The secret is read as raw bytes (1 to 65536). See keyrite-split(1).");
  cmd->callback([&globals, &outcome, flags] { Run(globals, *flags, outcome); });
}

}  // namespace

void AddSplitCommand(CLI::App& app, const Globals& globals, Outcome& outcome) {
  Add(app, globals, outcome);
}

}  // namespace keyrite::cli
