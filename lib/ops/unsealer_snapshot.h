#pragma once
// Snapshots of an unsealer and files sealed under it (the container is lib/snapshot). Creating,
// testing, restoring, sealing and opening need a quorum sitting: the snapshot key is derived from
// the master key, and the unsealer's signing key signs. Verifying needs only the public key.
// A snapshot holds everything needed to rebuild the unsealer: unsealer.json, the keystore, the
// audit log, and the shard set's manifest and shards.

#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "ops/quorum.h"
#include "ops/unsealer.h"
#include "snapshot/snapshot.h"

namespace keyrite::ops {

struct SnapshotReport {
  snapshot::SnapshotInfo info;
  std::string path;
  std::size_t entries_checked = 0;  // verify --test: keystore entries opened and matched
  std::vector<UsedShare> used = {};
};

// A new snapshot of the unsealer in `dir` at `out`; its digest is recorded in the audit log.
Result<SnapshotReport> CreateUnsealerSnapshot(const std::string& dir, const QuorumSources& quorum,
                                              const std::string& out, Clock& clock);

// Public verify against the unsealer in `dir` (its public key and id), no quorum.
Result<SnapshotReport> VerifyAgainstUnsealer(const std::string& path, const std::string& dir);

// With a quorum of the unsealer in `dir`: decrypts every member in memory, checks the state's
// signature, every keystore entry against its public parts, the audit chain and the shard files'
// digests. Writes nothing.
Result<SnapshotReport> TestUnsealerSnapshot(const std::string& path, const std::string& dir,
                                            const QuorumSources& quorum);

struct RestoreRequest {
  std::string path;       // the snapshot
  std::string green_dir;  // the new unsealer; must not exist
  QuorumSources quorum;   // of the snapshot's own shard set, as shard or share files, scans, typed
  CustodianSet rekey_to = {};  // no certificates: GREEN keeps the snapshot's custodians
};

// A new unsealer in `green_dir` from a snapshot, with a quorum of the custodians the snapshot's
// shard set names (the shards inside the snapshot cannot be read before the master key is known).
// Its audit log records the snapshot's digest as its origin. With `rekey_to` custodians, the same
// master key is also split to them in the same sitting as a pending rekey (`unsealer prove` by a
// quorum of the new set retires the snapshot's set on GREEN, as for any rekey); the report then
// lists the new shards and the state carries the nonce.
Result<UnsealerReport> RestoreUnsealerSnapshot(const RestoreRequest& request, Rng& rng, Clock& clock);

// Any file sealed under the unsealer (streaming, constant memory), and opened again.
Result<SnapshotReport> SealUnderUnsealer(const std::string& dir, const QuorumSources& quorum,
                                         const std::string& in, const std::string& out,
                                         Clock& clock);
Result<SnapshotReport> OpenUnderUnsealer(const std::string& dir, const QuorumSources& quorum,
                                         const std::string& path, const std::string& out);

}  // namespace keyrite::ops
