#include "stream/share_file_format.h"

#include <algorithm>
#include <fstream>
#include <string>

#include "base/check.h"
#include "base/digest.h"
#include "stream/stream.h"

namespace keyrite::stream {
namespace {

// Byte offsets of the fields (docs/formats/share-file-v1.md; the same in version 2).
constexpr std::size_t kVersionOffset = 4;
constexpr std::size_t kThresholdOffset = 5;
constexpr std::size_t kIndexOffset = 6;
constexpr std::size_t kReservedOffset = 7;
constexpr std::size_t kSetIdOffset = 8;
constexpr std::size_t kPayloadBytesOffset = 16;

constexpr std::uint64_t kMinPayloadBytes = 1 + kFileTagBytes;

using HeaderBytes = std::array<std::uint8_t, kShareFileHeaderBytes>;

void PutBigEndian64(std::uint64_t v, std::uint8_t* out) {
  for (int i = 7; i >= 0; --i, v >>= 8) out[i] = static_cast<std::uint8_t>(v);
}

std::uint64_t GetBigEndian64(const std::uint8_t* in) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | in[i];
  return v;
}

std::array<std::uint8_t, kHeaderChecksumBytes> Checksum(std::span<const std::uint8_t> bytes) {
  const Sha256Digest digest = Sha256(bytes.first(kHeaderChecksumOffset));
  std::array<std::uint8_t, kHeaderChecksumBytes> out{};
  std::copy_n(digest.begin(), out.size(), out.begin());
  return out;
}

bool KnownVersion(std::uint8_t version) {
  return version == kShareFileVersionSha256 || version == kShareFileVersionBlake3;
}

bool ValidFields(const ShareFileHeader& h) {
  return KnownVersion(h.version) && h.threshold >= 1 && h.index >= 1 &&
         h.payload_bytes >= kMinPayloadBytes &&
         h.payload_bytes <= kMaxFileSecretBytes + kFileTagBytes;
}

Status CheckFields(const ShareFileHeader& h) {
  if (h.threshold == 0) return InvalidInput("threshold 0 is not valid");
  if (h.index == 0) return InvalidInput("share index 0 is not valid");
  if (!ValidFields(h)) {
    return InvalidInput("a payload of " + std::to_string(h.payload_bytes) +
                        " bytes cannot hold a secret and its commitment");
  }
  return OkStatus();
}

}  // namespace

std::string_view FileTagDomain(std::uint8_t version) {
  KR_CHECK(KnownVersion(version));
  return version == kShareFileVersionSha256 ? "keyrite share-file v1" : "keyrite share-file v2";
}

HeaderBytes EncodeShareFileHeader(const ShareFileHeader& h) {
  KR_CHECK(ValidFields(h));
  HeaderBytes out{};
  std::copy(kShareFileMagic.begin(), kShareFileMagic.end(), out.begin());
  out[kVersionOffset] = h.version;
  out[kThresholdOffset] = h.threshold;
  out[kIndexOffset] = h.index;
  out[kReservedOffset] = 0;
  std::copy(h.set_id.begin(), h.set_id.end(), out.begin() + kSetIdOffset);
  PutBigEndian64(h.payload_bytes, out.data() + kPayloadBytesOffset);
  const auto checksum = Checksum(out);
  std::copy(checksum.begin(), checksum.end(), out.begin() + kHeaderChecksumOffset);
  return out;
}

Result<ShareFileHeader> ParseShareFileHeader(std::span<const std::uint8_t> bytes) {
  if (bytes.size() < kShareFileHeaderBytes ||
      !std::equal(kShareFileMagic.begin(), kShareFileMagic.end(), bytes.begin())) {
    return InvalidInput("not a keyrite share file (it does not start with \"KRSF\")");
  }
  if (!KnownVersion(bytes[kVersionOffset])) {
    return Unsupported("share file version " + std::to_string(bytes[kVersionOffset]) +
                       "; this keyrite reads versions 1 and 2 only: use a keyrite that knows it");
  }
  const auto checksum = Checksum(bytes);
  if (!std::equal(checksum.begin(), checksum.end(), bytes.begin() + kHeaderChecksumOffset)) {
    return Corrupt("the share file header is damaged (its checksum does not match)");
  }
  if (bytes[kReservedOffset] != 0) {
    return InvalidInput("the reserved header byte is " + std::to_string(bytes[kReservedOffset]) +
                        ", not 0");
  }
  ShareFileHeader h;
  h.version = bytes[kVersionOffset];
  h.threshold = bytes[kThresholdOffset];
  h.index = bytes[kIndexOffset];
  std::copy_n(bytes.begin() + kSetIdOffset, h.set_id.size(), h.set_id.begin());
  h.payload_bytes = GetBigEndian64(bytes.data() + kPayloadBytesOffset);
  KR_RETURN_IF_ERROR(CheckFields(h));
  return h;
}

bool IsBinaryShareFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::array<char, kShareFileMagic.size()> head{};
  if (!in.read(head.data(), head.size())) return false;
  return std::equal(head.begin(), head.end(), kShareFileMagic.begin(),
                    [](char a, std::uint8_t b) { return static_cast<std::uint8_t>(a) == b; });
}

}  // namespace keyrite::stream
