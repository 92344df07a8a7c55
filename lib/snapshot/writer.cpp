// WriteSnapshot and SealFile: two passes over the members (sizes and SHA-256 for the header,
// then the encryption), the ciphertext streamed a chunk at a time; the chunk digests are written
// straight to their reserved place in the trailer, so memory stays constant for any size.

#include <algorithm>
#include <optional>

#include "snapshot/crypto.h"
#include "snapshot/file.h"
#include "snapshot/snapshot.h"

namespace keyrite::snapshot {
namespace {

constexpr std::size_t kDigestBatch = 2048;  // chunk digests written per pwrite

// Reads one member, from its file or its borrowed bytes.
class MemberReader {
 public:
  static Result<MemberReader> Open(const MemberSource& source) {
    MemberReader r;
    r.source_ = &source;
    if (source.path.empty()) return r;
    KR_ASSIGN_OR_RETURN(r.file_, OpenInput(source.path));
    return r;
  }
  Result<std::size_t> Read(std::span<std::uint8_t> out) {
    if (!source_->path.empty()) return ReadUpTo(file_.fd.get(), out, source_->path);
    const std::size_t n = std::min(out.size(), source_->bytes.size() - offset_);
    std::copy_n(source_->bytes.begin() + static_cast<std::ptrdiff_t>(offset_), n, out.begin());
    offset_ += n;
    return n;
  }

 private:
  const MemberSource* source_ = nullptr;
  InputFile file_;
  std::size_t offset_ = 0;
};

// Size and SHA-256 of one member (the first pass).
Result<Member> Measure(const MemberSource& source, secmem::SecureBytes& buffer) {
  KR_ASSIGN_OR_RETURN(MemberReader reader, MemberReader::Open(source));
  SecretSha256 sha;
  Member m{source.name, 0, {}};
  for (;;) {
    KR_ASSIGN_OR_RETURN(const std::size_t n, reader.Read(buffer.span()));
    if (n == 0) break;
    sha.Update(buffer.span().first(n));
    m.size += n;
    if (m.size > kMaxTotalBytes) return InvalidInput(source.name + ": larger than 1 TiB");
  }
  m.sha256 = sha.Final();
  return m;
}

Status CheckRequest(const std::vector<MemberSource>& members, const SealKeys& keys) {
  if (keys.snapshot_key.size() != 32) return InvalidArgument("the snapshot key must be 32 bytes");
  if (keys.signing_key.size() != 64) return InvalidArgument("the signing key must be 64 bytes");
  KR_RETURN_IF_ERROR(ParseUnsealerId(keys.unsealer_id).status());
  if (members.empty() || members.size() > kMaxMembers) {
    return InvalidArgument("a snapshot holds 1 to 1024 members");
  }
  for (std::size_t i = 0; i < members.size(); ++i) {
    const std::string why = CheckMemberName(members[i].name);
    if (!why.empty()) return InvalidArgument("member '" + members[i].name + "': " + why);
    for (std::size_t j = 0; j < i; ++j) {
      if (members[j].name == members[i].name) {
        return InvalidArgument("member '" + members[i].name + "' is given twice");
      }
    }
  }
  return OkStatus();
}

// The second pass: fills whole chunks from the members in order, re-hashing each member to
// catch a file that changed since it was measured.
class PlainSource {
 public:
  PlainSource(const std::vector<MemberSource>& sources, const Header& header)
      : sources_(sources), header_(header) {}

  // Fills `out` completely unless the members end first; returns the count.
  Result<std::size_t> Fill(std::span<std::uint8_t> out) {
    std::size_t done = 0;
    while (done < out.size() && index_ < sources_.size()) {
      if (!reader_.has_value()) {
        KR_ASSIGN_OR_RETURN(MemberReader r, MemberReader::Open(sources_[index_]));
        reader_.emplace(std::move(r));
      }
      const std::uint64_t left = header_.members[index_].size - read_;
      const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(left, out.size() - done));
      KR_ASSIGN_OR_RETURN(const std::size_t n, reader_->Read(out.subspan(done, want)));
      sha_.Update(out.subspan(done, n));
      done += n;
      read_ += n;
      if (n < want) return Changed();
      if (read_ == header_.members[index_].size) KR_RETURN_IF_ERROR(FinishMember());
    }
    return done;
  }

 private:
  Status FinishMember() {
    secmem::Wiped<std::uint8_t> probe;  // a byte past the measured end would be secret too
    KR_ASSIGN_OR_RETURN(const std::size_t extra, reader_->Read(std::span(&probe.value, 1)));
    if (extra != 0 || sha_.Final() != header_.members[index_].sha256) return Changed();
    reader_.reset();
    read_ = 0;
    ++index_;
    return OkStatus();
  }
  Status Changed() const {
    return Mismatch("member '" + sources_[index_].name + "' changed while it was being sealed");
  }

  const std::vector<MemberSource>& sources_;
  const Header& header_;
  std::size_t index_ = 0;
  std::uint64_t read_ = 0;
  std::optional<MemberReader> reader_;
  SecretSha256 sha_;
};

struct Sealed {
  Digest header_digest{};
  Digest list_digest{};
};

// Writes the chunks and their digests (at their reserved place); returns the list's digest.
Result<Digest> WriteChunks(OutputFile& out, PlainSource& source, const Header& header,
                           StreamPush& push, const Digest& ad) {
  secmem::SecureBytes plain(kChunkBytes);
  std::vector<std::uint8_t> cipher(kChunkBytes + kAeadBytes);
  std::vector<std::uint8_t> digests;
  PublicSha256 list;
  const std::uint64_t chunks = header.ChunkCount();
  std::uint64_t list_offset = header.FileBytes() - kTailBytes - chunks * kDigestBytes;
  for (std::uint64_t c = 0; c < chunks; ++c) {
    const std::size_t n = static_cast<std::size_t>(header.ChunkPlainBytes(c));
    KR_ASSIGN_OR_RETURN(const std::size_t got, source.Fill(plain.span().first(n)));
    KR_CHECK(got == n);
    const std::span<std::uint8_t> ct(cipher.data(), n + kAeadBytes);
    push.Push(plain.span().first(n), ad, c + 1 == chunks, ct);
    KR_RETURN_IF_ERROR(out.Write(ct));
    const Digest d = Sha256(ct);
    list.Update(d);
    digests.insert(digests.end(), d.begin(), d.end());
    if (digests.size() == kDigestBatch * kDigestBytes || c + 1 == chunks) {
      KR_RETURN_IF_ERROR(out.WriteAt(list_offset, digests));
      list_offset += digests.size();
      digests.clear();
    }
  }
  return list.Final();
}

Result<SnapshotInfo> Seal(OutputFile& out, Header header,
                          const std::vector<MemberSource>& members, const SealKeys& keys) {
  StreamPush push(keys.snapshot_key);
  header.stream_header = push.header();
  const std::vector<std::uint8_t> header_bytes = EncodeHeader(header);
  const Digest header_digest = Sha256(header_bytes);
  KR_RETURN_IF_ERROR(out.Write(header_bytes));
  PlainSource source(members, header);
  KR_ASSIGN_OR_RETURN(const Digest list_digest,
                      WriteChunks(out, source, header, push, header_digest));
  Tail tail{header_digest, header.ChunkCount(), {}};
  const auto message = SignedMessage(header_digest, tail.chunk_count, list_digest);
  tail.signature = SignDetached(message, keys.signing_key);
  KR_RETURN_IF_ERROR(out.WriteAt(header.FileBytes() - kTailBytes, EncodeTail(tail)));
  return SnapshotInfo{std::move(header), 0, tail.chunk_count, Sha256(message)};
}

}  // namespace

Result<SnapshotInfo> WriteSnapshot(const std::string& out_path, Kind kind,
                                   const std::vector<MemberSource>& members, const SealKeys& keys,
                                   Clock& clock) {
  KR_RETURN_IF_ERROR(CheckRequest(members, keys));
  KR_ASSIGN_OR_RETURN(OutputFile out, OutputFile::Create(out_path));
  Header header;
  header.kind = kind;
  header.unsealer_id = *ParseUnsealerId(keys.unsealer_id);
  header.created = clock.NowUnixSeconds();
  header.signer = PublicKeyOf(keys.signing_key);
  {
    secmem::SecureBytes buffer(kChunkBytes);
    for (const MemberSource& m : members) {
      KR_ASSIGN_OR_RETURN(Member measured, Measure(m, buffer));
      header.total_bytes += measured.size;
      header.members.push_back(std::move(measured));
    }
  }
  if (header.total_bytes > kMaxTotalBytes) return InvalidInput("the members exceed 1 TiB in all");
  KR_ASSIGN_OR_RETURN(SnapshotInfo info, Seal(out, header, members, keys));
  // Check before release: the written file must verify as any reader would check it.
  KR_ASSIGN_OR_RETURN(SnapshotInfo checked,
                      VerifySnapshot(out.temp_path(), header.signer, keys.unsealer_id));
  if (checked.snapshot_digest != info.snapshot_digest) return Internal("snapshot reads back different");
  KR_RETURN_IF_ERROR(out.Publish());
  return checked;
}

Result<SnapshotInfo> SealFile(const std::string& in, const std::string& out, const SealKeys& keys,
                              Clock& clock) {
  std::string name = in.substr(in.find_last_of('/') + 1);
  if (!CheckMemberName(name).empty()) name = "sealed-file";
  return WriteSnapshot(out, Kind::kSealedFile, {MemberSource{name, in}}, keys, clock);
}

}  // namespace keyrite::snapshot
