#pragma once
// Re-hashing the artifacts a transcript names: each name (a relative path) must, under the given
// directory, have the digest its LAST record gave it (a file may be written at one step and
// replaced at a later one). Public data only.

#include <cstddef>
#include <string>
#include <vector>

#include "transcript/record.h"
#include "transcript/verify.h"

namespace keyrite::transcript {

struct ArtifactCheck {
  std::size_t checked = 0;                // distinct names hashed
  std::vector<ArtifactProblem> problems;  // by record, then name
};

ArtifactCheck CheckArtifacts(const std::vector<StepRecord>& steps, const std::string& dir);

}  // namespace keyrite::transcript
