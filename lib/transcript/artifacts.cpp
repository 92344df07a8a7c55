#include "transcript/artifacts.h"

#include <algorithm>
#include <map>

#include "io/files.h"

namespace keyrite::transcript {
namespace {

struct Expected {
  Sha256Digest digest{};
  std::uint64_t record = 0;
};

// Name -> the digest and record of its last mention (inputs and outputs alike).
std::map<std::string, Expected> LastDigests(const std::vector<StepRecord>& steps) {
  std::map<std::string, Expected> last;
  for (const StepRecord& r : steps) {
    for (const auto& [name, digest] : r.step.inputs) last[name] = {digest, r.seq};
    for (const auto& [name, digest] : r.step.outputs) last[name] = {digest, r.seq};
  }
  return last;
}

}  // namespace

ArtifactCheck CheckArtifacts(const std::vector<StepRecord>& steps, const std::string& dir) {
  ArtifactCheck check;
  for (const auto& [name, want] : LastDigests(steps)) {
    ++check.checked;
    const std::string path = io::JoinPath(dir, name);
    const Result<Sha256Digest> got =
        io::PathExists(path) ? Sha256File(path) : Result<Sha256Digest>(NotFound(path));
    if (got.ok() && *got == want.digest) continue;
    check.problems.push_back({name, want.record, !got.ok()});
  }
  std::stable_sort(check.problems.begin(), check.problems.end(),
                   [](const ArtifactProblem& a, const ArtifactProblem& b) {
                     return a.record < b.record;
                   });
  return check;
}

}  // namespace keyrite::transcript
