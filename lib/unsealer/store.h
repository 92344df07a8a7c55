#pragma once
// The unsealer directory on disk. unsealer.json is the one commit point: a change writes the new
// keystore and audit files under new names (generation-numbered), then replaces unsealer.json
// atomically, then removes what it no longer names. A crash at any point leaves the old state or
// the complete new one; files of an unfinished change are ignored and removed by the next change.
//
// Loading checks everything that needs no secret: the state's signature against its recorded
// public key, every file against its recorded digest, the keystore and the audit chain.

#include <cstdint>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "unsealer/audit_log.h"
#include "unsealer/keystore.h"
#include "unsealer/signing_key.h"
#include "unsealer/state.h"

namespace keyrite::unsealer {

struct Unsealer {
  std::string dir;
  UnsealerState state;
  std::vector<KeyEntry> entries;  // the current keystore
  std::string audit_text;         // the current audit log, verified
};

struct FileCheck {
  std::string file;     // relative to the unsealer directory
  std::string problem;  // "" when the file matches its recorded digest
};

// Every file the state names (keystore, audit log, shard manifests and shards, pending ones too),
// checked against its recorded digest.
std::vector<FileCheck> CheckFiles(const std::string& dir, const UnsealerState& state);

// unsealer.json parsed and its signature checked (NotFound when `dir` holds no unsealer).
Result<UnsealerState> LoadState(const std::string& dir);

// The whole unsealer, checked; the first problem is the error (Corrupt naming the file).
// The keystore and audit log are each read once, parsed and hashed in the same pass. Readers that
// will neither open nor commit (status, list: kDrop) keep no audit text and no sealed values.
enum class AuditText { kKeep, kDrop };
Result<Unsealer> LoadUnsealer(const std::string& dir, AuditText audit = AuditText::kKeep);

// LoadUnsealer after LoadState: `files` (when given) gets every file's check, as CheckFiles
// would, whatever the outcome.
Result<Unsealer> ReadUnsealer(const std::string& dir, UnsealerState state, AuditText audit,
                              std::vector<FileCheck>* files);

// One audit record to add with a change.
struct Change {
  std::string action;
  AuditDetails details;
};

// Writes `next` as the new state of `dir` with `entries` as its keystore and `changes` appended to
// the audit log, signed with `key`. `previous` is the loaded unsealer (null for init). Sets the
// generation, times, program identity, file references and signature of `next`, and returns it.
Result<UnsealerState> Commit(const std::string& dir, const Unsealer* previous, UnsealerState next,
                             const std::vector<KeyEntry>& entries,
                             const std::vector<Change>& changes, const SigningKey& key,
                             Clock& clock);

// Removes files and directories of unfinished or superseded changes: names keyrite writes
// ("keystore-*", "audit-*", "shards-*", "*.tmp-*") that `state` does not reference. Other files
// are never touched.
Status RemoveUnreferenced(const std::string& dir, const UnsealerState& state,
                          const std::vector<std::string>& also_keep = {});

// "keystore-000007.jsonl", "audit-000007.jsonl", "shards-7".
std::string KeystoreFileName(std::uint64_t generation);
std::string AuditFileName(std::uint64_t generation);
std::string ShardDirName(std::uint64_t generation);

}  // namespace keyrite::unsealer
