#pragma once
// snapshot verify / inspect-vault: the commands on snapshots that need no secret. verify checks
// a keyrite snapshot against the signer's public key (given as hex or in a file) and, when
// asked, the unsealer it must belong to; inspect-vault checks a Vault raft snapshot's own
// checksums. Nothing is decrypted and nothing is written.

#include <string>

#include "base/status.h"
#include "snapshot/snapshot.h"
#include "snapshot/vault.h"

namespace keyrite::ops {

struct SnapshotVerifyRequest {
  std::string path;
  std::string pubkey_hex;   // 64 hex digits; exactly one of pubkey_hex and pubkey_file
  std::string pubkey_file;  // a file holding the 64 hex digits
  std::string unsealer_id;  // optional: 16 hex digits the snapshot must be bound to
};

struct SnapshotVerifyReport {
  snapshot::SnapshotInfo info;
  std::string path;
};

Result<SnapshotVerifyReport> VerifySnapshotFile(const SnapshotVerifyRequest& request);

// The signer key from its hex form (surrounding whitespace ignored). InvalidArgument otherwise.
Result<snapshot::PublicKey> ParseSignerKey(std::string_view hex);

Result<snapshot::VaultSnapshotReport> InspectVaultSnapshotFile(const std::string& path);

}  // namespace keyrite::ops
