#pragma once
// Snapshot container v1 (docs/formats/snapshot-v1.md): every constant, the public header and the
// fixed tail, shared by the writer and the reader. All of it is public: names, sizes, digests of
// the plaintext members, the unsealer id, the signer's public key. Parsing checks every field and
// bound; an unknown version is turned away here and nowhere else.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/digest.h"
#include "base/status.h"

namespace keyrite::snapshot {

inline constexpr std::array<std::uint8_t, 8> kMagic = {'K', 'R', 'S', 'N', 'A', 'P', 0x1A, '\n'};
inline constexpr std::array<std::uint8_t, 8> kTailMagic = {'K', 'R', 'S', 'N', 'E', 'N', 'D', '\n'};
inline constexpr std::uint16_t kVersion = 1;
inline constexpr std::uint32_t kChunkBytes = 64 * 1024;  // plaintext bytes per chunk
inline constexpr std::size_t kAeadBytes = 17;            // secretstream ABYTES
inline constexpr std::size_t kStreamHeaderBytes = 24;    // secretstream HEADERBYTES
inline constexpr std::size_t kDigestBytes = 32;          // SHA-256
inline constexpr std::size_t kFixedHeaderBytes = 104;
inline constexpr std::size_t kTailBytes = 32 + 8 + 64 + 8;  // header digest, count, sig, magic
inline constexpr std::size_t kMaxMembers = 1024;
inline constexpr std::size_t kMaxNameBytes = 128;
inline constexpr std::uint64_t kMaxTotalBytes = std::uint64_t{1} << 40;  // 1 TiB of plaintext
inline constexpr std::int64_t kMaxCreated = std::int64_t{1} << 40;
// The signature covers kSignDomain || header digest || chunk count || SHA-256(chunk digests).
inline constexpr std::string_view kSignDomain = "keyrite snapshot v1 signature";

enum class Kind : std::uint8_t { kUnsealerSnapshot = 1, kSealedFile = 2 };
std::string_view KindName(Kind kind);  // "unsealer-snapshot", "sealed-file"

using UnsealerId = std::array<std::uint8_t, 8>;
using PublicKey = std::array<std::uint8_t, 32>;
using Digest = std::array<std::uint8_t, kDigestBytes>;

// 16 hex digits; InvalidArgument otherwise.
Result<UnsealerId> ParseUnsealerId(std::string_view hex);
std::string FormatUnsealerId(const UnsealerId& id);

struct Member {
  std::string name;  // 1..128 bytes of [A-Za-z0-9._-], not starting with '.'
  std::uint64_t size = 0;
  Sha256Digest sha256{};  // of the plaintext
};
// Empty when `name` is a valid member name, else why not.
std::string CheckMemberName(std::string_view name);

struct Header {
  Kind kind = Kind::kSealedFile;
  UnsealerId unsealer_id{};
  std::int64_t created = 0;  // unix seconds, UTC
  std::uint64_t total_bytes = 0;
  PublicKey signer{};
  std::array<std::uint8_t, kStreamHeaderBytes> stream_header{};
  std::vector<Member> members;

  std::uint64_t ChunkCount() const;  // at least 1: an empty snapshot has one empty final chunk
  std::uint64_t ChunkPlainBytes(std::uint64_t chunk) const;
  std::uint64_t EncodedBytes() const;  // of the header itself
  std::uint64_t FileBytes() const;     // of the whole snapshot
};

// The header's bytes; the fields must be valid (a bug aborts).
std::vector<std::uint8_t> EncodeHeader(const Header& header);

// The fixed part first (kFixedHeaderBytes), then the whole header (HeaderBytesFrom tells how many).
// Messages start with "header: " and name the field (and member) at fault.
Result<std::uint64_t> HeaderBytesFrom(std::span<const std::uint8_t> fixed);
Result<Header> ParseHeader(std::span<const std::uint8_t> bytes);

struct Tail {
  Digest header_digest{};
  std::uint64_t chunk_count = 0;
  std::array<std::uint8_t, 64> signature{};
};
std::array<std::uint8_t, kTailBytes> EncodeTail(const Tail& tail);
// Fails (trailer: ...) only on a wrong magic; the rest is checked against the signature.
Result<Tail> ParseTail(std::span<const std::uint8_t, kTailBytes> bytes);

// What the ed25519 signature covers.
std::vector<std::uint8_t> SignedMessage(const Digest& header_digest, std::uint64_t chunk_count,
                                        const Digest& chunk_list_digest);

// Little-endian helpers.
void PutLe(std::uint8_t* out, std::uint64_t value, std::size_t bytes);
std::uint64_t GetLe(const std::uint8_t* in, std::size_t bytes);

}  // namespace keyrite::snapshot
