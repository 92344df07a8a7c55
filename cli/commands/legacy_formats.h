#pragma once
// The CLI side of --format ssss|vault|vault-hex for split and combine (ops/legacy_formats.h):
// the extra flags and the printing. combine.cpp and split.cpp dispatch here when --format names
// another tool's shares.

#include <string>

#include "../command.h"
#include "ops/combine.h"
#include "ops/split.h"

namespace keyrite::cli {

struct LegacyCombineFlags {
  unsigned threshold = 0;
  bool no_diffusion = false;
  std::string check_file;
};

// True when `format` names another tool's shares (not keyrite's own).
bool IsLegacyFormat(const std::string& format);
void AddLegacyCombineFlags(CLI::App* cmd, LegacyCombineFlags& flags);
void RunLegacyCombine(const Globals& globals, const std::string& format,
                      const ops::CombineRequest& request, const LegacyCombineFlags& flags,
                      Outcome& outcome);
void RunLegacySplit(const Globals& globals, const std::string& format,
                    const ops::SplitRequest& request, Outcome& outcome);

}  // namespace keyrite::cli
