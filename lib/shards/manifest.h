#pragma once
// Manifest: the public record of one shard set (what split --to wrote and to whom), read and
// written as JSON (format in docs/formats/shard-set-v1.md, constants in manifest_format.h).
// Plain values, nothing secret: a manifest cannot carry a commitment to the secret without
// leaking it (docs/shamir.md), so it records the set id and threshold, and the SHA-256 of each
// shard file binds the files.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/digest.h"
#include "base/status.h"
#include "share/share.h"

namespace keyrite::shards {

// One custodian, in the fixed custodian order of the split (index 1 first).
struct CustodianEntry {
  std::uint8_t index = 0;         // the share index this custodian's shard holds, 1..count
  std::string user_id;            // "Alice <alice@example.org>"
  std::string fingerprint;        // 40 uppercase hex digits
  std::string encryption_key_id;  // 16 uppercase hex digits: the only recipient of the shard
  std::string file;               // "shard-1-of-5.asc", beside the manifest (no directory part)
  Sha256Digest sha256{};          // of the shard file as written

  bool operator==(const CustodianEntry&) const = default;
};

struct Manifest {
  share::SetId set_id{};
  std::uint8_t threshold = 0;
  std::uint8_t count = 0;
  std::int64_t created = 0;       // Unix seconds, written as UTC text "2026-11-21T23:30:00Z"
  std::string keyrite_version;    // KEYRITE_VERSION of the program that split
  Sha256Digest keyrite_sha256{};  // of that program's executable
  std::vector<CustodianEntry> custodians;

  bool operator==(const Manifest&) const = default;
};

// The manifest as JSON text (two-space indent, fields in the documented order, final newline).
// The manifest must be consistent (count == custodians.size(), indices 1..count): a bug if not.
std::string FormatManifest(const Manifest& manifest);

// Reads JSON text; `origin` names it in messages. InvalidInput for malformed JSON, a missing,
// extra or mistyped field (named, e.g. "custodians[2].sha256") or inconsistent values;
// Unsupported for another version.
Result<Manifest> ParseManifest(std::string_view text, std::string_view origin);

// Reads and parses the file (NotFound / IoError naming it).
Result<Manifest> ReadManifestFile(const std::string& path);

// The custodian whose shard file has this digest, or null.
const CustodianEntry* FindByDigest(const Manifest& manifest, const Sha256Digest& digest);
// The custodian holding share `index`, or null.
const CustodianEntry* FindByIndex(const Manifest& manifest, std::uint8_t index);

}  // namespace keyrite::shards
