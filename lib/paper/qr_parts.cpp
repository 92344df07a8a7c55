#include "paper/qr_parts.h"

#include <algorithm>
#include <cstring>

#include "base/base32.h"
#include "base/digest.h"
#include "base/hex.h"

namespace keyrite::paper {
namespace {

using secmem::SecureBytes;

constexpr std::size_t kSetIdChars = 13;

// The whole may be a share line: the full digest on the stack is wiped; the 8-byte prefix is
// printed in every part's header.
std::string DigestText(std::span<const std::uint8_t> whole) {
  secmem::Wiped<Sha256Digest> digest;
  digest.value = Sha256(whole);
  std::string hex = ToHex(std::span(digest.value).first(kPartDigestHexChars / 2));
  for (char& c : hex) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return hex;
}

std::string_view AsText(std::span<const std::uint8_t> bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

// A decimal number without sign or leading zero, in [lo, hi].
bool ReadNumber(std::string_view text, std::size_t lo, std::size_t hi, std::size_t& out) {
  if (text.empty() || text.size() > 4 || text[0] == '0') return false;
  std::size_t v = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<std::size_t>(c - '0');
  }
  out = v;
  return v >= lo && v <= hi;
}

bool IsSetIdText(std::string_view text) {
  return text.size() == kSetIdChars &&
         std::all_of(text.begin(), text.end(), [](char c) { return Base32Value(c) >= 0; });
}

bool IsDigestText(std::string_view text) {
  return text.size() == kPartDigestHexChars && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
         });
}

// The five header fields after the magic, and where the chunk starts.
bool SplitHeader(std::string_view text, std::string_view (&fields)[4], std::size_t& chunk_at) {
  std::size_t at = kPartMagic.size();
  for (std::string_view& field : fields) {
    const std::size_t colon = text.find(':', at);
    if (colon == std::string_view::npos) return false;
    field = text.substr(at, colon - at);
    at = colon + 1;
  }
  chunk_at = at;
  return true;
}

Result<PartHeader> ReadHeader(std::string_view (&fields)[4]) {
  const Status bad = InvalidInput("a keyrite QR part has a malformed header");
  PartHeader h;
  std::size_t index = 0;
  const std::size_t slash = fields[2].find('/');
  if (!IsSetIdText(fields[0]) || !ReadNumber(fields[1], 1, 255, index) ||
      slash == std::string_view::npos || !IsDigestText(fields[3]) ||
      !ReadNumber(fields[2].substr(0, slash), 1, kMaxParts, h.part) ||
      !ReadNumber(fields[2].substr(slash + 1), 1, kMaxParts, h.parts) || h.part > h.parts) {
    return bad;
  }
  h.set_id = std::string(fields[0]);
  h.index = static_cast<std::uint8_t>(index);
  h.digest = std::string(fields[3]);
  return h;
}

std::string ListNumbers(const std::vector<std::size_t>& numbers) {
  std::string out;
  for (const std::size_t n : numbers) out += (out.empty() ? "" : ", ") + std::to_string(n);
  return out;
}

std::string JoinOrigins(const std::vector<std::string>& origins) {
  std::string out;
  for (const std::string& o : origins) out += (out.empty() ? "" : ", ") + o;
  return out;
}

}  // namespace

std::string PartHeader::Describe() const {
  std::string text = "share " + std::to_string(index) + " of set " + set_id;
  if (part == 0) return text;
  return "part " + std::to_string(part) + " of " + std::to_string(parts) + " of " + text;
}

std::vector<SecureBytes> MakeParts(std::string_view set_id, std::uint8_t index,
                                   std::span<const std::uint8_t> whole, std::size_t chunk_chars) {
  KR_CHECK(chunk_chars >= 1 && !whole.empty());
  const std::size_t parts = (whole.size() + chunk_chars - 1) / chunk_chars;
  KR_CHECK(parts <= kMaxParts);
  const std::string digest = DigestText(whole);
  std::vector<SecureBytes> out;
  for (std::size_t k = 1; k <= parts; ++k) {
    const std::string header = std::string(kPartMagic) + std::string(set_id) + ":" +
                               std::to_string(index) + ":" + std::to_string(k) + "/" +
                               std::to_string(parts) + ":" + digest + ":";
    const std::span<const std::uint8_t> chunk = whole.subspan(
        (k - 1) * chunk_chars, std::min(chunk_chars, whole.size() - (k - 1) * chunk_chars));
    SecureBytes payload(header.size() + chunk.size());
    std::memcpy(payload.data(), header.data(), header.size());
    std::memcpy(payload.data() + header.size(), chunk.data(), chunk.size());
    out.push_back(std::move(payload));
  }
  return out;
}

SecureBytes PageMarkerPayload(std::string_view set_id, std::uint8_t index, std::size_t page) {
  return SecureBytes::CopyOf(std::string(kPageMarkerMagic) + std::string(set_id) + ":" +
                             std::to_string(index) + ":" + std::to_string(page));
}

bool IsPageMarkerPayload(std::span<const std::uint8_t> payload) {
  return AsText(payload).substr(0, kPageMarkerMagic.size()) == kPageMarkerMagic;
}

Result<PartHeader> ParsePageMarker(std::span<const std::uint8_t> payload) {
  const std::string_view text = AsText(payload);
  const Status bad = InvalidInput("a keyrite page marker QR code is malformed");
  if (!IsPageMarkerPayload(payload)) return bad;
  const std::string_view rest = text.substr(kPageMarkerMagic.size());
  const std::size_t colon1 = rest.find(':');
  const std::size_t colon2 = colon1 == std::string_view::npos ? colon1 : rest.find(':', colon1 + 1);
  PartHeader h;
  std::size_t index = 0;
  if (colon2 == std::string_view::npos || !IsSetIdText(rest.substr(0, colon1)) ||
      !ReadNumber(rest.substr(colon1 + 1, colon2 - colon1 - 1), 1, 255, index) ||
      !ReadNumber(rest.substr(colon2 + 1), 2, kMaxParts, h.part)) {
    return bad;
  }
  h.set_id = std::string(rest.substr(0, colon1));
  h.index = static_cast<std::uint8_t>(index);
  return h;
}

bool IsPartPayload(std::span<const std::uint8_t> payload) {
  return AsText(payload).substr(0, kPartMagic.size()) == kPartMagic;
}

Result<Part> ParsePart(std::span<const std::uint8_t> payload) {
  const std::string_view text = AsText(payload);
  if (!IsPartPayload(payload)) return InvalidInput("not a keyrite QR part (no KRP1: header)");
  std::string_view fields[4];
  std::size_t chunk_at = 0;
  if (!SplitHeader(text, fields, chunk_at) || chunk_at >= text.size()) {
    return InvalidInput("a keyrite QR part has a malformed header");
  }
  KR_ASSIGN_OR_RETURN(PartHeader header, ReadHeader(fields));
  return Part{std::move(header), SecureBytes::CopyOf(payload.subspan(chunk_at))};
}

Status PartCollector::Add(std::string_view origin, Part part) {
  const PartHeader& h = part.header;
  Group& group = groups_[Key{h.set_id, h.index, h.digest}];
  if (group.parts != 0 && group.parts != h.parts) {
    return Mismatch(std::string(origin) + ": " + h.Describe() +
                    " does not match the other parts (" + std::to_string(group.parts) +
                    " parts): it is from another printing");
  }
  group.parts = h.parts;
  const auto found = group.chunks.find(h.part);
  if (found != group.chunks.end()) {
    if (secmem::ConstantTimeEqual(found->second.span(), part.chunk.span())) return OkStatus();
    return Corrupt(std::string(origin) + ": two different QR codes claim to be " + h.Describe());
  }
  group.chunks.emplace(h.part, std::move(part.chunk));
  if (std::find(group.origins.begin(), group.origins.end(), origin) == group.origins.end()) {
    group.origins.emplace_back(origin);
  }
  return OkStatus();
}

bool PartCollector::HasOtherPrinting(const Key& key) const {
  for (const auto& [other, group] : groups_) {
    if (std::get<0>(other) == std::get<0>(key) && std::get<1>(other) == std::get<1>(key) &&
        std::get<2>(other) != std::get<2>(key)) {
      return true;
    }
  }
  return false;
}

Result<std::vector<AssembledPayload>> PartCollector::Finish() {
  std::vector<AssembledPayload> out;
  for (auto& [key, group] : groups_) {
    PartHeader header{std::get<0>(key), std::get<1>(key), 0, group.parts, std::get<2>(key)};
    std::vector<std::size_t> missing;
    std::size_t size = 0;
    for (std::size_t k = 1; k <= group.parts; ++k) {
      const auto found = group.chunks.find(k);
      if (found == group.chunks.end()) missing.push_back(k);
      if (found != group.chunks.end()) size += found->second.size();
    }
    if (!missing.empty() && HasOtherPrinting(key)) {
      return Mismatch(header.Describe() + ": QR parts from two different printings of this " +
                      "share were found (in " + JoinOrigins(group.origins) +
                      "); scan all parts of one printing");
    }
    if (!missing.empty()) {
      return Insufficient(header.Describe() + ": part" + (missing.size() > 1 ? "s " : " ") +
                          ListNumbers(missing) + " of " + std::to_string(group.parts) +
                          " missing (found parts in " + JoinOrigins(group.origins) +
                          "); scan the missing QR codes too");
    }
    SecureBytes whole(size);
    std::size_t at = 0;
    for (const auto& [k, chunk] : group.chunks) {
      std::memcpy(whole.data() + at, chunk.data(), chunk.size());
      at += chunk.size();
    }
    if (DigestText(whole.span()) != header.digest) {
      return Corrupt(header.Describe() + ": its parts put together do not match their digest; " +
                     "a part is from another printing or damaged");
    }
    out.push_back({std::move(header), JoinOrigins(group.origins), std::move(whole)});
  }
  return out;
}

}  // namespace keyrite::paper
