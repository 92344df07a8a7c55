#pragma once
// keygen: make a key of one kind and send its private part only where the user said: into a
// t-of-n split (share files) or into one new 0600 file. The public parts are returned for
// printing. A generated password may be shown on request and is otherwise never displayed.

#include <optional>
#include <string>

#include "base/rng.h"
#include "base/status.h"
#include "keys/key_material.h"
#include "ops/split.h"

namespace keyrite::ops {

struct KeygenRequest {
  keys::KeyKind kind = keys::KeyKind::kRandom;
  keys::KeyOptions options;
  std::string split;     // "3of5", or empty
  std::string out;       // the share directory with split, else a new file for the private part
  bool show = false;     // password only: return it for display
};

struct KeygenReport {
  keys::KeyMaterial key;               // public parts; `secret` is set only when shown
  std::optional<SplitReport> split;    // when split
  std::string out_file;                // when written to a file
};

Result<KeygenReport> Keygen(const KeygenRequest& request, Rng& rng);

// "3of5" -> {3, 5}; InvalidArgument otherwise.
Result<std::pair<std::uint8_t, std::uint8_t>> ParseSplitSpec(std::string_view spec);

}  // namespace keyrite::ops
