#pragma once
// The SLIP-39 side of `keyrite split` and `keyrite combine` (--format slip39): its extra flags and
// the run that calls ops/split_slip39.h or ops/combine_slip39.h and prints the result. split.cpp
// and combine.cpp only add these flags and hand over when the format is slip39.

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "../command.h"
#include "ops/combine.h"
#include "ops/split.h"

namespace keyrite::cli {

struct Slip39SplitFlags {
  std::string groups;            // "2of3,3of5"
  unsigned group_threshold = 0;  // with --groups; 0: all groups
  unsigned iteration_exponent = 1;
  bool extendable = false;
  bool passphrase = false;  // ask for one at the terminal
};

void AddSlip39SplitFlags(CLI::App* cmd, Slip39SplitFlags& flags);
// True when any of them differs from its default.
bool Slip39SplitFlagsGiven(const Slip39SplitFlags& flags);

// Runs the SLIP-39 split when `format` is "slip39" and returns true; also returns true (after
// failing) when SLIP-39 flags are given without it. False: the caller goes on with its own format.
bool RunSlip39SplitIfAsked(const Globals& globals, const std::string& format,
                           const Slip39SplitFlags& flags, const ops::SplitRequest& request,
                           unsigned threshold, unsigned count, Outcome& outcome);

struct Slip39CombineFlags {
  bool passphrase = false;
};

void AddSlip39CombineFlags(CLI::App* cmd, Slip39CombineFlags& flags);

// As for split: true when it ran (or refused SLIP-39 flags without --format slip39).
bool RunSlip39CombineIfAsked(const Globals& globals, const std::string& format,
                             const Slip39CombineFlags& flags, const ops::CombineRequest& request,
                             bool typed, Outcome& outcome);

}  // namespace keyrite::cli
