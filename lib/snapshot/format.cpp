#include "snapshot/format.h"

#include <algorithm>
#include <cstring>

#include "base/hex.h"

namespace keyrite::snapshot {
namespace {

// Offsets in the fixed part of the header.
constexpr std::size_t kOffVersion = 8;
constexpr std::size_t kOffKind = 10;
constexpr std::size_t kOffReserved = 11;
constexpr std::size_t kOffHeaderBytes = 12;
constexpr std::size_t kOffUnsealerId = 16;
constexpr std::size_t kOffCreated = 24;
constexpr std::size_t kOffChunkBytes = 32;
constexpr std::size_t kOffMemberCount = 36;
constexpr std::size_t kOffTotalBytes = 40;
constexpr std::size_t kOffSigner = 48;
constexpr std::size_t kOffStreamHeader = 80;
constexpr std::size_t kMemberFixedBytes = 1 + 8 + 32;  // name length, size, SHA-256

Status HeaderError(const std::string& what) { return Corrupt("header: " + what); }

std::string MemberLabel(std::size_t i, std::string_view name) {
  return "member " + std::to_string(i + 1) + " '" + std::string(name) + "'";
}

bool NameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

Status CheckFixed(std::span<const std::uint8_t> b) {
  if (b.size() < kFixedHeaderBytes) return Corrupt("truncated in the header");
  if (!std::equal(kMagic.begin(), kMagic.end(), b.begin())) {
    return InvalidInput("header: not a keyrite snapshot (bad magic)");
  }
  const std::uint64_t version = GetLe(&b[kOffVersion], 2);
  if (version != kVersion) {
    return Unsupported("header: snapshot format version " + std::to_string(version) +
                       " is not supported (this keyrite reads version 1)");
  }
  if (b[kOffKind] != 1 && b[kOffKind] != 2) {
    return HeaderError("unknown kind " + std::to_string(b[kOffKind]));
  }
  if (b[kOffReserved] != 0) return HeaderError("reserved byte is not zero");
  if (GetLe(&b[kOffChunkBytes], 4) != kChunkBytes) return HeaderError("chunk size is not 65536");
  const std::uint64_t created = GetLe(&b[kOffCreated], 8);
  if (created > static_cast<std::uint64_t>(kMaxCreated)) return HeaderError("created time out of range");
  const std::uint64_t members = GetLe(&b[kOffMemberCount], 4);
  if (members == 0 || members > kMaxMembers) {
    return HeaderError("member count " + std::to_string(members) + " out of range 1..1024");
  }
  if (GetLe(&b[kOffTotalBytes], 8) > kMaxTotalBytes) return HeaderError("total size out of range");
  return OkStatus();
}

// Parses one member record at `pos`, advancing it.
Result<Member> ParseMember(std::span<const std::uint8_t> b, std::size_t& pos, std::size_t i) {
  const std::string label = "member " + std::to_string(i + 1);
  if (pos + 1 > b.size()) return HeaderError(label + ": record runs past the header");
  const std::size_t len = b[pos++];
  if (pos + len + 8 + 32 > b.size()) return HeaderError(label + ": record runs past the header");
  Member m;
  m.name.assign(reinterpret_cast<const char*>(&b[pos]), len);
  pos += len;
  const std::string why = CheckMemberName(m.name);
  if (!why.empty()) return HeaderError(label + ": " + why);
  m.size = GetLe(&b[pos], 8);
  std::memcpy(m.sha256.data(), &b[pos + 8], 32);
  pos += 40;
  if (m.size > kMaxTotalBytes) return HeaderError(MemberLabel(i, m.name) + ": size out of range");
  return m;
}

Status CheckMembers(const Header& h) {
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i < h.members.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (h.members[j].name == h.members[i].name) {
        return HeaderError(MemberLabel(i, h.members[i].name) + ": name given twice");
      }
    }
    sum += h.members[i].size;
  }
  if (sum != h.total_bytes) {
    return HeaderError("member sizes add up to " + std::to_string(sum) + " bytes, the header says " +
                       std::to_string(h.total_bytes) + ": size mismatch");
  }
  return OkStatus();
}

}  // namespace

std::string_view KindName(Kind kind) {
  return kind == Kind::kUnsealerSnapshot ? "unsealer-snapshot" : "sealed-file";
}

Result<UnsealerId> ParseUnsealerId(std::string_view hex) {
  Result<std::vector<std::uint8_t>> bytes = FromHex(hex);
  if (hex.size() != 16 || !bytes.ok() || bytes->size() != 8) {
    return InvalidArgument("unsealer id '" + std::string(hex) + "' is not 16 hex digits");
  }
  UnsealerId id{};
  std::copy(bytes->begin(), bytes->end(), id.begin());
  return id;
}

std::string FormatUnsealerId(const UnsealerId& id) { return ToHex(id); }

std::string CheckMemberName(std::string_view name) {
  if (name.empty() || name.size() > kMaxNameBytes) return "name must be 1 to 128 bytes";
  if (name.front() == '.') return "name must not start with '.'";
  if (!std::all_of(name.begin(), name.end(), NameChar)) {
    return "name may hold only letters, digits, '.', '_' and '-'";
  }
  return {};
}

std::uint64_t Header::ChunkCount() const {
  return total_bytes == 0 ? 1 : (total_bytes + kChunkBytes - 1) / kChunkBytes;
}

std::uint64_t Header::ChunkPlainBytes(std::uint64_t chunk) const {
  const std::uint64_t start = chunk * kChunkBytes;
  return std::min<std::uint64_t>(kChunkBytes, total_bytes - start);
}

std::uint64_t Header::EncodedBytes() const {
  std::uint64_t n = kFixedHeaderBytes;
  for (const Member& m : members) n += kMemberFixedBytes + m.name.size();
  return n;
}

std::uint64_t Header::FileBytes() const {
  const std::uint64_t chunks = ChunkCount();
  return EncodedBytes() + total_bytes + chunks * (kAeadBytes + kDigestBytes) + kTailBytes;
}

std::vector<std::uint8_t> EncodeHeader(const Header& h) {
  KR_CHECK(!h.members.empty() && h.members.size() <= kMaxMembers && CheckMembers(h).ok());
  std::vector<std::uint8_t> b(h.EncodedBytes(), 0);
  std::copy(kMagic.begin(), kMagic.end(), b.begin());
  PutLe(&b[kOffVersion], kVersion, 2);
  b[kOffKind] = static_cast<std::uint8_t>(h.kind);
  PutLe(&b[kOffHeaderBytes], b.size(), 4);
  std::copy(h.unsealer_id.begin(), h.unsealer_id.end(), &b[kOffUnsealerId]);
  PutLe(&b[kOffCreated], static_cast<std::uint64_t>(h.created), 8);
  PutLe(&b[kOffChunkBytes], kChunkBytes, 4);
  PutLe(&b[kOffMemberCount], h.members.size(), 4);
  PutLe(&b[kOffTotalBytes], h.total_bytes, 8);
  std::copy(h.signer.begin(), h.signer.end(), &b[kOffSigner]);
  std::copy(h.stream_header.begin(), h.stream_header.end(), &b[kOffStreamHeader]);
  std::size_t pos = kFixedHeaderBytes;
  for (const Member& m : h.members) {
    KR_CHECK(CheckMemberName(m.name).empty());
    b[pos++] = static_cast<std::uint8_t>(m.name.size());
    std::memcpy(&b[pos], m.name.data(), m.name.size());
    pos += m.name.size();
    PutLe(&b[pos], m.size, 8);
    std::memcpy(&b[pos + 8], m.sha256.data(), 32);
    pos += 40;
  }
  return b;
}

Result<std::uint64_t> HeaderBytesFrom(std::span<const std::uint8_t> fixed) {
  KR_RETURN_IF_ERROR(CheckFixed(fixed));
  const std::uint64_t n = GetLe(&fixed[kOffHeaderBytes], 4);
  const std::uint64_t members = GetLe(&fixed[kOffMemberCount], 4);
  const std::uint64_t least = kFixedHeaderBytes + members * (kMemberFixedBytes + 1);
  const std::uint64_t most = kFixedHeaderBytes + members * (kMemberFixedBytes + kMaxNameBytes);
  if (n < least || n > most) {
    return HeaderError("header length " + std::to_string(n) + " does not fit " +
                       std::to_string(members) + " members");
  }
  return n;
}

Result<Header> ParseHeader(std::span<const std::uint8_t> b) {
  KR_ASSIGN_OR_RETURN(const std::uint64_t length, HeaderBytesFrom(b));
  KR_CHECK(length == b.size());
  Header h;
  h.kind = static_cast<Kind>(b[kOffKind]);
  std::copy_n(&b[kOffUnsealerId], 8, h.unsealer_id.begin());
  h.created = static_cast<std::int64_t>(GetLe(&b[kOffCreated], 8));
  h.total_bytes = GetLe(&b[kOffTotalBytes], 8);
  std::copy_n(&b[kOffSigner], 32, h.signer.begin());
  std::copy_n(&b[kOffStreamHeader], kStreamHeaderBytes, h.stream_header.begin());
  std::size_t pos = kFixedHeaderBytes;
  const std::uint64_t count = GetLe(&b[kOffMemberCount], 4);
  for (std::size_t i = 0; i < count; ++i) {
    KR_ASSIGN_OR_RETURN(Member m, ParseMember(b, pos, i));
    h.members.push_back(std::move(m));
  }
  if (pos != b.size()) {
    return HeaderError(std::to_string(b.size() - pos) + " bytes after the last member record");
  }
  KR_RETURN_IF_ERROR(CheckMembers(h));
  return h;
}

std::array<std::uint8_t, kTailBytes> EncodeTail(const Tail& t) {
  std::array<std::uint8_t, kTailBytes> b{};
  std::copy(t.header_digest.begin(), t.header_digest.end(), b.begin());
  PutLe(&b[32], t.chunk_count, 8);
  std::copy(t.signature.begin(), t.signature.end(), &b[40]);
  std::copy(kTailMagic.begin(), kTailMagic.end(), &b[104]);
  return b;
}

Result<Tail> ParseTail(std::span<const std::uint8_t, kTailBytes> b) {
  if (!std::equal(kTailMagic.begin(), kTailMagic.end(), &b[104])) {
    return Corrupt("trailer: does not end in the trailer magic");
  }
  Tail t;
  std::copy_n(b.begin(), 32, t.header_digest.begin());
  t.chunk_count = GetLe(&b[32], 8);
  std::copy_n(&b[40], 64, t.signature.begin());
  return t;
}

std::vector<std::uint8_t> SignedMessage(const Digest& header_digest, std::uint64_t chunk_count,
                                        const Digest& chunk_list_digest) {
  std::vector<std::uint8_t> m(kSignDomain.begin(), kSignDomain.end());
  m.insert(m.end(), header_digest.begin(), header_digest.end());
  std::uint8_t count[8];
  PutLe(count, chunk_count, 8);
  m.insert(m.end(), count, count + 8);
  m.insert(m.end(), chunk_list_digest.begin(), chunk_list_digest.end());
  return m;
}

void PutLe(std::uint8_t* out, std::uint64_t value, std::size_t bytes) {
  for (std::size_t i = 0; i < bytes; ++i) out[i] = static_cast<std::uint8_t>(value >> (8 * i));
}

std::uint64_t GetLe(const std::uint8_t* in, std::size_t bytes) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < bytes; ++i) v |= std::uint64_t{in[i]} << (8 * i);
  return v;
}

}  // namespace keyrite::snapshot
