#pragma once
// Multi-part QR payloads: a payload too long for one QR code (an armored shard, a very long share
// line) is cut into chunks, each carried by one QR code behind a small header, so the parts can be
// scanned in any order, duplicates dropped, and parts of another payload told apart:
//   "KRP1:" set id ":" share index ":" part "/" parts ":" digest ":" chunk
// e.g. "KRP1:AERUJKZ4JEVPG:3:2/4:9F2C61D0A5B3E877:<chunk>". The digest is the first 8 bytes of
// SHA-256 of the whole payload in upper-case hex, checked after reassembly. The header is made
// of QR alphanumeric characters only. Chunks of a share line are secret (SecureBytes). Spec:
// docs/paper.md.

#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "base/status.h"
#include "secmem/secure_bytes.h"

namespace keyrite::paper {

inline constexpr std::string_view kPartMagic = "KRP1:";
inline constexpr std::size_t kPartDigestHexChars = 16;
inline constexpr std::size_t kMaxParts = 999;

struct PartHeader {
  std::string set_id;  // as printed (base32, 13 characters)
  std::uint8_t index = 0;
  std::size_t part = 0;  // 1-based
  std::size_t parts = 0;
  std::string digest;  // kPartDigestHexChars upper-case hex

  std::string Describe() const;  // "part 2 of 4 of share 3 of set ABC…"
};

struct Part {
  PartHeader header;
  secmem::SecureBytes chunk;
};

// The QR payloads for `whole`, in order, each chunk at most chunk_chars bytes (>= 1).
std::vector<secmem::SecureBytes> MakeParts(std::string_view set_id, std::uint8_t index,
                                           std::span<const std::uint8_t> whole,
                                           std::size_t chunk_chars);

// Whether a QR payload starts with kPartMagic.
bool IsPartPayload(std::span<const std::uint8_t> payload);
// Reads one part; InvalidInput naming what is malformed (never the chunk).
Result<Part> ParsePart(std::span<const std::uint8_t> payload);

// Page markers: every page of a share sheet after the first carries a small QR code
//   "KRC1:" set id ":" share index ":" page
// so that a scan of any printed page finds a keyrite code, and a file without one is a real
// failure to read. A marker carries nothing else.
inline constexpr std::string_view kPageMarkerMagic = "KRC1:";

secmem::SecureBytes PageMarkerPayload(std::string_view set_id, std::uint8_t index,
                                      std::size_t page);
bool IsPageMarkerPayload(std::span<const std::uint8_t> payload);
// The marker's set id and index (part = page); InvalidInput when malformed.
Result<PartHeader> ParsePageMarker(std::span<const std::uint8_t> payload);

// A payload put back together from its parts.
struct AssembledPayload {
  PartHeader header;            // part = 0
  std::string origin;           // where its parts were found, e.g. "a.png, b.png"
  secmem::SecureBytes payload;  // checked against the digest
};

// Collects parts from any number of images, in any order.
class PartCollector {
 public:
  // Exact duplicates are dropped. Corrupt when another part claims the same number with different
  // bytes; Mismatch when its part count differs from the others of the same payload.
  Status Add(std::string_view origin, Part part);
  // Every payload, put together. Insufficient naming the missing parts of the first incomplete
  // one; Mismatch when it is incomplete and parts of another printing of the same share were
  // seen; Corrupt when a reassembled payload fails its digest.
  Result<std::vector<AssembledPayload>> Finish();

 private:
  using Key = std::tuple<std::string, std::uint8_t, std::string>;  // set id, index, digest
  struct Group {
    std::size_t parts = 0;
    std::map<std::size_t, secmem::SecureBytes> chunks;
    std::vector<std::string> origins;
  };
  bool HasOtherPrinting(const Key& key) const;

  std::map<Key, Group> groups_;
};

}  // namespace keyrite::paper
