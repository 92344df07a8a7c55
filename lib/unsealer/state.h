#pragma once
// UnsealerState: the public state of an unsealer, the file U/unsealer.json (format in
// docs/formats/unsealer-v1.md). It is the commit point of every change: it names the current
// keystore, audit log and shard set files with their digests, and is signed by the unsealer's
// signing key. Nothing in it is secret; the signing key's private half is in it sealed.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/digest.h"
#include "base/status.h"
#include "share/share.h"

namespace keyrite::unsealer {

inline constexpr std::string_view kStateFileName = "unsealer.json";
inline constexpr std::string_view kStateFormat = "keyrite-unsealer";
inline constexpr int kStateVersion = 1;
inline constexpr std::size_t kMaxStateBytes = 4 * 1024 * 1024;

struct Custodian {
  std::uint8_t index = 0;       // the share index of this custodian's shard
  std::string user_id;          // "Alice <alice@example.org>"
  std::string fingerprint;      // 40 uppercase hex digits
  std::string shard_file;       // "shard-1-of-5.asc", inside the shard set's directory
  Sha256Digest shard_sha256{};  // of the shard file

  bool operator==(const Custodian&) const = default;
};

// A shard set holding the master key: the directory split --to wrote (shards and manifest.json).
struct ShardSet {
  share::SetId set_id{};
  std::uint8_t threshold = 0;
  std::string dir;  // "shards-1", beside unsealer.json
  Sha256Digest manifest_sha256{};
  std::vector<Custodian> custodians;

  bool operator==(const ShardSet&) const = default;
};

// A file beside unsealer.json, its digest, and how many entries or records it holds.
struct FileRef {
  std::string file;
  Sha256Digest sha256{};
  std::uint64_t count = 0;

  bool operator==(const FileRef&) const = default;
};

// A rekey or rotation written but not yet proven by a quorum of the new shard set.
struct Pending {
  std::string operation;  // "rekey" or "rotate"
  std::string nonce;      // 16 lowercase hex digits, shown to the custodians; binds the proof
  ShardSet shards;
  std::string master_check;        // rotate: the new master key's; rekey: the current one
  std::string signing_key_sealed;  // rotate: under the new master key (base64); rekey: ""
  FileRef keystore;                // rotate: the re-sealed keystore; rekey: empty

  bool operator==(const Pending&) const = default;
};

struct UnsealerState {
  std::string id;  // 16 lowercase hex digits
  std::uint64_t generation = 0;  // 1 after init, +1 per change
  std::int64_t created = 0;      // Unix seconds
  std::int64_t changed = 0;
  std::string keyrite_version;   // of the program that made the last change
  Sha256Digest keyrite_sha256{};
  ShardSet shards;
  std::vector<std::string> retired_sets;  // set ids (text) of shard sets no longer accepted
  std::string master_check;               // 64 lowercase hex digits
  std::string signing_public_key;         // 64 lowercase hex digits (Ed25519)
  std::string signing_key_sealed;         // base64
  FileRef keystore;
  FileRef audit;
  std::string audit_head;  // hash of the last audit record, 64 lowercase hex digits
  std::optional<Pending> pending;
  std::string signature;  // 128 lowercase hex digits, over StateSigningMessage

  bool operator==(const UnsealerState&) const = default;
};

// What the signature covers: a domain line, then every field but the signature, as canonical
// JSON (keys sorted, no spaces), so the signature does not depend on layout.
std::string StateSigningMessage(const UnsealerState& state);

// The state as JSON text (two-space indent, documented field order, final newline).
std::string FormatState(const UnsealerState& state);

// Strict: InvalidInput for malformed JSON or any missing, extra or mistyped field (named);
// Unsupported for another version. The signature is parsed here, checked by the caller.
Result<UnsealerState> ParseState(std::string_view text, std::string_view origin);

// "KR1-…" text of a set id, as status and messages show it.
std::string SetIdText(const share::SetId& id);

}  // namespace keyrite::unsealer
