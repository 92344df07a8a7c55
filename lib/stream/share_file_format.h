#pragma once
// Share file format: one binary Shamir share of a file, as written by SplitFile and read by
// CombineFiles (docs/formats/share-file-v2.md, and share-file-v1.md for what the two versions
// share). A 32-byte header (public: version, set id, threshold, index, payload length, header
// checksum) then the payload, which is secret: any `threshold` payloads of one set give back the
// file. Versions 1 and 2 differ only in the hash of the commitment T. All constants live here,
// shared by reader and writer.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "base/status.h"
#include "share/share.h"

namespace keyrite::stream {

inline constexpr std::array<std::uint8_t, 4> kShareFileMagic = {'K', 'R', 'S', 'F'};
inline constexpr std::uint8_t kShareFileVersionSha256 = 1;  // read, and written on request
inline constexpr std::uint8_t kShareFileVersionBlake3 = 2;
inline constexpr std::uint8_t kShareFileVersion = kShareFileVersionBlake3;  // what SplitFile writes
inline constexpr std::size_t kShareFileHeaderBytes = 32;
inline constexpr std::size_t kHeaderChecksumOffset = 24;  // checksum = SHA-256(bytes 0..24)[0..8)
inline constexpr std::size_t kHeaderChecksumBytes = 8;

// The commitment T appended to the secret before it is shared (M = S || T):
// T = H(FileTagDomain(version) || set_id || threshold || len(S) as 8 bytes big-endian || S)[0..16)
// with H = SHA-256 in version 1 and BLAKE3 in version 2.
inline constexpr std::size_t kFileTagBytes = 16;

// "keyrite share-file v1" or "keyrite share-file v2"; the version must be one of the two.
std::string_view FileTagDomain(std::uint8_t version);

// Bounds that keep every size and offset far from overflow; files are limited by off_t anyway.
inline constexpr std::uint64_t kMaxFileSecretBytes = std::uint64_t{1} << 60;

// The public fields of a share file.
struct ShareFileHeader {
  std::uint8_t version = kShareFileVersion;  // 1 or 2
  share::SetId set_id{};
  std::uint8_t threshold = 0;       // 1..255
  std::uint8_t index = 0;           // the x coordinate, 1..255
  std::uint64_t payload_bytes = 0;  // secret bytes + kFileTagBytes

  std::uint64_t secret_bytes() const { return payload_bytes - kFileTagBytes; }
};

// The 32 header bytes, checksum included. The fields must be valid (a bug aborts).
std::array<std::uint8_t, kShareFileHeaderBytes> EncodeShareFileHeader(const ShareFileHeader& h);

// Checks, in this order: magic (InvalidInput: not a keyrite share file), version (Unsupported:
// the one place an unknown version is turned away; 1 and 2 are known), checksum (Corrupt),
// reserved byte, threshold, index and payload length (InvalidInput). Messages have no path;
// callers add it.
Result<ShareFileHeader> ParseShareFileHeader(std::span<const std::uint8_t> bytes);

}  // namespace keyrite::stream
