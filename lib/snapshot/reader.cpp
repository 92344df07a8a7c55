// Reading a snapshot: the header, the trailer found from the end of the file, the signature,
// then every chunk against its signed digest and, with the key, decrypted and split back into
// members. The checks run in the order that lets each failure name its region
// (docs/formats/snapshot-v1.md, "What verify reports").

#include <algorithm>
#include <optional>

#include "base/hex.h"
#include "snapshot/chunks.h"
#include "snapshot/crypto.h"
#include "snapshot/file.h"
#include "snapshot/member_demux.h"
#include "snapshot/snapshot.h"

namespace keyrite::snapshot {
namespace {

constexpr std::size_t kListBlock = 2048;  // chunk digests hashed at a time

struct Opened {
  ChunkSpan chunks() const {
    return ChunkSpan{file.fd.get(), path, header, header_bytes.size(), header_digest};
  }
  std::string path;
  InputFile file;
  std::vector<std::uint8_t> header_bytes;
  Header header;
  Tail tail;
  Digest header_digest{};
  Digest snapshot_digest{};
};

Result<std::vector<std::uint8_t>> ReadHeaderBytes(const InputFile& in, const std::string& path) {
  std::vector<std::uint8_t> fixed(std::min<std::uint64_t>(in.size, kFixedHeaderBytes));
  KR_RETURN_IF_ERROR(ReadAt(in.fd.get(), 0, fixed, path));
  if (fixed.size() < kMagic.size() || !std::equal(kMagic.begin(), kMagic.end(), fixed.begin())) {
    return InvalidInput("header: not a keyrite snapshot (bad magic)");
  }
  KR_ASSIGN_OR_RETURN(const std::uint64_t n, HeaderBytesFrom(fixed));
  if (in.size < n) return Corrupt("truncated in the header");
  std::vector<std::uint8_t> bytes(n);
  KR_RETURN_IF_ERROR(ReadAt(in.fd.get(), 0, bytes, path));
  return bytes;
}

// Where a file of `actual` bytes ends when it is shorter than the header says.
Status Truncated(const Header& h, std::uint64_t actual) {
  std::uint64_t pos = h.EncodedBytes();
  const std::uint64_t chunks = h.ChunkCount();
  for (std::uint64_t c = 0; c < chunks; ++c) {
    pos += h.ChunkPlainBytes(c) + kAeadBytes;
    if (actual < pos) {
      return Corrupt("truncated in chunk " + std::to_string(c + 1) + " of " +
                     std::to_string(chunks) + " (the file has " + std::to_string(actual) +
                     " of " + std::to_string(h.FileBytes()) + " bytes)");
    }
  }
  return Corrupt("truncated in the trailer (the file has " + std::to_string(actual) + " of " +
                 std::to_string(h.FileBytes()) + " bytes)");
}

// No trailer at the end of the file: say why, from the sizes the header gives.
Status MissingTail(const Header& h, std::uint64_t actual) {
  const std::uint64_t expected = h.FileBytes();
  if (actual < expected) return Truncated(h, actual);
  if (actual > expected) {
    return Corrupt(std::to_string(actual - expected) + " bytes after the end of the snapshot");
  }
  return Corrupt("trailer: does not end in the trailer magic");
}

Result<Digest> ChunkListDigest(const Opened& o, std::uint64_t list_offset, const std::string& path) {
  PublicSha256 list;
  std::vector<std::uint8_t> block(kListBlock * kDigestBytes);
  for (std::uint64_t done = 0; done < o.tail.chunk_count; done += kListBlock) {
    const std::uint64_t n = std::min<std::uint64_t>(kListBlock, o.tail.chunk_count - done);
    const std::span<std::uint8_t> part(block.data(), n * kDigestBytes);
    KR_RETURN_IF_ERROR(ReadAt(o.file.fd.get(), list_offset + done * kDigestBytes, part, path));
    list.Update(part);
  }
  return list.Final();
}

Status IdMismatch(const Header& h, std::string_view expected) {
  if (expected.empty()) return OkStatus();
  const Result<UnsealerId> want = ParseUnsealerId(expected);
  if (want.ok() && *want == h.unsealer_id) return OkStatus();
  return Mismatch("bound to unsealer " + FormatUnsealerId(h.unsealer_id) + ", expected " +
                  std::string(expected));
}

Status BadSignature(const Header& h, const PublicKey& signer, std::string_view expected_id) {
  if (h.signer == signer) return Corrupt("trailer: the signature does not verify (trailer altered)");
  KR_RETURN_IF_ERROR(IdMismatch(h, expected_id));
  return Mismatch("signed by another key (" + ToHex(std::span(h.signer).first(8)) +
                  "..., expected " + ToHex(std::span(signer).first(8)) + "...)");
}

// The trailer at the end of the file, its signature, and the header against the signed digest.
Status CheckSigned(Opened& o, const PublicKey& signer, std::string_view expected_id,
                   const std::string& path) {
  const std::uint64_t actual = o.file.size;
  if (actual < o.header_bytes.size() + kTailBytes) return MissingTail(o.header, actual);
  std::array<std::uint8_t, kTailBytes> tail_bytes{};
  KR_RETURN_IF_ERROR(ReadAt(o.file.fd.get(), actual - kTailBytes, tail_bytes, path));
  Result<Tail> tail = ParseTail(tail_bytes);
  if (!tail.ok()) return MissingTail(o.header, actual);
  o.tail = *tail;
  const std::uint64_t room = (actual - o.header_bytes.size() - kTailBytes) / kDigestBytes;
  if (o.tail.chunk_count == 0 || o.tail.chunk_count > room) {
    return Corrupt("trailer: its chunk count does not fit the file");
  }
  const std::uint64_t list_offset = actual - kTailBytes - o.tail.chunk_count * kDigestBytes;
  KR_ASSIGN_OR_RETURN(const Digest list, ChunkListDigest(o, list_offset, path));
  const auto message = SignedMessage(o.tail.header_digest, o.tail.chunk_count, list);
  if (!VerifyDetached(message, o.tail.signature, signer)) {
    return BadSignature(o.header, signer, expected_id);
  }
  if (o.tail.header_digest != o.header_digest) {
    return Corrupt("header: altered after it was signed (its digest differs from the signed one)");
  }
  KR_RETURN_IF_ERROR(IdMismatch(o.header, expected_id));
  if (o.tail.chunk_count != o.header.ChunkCount() || actual != o.header.FileBytes()) {
    return Corrupt("signed, but its sizes do not add up (written by a faulty tool)");
  }
  o.snapshot_digest = Sha256(message);
  return OkStatus();
}

Result<Opened> OpenAndCheckSigned(const std::string& path, const PublicKey& signer,
                                  std::string_view expected_id) {
  if (!expected_id.empty()) KR_RETURN_IF_ERROR(ParseUnsealerId(expected_id).status());
  Opened o;
  o.path = path;
  KR_ASSIGN_OR_RETURN(o.file, OpenInput(path));
  Result<std::vector<std::uint8_t>> header_bytes = ReadHeaderBytes(o.file, path);
  if (!header_bytes.ok()) return header_bytes.status().WithContext(path);
  o.header_bytes = std::move(header_bytes).value();
  Result<Header> header = ParseHeader(o.header_bytes);
  if (!header.ok()) return header.status().WithContext(path);
  o.header = std::move(header).value();
  o.header_digest = Sha256(o.header_bytes);
  const Status s = CheckSigned(o, signer, expected_id, path);
  if (!s.ok()) return s.WithContext(path);
  return o;
}

SnapshotInfo InfoOf(const Opened& o) {
  return SnapshotInfo{o.header, o.file.size, o.tail.chunk_count, o.snapshot_digest};
}

}  // namespace

Result<Header> ReadSnapshotHeader(const std::string& path) {
  Result<InputFile> in = OpenInput(path);
  if (!in.ok()) return in.status();
  Result<std::vector<std::uint8_t>> bytes = ReadHeaderBytes(*in, path);
  if (!bytes.ok()) return bytes.status().WithContext(path);
  Result<Header> header = ParseHeader(*bytes);
  if (!header.ok()) return header.status().WithContext(path);
  return header;
}

Result<SnapshotInfo> VerifySnapshot(const std::string& path, const PublicKey& signer,
                                    std::string_view expected_unsealer_id) {
  Result<Opened> o = OpenAndCheckSigned(path, signer, expected_unsealer_id);
  if (!o.ok()) return o.status();
  const Status s = CheckChunkDigests(o->chunks());
  if (!s.ok()) return s.WithContext(path);
  return InfoOf(*o);
}

Result<SnapshotInfo> OpenSnapshot(const std::string& path, const secmem::SecureBytes& snapshot_key,
                                  const PublicKey& signer, std::string_view expected_unsealer_id,
                                  const MemberSink& sink) {
  if (snapshot_key.size() != 32) return InvalidArgument("the snapshot key must be 32 bytes");
  Result<Opened> o = OpenAndCheckSigned(path, signer, expected_unsealer_id);
  if (!o.ok()) return o.status();
  Result<StreamPull> pull = StreamPull::Start(snapshot_key, o->header.stream_header);
  if (!pull.ok()) return pull.status().WithContext(path);
  MemberDemux demux(o->header, sink);
  const Status s = CheckAndDecryptChunks(o->chunks(), *pull, demux);
  if (!s.ok()) return s.WithContext(path);
  return InfoOf(*o);
}

Result<SnapshotInfo> TestSnapshot(const std::string& path, const secmem::SecureBytes& snapshot_key,
                                  const PublicKey& signer, std::string_view expected_unsealer_id) {
  return OpenSnapshot(path, snapshot_key, signer, expected_unsealer_id, nullptr);
}

}  // namespace keyrite::snapshot
