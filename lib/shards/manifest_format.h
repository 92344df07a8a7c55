#pragma once
// Shard-set manifest v1: the constants of the public JSON file written beside the shards
// ("manifest.json"), shared by the writer and the reader; the format is specified in
// docs/formats/shard-set-v1.md. Nothing in a manifest is secret.

#include <cstddef>
#include <string_view>

namespace keyrite::shards {

// --- Identification: "format" and "version" come first in every manifest. ---
inline constexpr std::string_view kManifestFormat = "keyrite-shard-set";
inline constexpr int kManifestVersion = 1;
inline constexpr std::string_view kManifestFileName = "manifest.json";

// Shard files: "shard-2-of-5.asc" (see ShardFileName in shard_file.h).
inline constexpr std::string_view kShardFilePrefix = "shard-";
inline constexpr std::string_view kShardFileSuffix = ".asc";

// Bounds on what is read: a manifest for 255 custodians is about 100 KiB; an armored shard of
// the largest share (a 64 KiB secret) is about 220 KiB.
inline constexpr std::size_t kMaxManifestBytes = 1024 * 1024;
inline constexpr std::size_t kMaxShardFileBytes = 512 * 1024;

// --- Top-level fields, in the order they are written. ---
inline constexpr std::string_view kFieldFormat = "format";
inline constexpr std::string_view kFieldVersion = "version";
inline constexpr std::string_view kFieldSetId = "set_id";
inline constexpr std::string_view kFieldThreshold = "threshold";
inline constexpr std::string_view kFieldCount = "count";
inline constexpr std::string_view kFieldCreated = "created";
inline constexpr std::string_view kFieldKeyrite = "keyrite";
inline constexpr std::string_view kFieldCustodians = "custodians";

// --- Fields of "keyrite": the program that wrote the set. ---
inline constexpr std::string_view kFieldKeyriteVersion = "version";
inline constexpr std::string_view kFieldKeyriteSha256 = "sha256";

// --- Fields of each entry of "custodians", in custodian order. ---
inline constexpr std::string_view kFieldIndex = "index";
inline constexpr std::string_view kFieldUserId = "user_id";
inline constexpr std::string_view kFieldFingerprint = "fingerprint";
inline constexpr std::string_view kFieldEncryptionKeyId = "encryption_key_id";
inline constexpr std::string_view kFieldFile = "file";
inline constexpr std::string_view kFieldSha256 = "sha256";

// Lengths of the text forms.
inline constexpr std::size_t kSetIdChars = 13;        // base32 of the 8-byte set id
inline constexpr std::size_t kFingerprintChars = 40;  // OpenPGP v4, uppercase hex
inline constexpr std::size_t kKeyIdChars = 16;        // uppercase hex
inline constexpr std::size_t kSha256Chars = 64;       // lowercase hex
inline constexpr std::size_t kCreatedChars = 20;      // "2026-11-21T23:30:00Z"

}  // namespace keyrite::shards
