#include "split_plain.h"

#include <cstdio>

#include "base/rng.h"

namespace keyrite::cli {

void AddPlainSplitFlags(CLI::App* cmd, PlainSplitFlags& flags) {
  cmd->add_option("-t,--threshold", flags.threshold, "Shares needed to recover (1..255)")
      ->check(CLI::Range(1, 255));
  cmd->add_option("-n,--shares", flags.count,
                  "Shares to make (t..255); with --to, the number of certificates")
      ->check(CLI::Range(1, 255));
  cmd->add_option("--in", flags.input, "Secret file, or - for standard input")
      ->capture_default_str();
  cmd->add_option("--out", flags.output,
                  "Directory for share-I-of-N.txt files (created 0700), or - for standard "
                  "output; with --to, for shard-I-of-N.asc and manifest.json")
      ->required();
  cmd->add_flag("--allow-online", flags.allow_online,
                "Run even while a network interface is up (not recommended)");
}

nlohmann::json SplitJson(const ops::ShareFilesReport& r) {
  return {{"ok", true},
          {"command", "split"},
          {"set_id", share::FormatSetId(r.set_id)},
          {"threshold", r.threshold},
          {"count", r.count},
          {"secret_bytes", r.secret_bytes},
          {"files", r.files}};
}

void PrintSplitSummary(const ops::ShareFilesReport& r, const std::vector<std::string>& sheets) {
  std::FILE* out = r.files.empty() ? stderr : stdout;
  std::fprintf(out, "Split a %zu-byte secret into %u shares; any %u recover it.\nSet %s\n",
               r.secret_bytes, r.count, r.threshold, share::FormatSetId(r.set_id).c_str());
  for (const std::string& f : r.files) std::fprintf(out, "  wrote %s\n", f.c_str());
  for (const std::string& f : sheets) std::fprintf(out, "  printed %s\n", f.c_str());
}

void RunPlainSplit(const Globals& globals, const PlainSplitFlags& flags, Outcome& outcome) {
  if (!Preflight(globals, "split", flags.allow_online, outcome)) return;
  if (flags.threshold == 1) Warn("threshold 1: every share alone reveals the secret");
  Result<ops::ShareFilesReport> r =
      ops::SplitPlain(flags.input, static_cast<std::uint8_t>(flags.threshold),
                      static_cast<std::uint8_t>(flags.count), flags.output, SystemRng());
  if (!r.ok()) {
    outcome.code = Fail(globals, "split", r.status());
    return;
  }
  if (globals.json) {
    std::printf("%s\n", SplitJson(*r).dump(-1, ' ', false,
                                           nlohmann::json::error_handler_t::replace).c_str());
    return;
  }
  PrintSplitSummary(*r, {});
}

}  // namespace keyrite::cli
