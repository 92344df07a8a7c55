#pragma once
// unsealer: make an unsealer (a master key held by a quorum of custodians as PGP-encrypted shards,
// guarding a sealed keystore), show its public state, check it with a quorum, and change who holds
// the master key (rekey) or the master key itself (rotate). Rekey and rotate are two-step: the new
// shards are written as pending, and only a quorum of the NEW set proving them (with the nonce
// shown at the first step) retires the old set; until then the old shards keep working.

#include <cstdint>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/rng.h"
#include "base/status.h"
#include "io/prompt.h"
#include "ops/quorum.h"
#include "unsealer/store.h"

namespace keyrite::ops {

struct CustodianSet {
  std::vector<std::string> certificates;  // custodian order
  std::vector<std::string> expected_fingerprints = {};
  std::string expected_fingerprints_file = {};
  io::Prompter* confirm = nullptr;
  std::uint8_t threshold = 0;
};

struct InitRequest {
  std::string dir;  // must not exist; made complete or not at all
  CustodianSet custodians;
  std::string print_dir = {};  // also print one sheet per shard here
  io::Prompter* dice = nullptr;  // --dice: rolls asked here are mixed into the master key's entropy
};

struct UnsealerReport {
  unsealer::UnsealerState state;
  std::vector<std::string> shard_paths;  // init, rekey, rotate: the shards written
  std::vector<std::string> sheets = {};
  std::vector<UsedShare> used = {};  // the shares the sitting used
  std::size_t entries_checked = 0;   // check
};

Result<UnsealerReport> InitUnsealer(const InitRequest& request, Rng& rng, Clock& clock);

struct StatusReport {
  unsealer::UnsealerState state;
  std::vector<unsealer::KeyEntry> entries;   // empty when the keystore cannot be read
  std::vector<unsealer::FileCheck> files;
  std::string problem;  // "" when every file matches and the keystore and audit log read back
};
Result<StatusReport> UnsealerStatus(const std::string& dir);

// With a quorum: opens every entry and checks its public parts against its secret.
Result<UnsealerReport> CheckUnsealer(const std::string& dir, const QuorumSources& quorum);

struct RekeyRequest {
  std::string dir;
  QuorumSources quorum;    // of the current set
  CustodianSet custodians; // the new set; threshold 0 keeps the current one
  bool rotate = false;     // also a new master key; every entry re-sealed
  io::Prompter* dice = nullptr;  // rotate --dice: rolls mixed into the new master key's entropy
};
Result<UnsealerReport> BeginRekey(const RekeyRequest& request, Rng& rng, Clock& clock);
// The same inside a sitting already held on `request.dir` (snapshot restore rekeys the unsealer
// it has just built with the master key it has just recombined); `request.quorum` is not used.
Result<UnsealerReport> BeginRekeyInSitting(Sitting& sitting, const RekeyRequest& request, Rng& rng,
                                           Clock& clock);

// Proof by a quorum of the pending set: switches to it and retires the old set.
Result<UnsealerReport> ProveRekey(const std::string& dir, const QuorumSources& quorum,
                                  const std::string& nonce, Rng& rng, Clock& clock);

// With a quorum of the current set: drops the pending set.
Result<UnsealerReport> AbortRekey(const std::string& dir, const QuorumSources& quorum,
                                  const std::string& nonce, Clock& clock);

}  // namespace keyrite::ops
