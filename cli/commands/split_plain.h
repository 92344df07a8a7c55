#pragma once
// The CLI side of the plain split (ops/split_plain.h): its flags, its run and its summary. Both
// `keyrite split` (split.cpp) and the launcher's in-process split (cli/launcher.cpp) use these,
// so a plain split parses, checks and prints the same whichever process runs it.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "../command.h"
#include "ops/split_plain.h"
#include "share/share_v1.h"

namespace keyrite::cli {

struct PlainSplitFlags {
  unsigned threshold = 0;
  unsigned count = 0;
  std::string input = "-";
  std::string output;
  bool allow_online = false;
};

// -t, -n, --in, --out (required) and --allow-online.
void AddPlainSplitFlags(CLI::App* cmd, PlainSplitFlags& flags);

// The preflight, the threshold-1 warning, the split and its summary.
void RunPlainSplit(const Globals& globals, const PlainSplitFlags& flags, Outcome& outcome);

// The summary for people (stdout, or stderr when the shares went to stdout) or, with --json,
// printed by the caller: SplitJson's object, to which shard mode adds its custodians.
void PrintSplitSummary(const ops::ShareFilesReport& report, const std::vector<std::string>& sheets);
nlohmann::json SplitJson(const ops::ShareFilesReport& report);

}  // namespace keyrite::cli
