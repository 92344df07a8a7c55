#pragma once
// Inspection of a HashiCorp Vault (or OpenBao) raft snapshot, offline and without any key: a
// gzip'd tar holding exactly meta.json, state.bin, SHA256SUMS and SHA256SUMS.sealed. Checks the
// unkeyed SHA256SUMS against meta.json and state.bin, the raft metadata against state.bin's size,
// and rejects unknown, missing or duplicated members and truncation. SHA256SUMS.sealed needs
// Vault's own keys and is only reported. Reads in constant memory; extracts nothing to disk.

#include <cstdint>
#include <string>
#include <vector>

#include "base/digest.h"
#include "base/status.h"

namespace keyrite::snapshot {

struct VaultMember {
  std::string name;
  std::uint64_t size = 0;
  Sha256Digest sha256{};
};

struct VaultSnapshotReport {
  std::vector<VaultMember> members;  // in archive order
  std::string meta_json;             // meta.json, pretty-printed
  std::string id;                    // raft snapshot id
  std::uint64_t index = 0;
  std::uint64_t term = 0;
  std::uint64_t version = 0;
  std::uint64_t state_bytes = 0;
};

// InvalidInput (not a gzip'd tar, bad meta.json or SHA256SUMS, unknown/missing/duplicate
// member), Corrupt (truncated, a checksum that does not match), NotFound / Io for the file.
Result<VaultSnapshotReport> InspectVaultSnapshot(const std::string& path);

}  // namespace keyrite::snapshot
