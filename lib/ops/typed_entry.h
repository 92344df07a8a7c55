#pragma once
// Typed entry of share lines, for custodians who bring a share on paper or decrypted at home.
// Each custodian types their line (in one go or in pieces, echo off); every group of five
// characters is checked against its group number as soon as it is entered, so a typo is named at
// once and only the groups from the bad one on are typed again. An empty entry ends a share.
// Entry ends when the threshold is reached. Nothing typed is ever written anywhere.

#include <vector>

#include "base/status.h"
#include "io/prompt.h"
#include "share/share.h"

namespace keyrite::ops {

struct TypedEntryOptions {
  // Shares already collected from files; typing stops once the set has its threshold.
  std::size_t already_have = 0;
  std::uint8_t threshold_hint = 0;  // from the other shares; 0 = learn it from the first typed
  int tries_per_share = 3;
};

Result<std::vector<share::SourcedShare>> ReadTypedShares(io::Prompter& prompter,
                                                         const TypedEntryOptions& options);

}  // namespace keyrite::ops
