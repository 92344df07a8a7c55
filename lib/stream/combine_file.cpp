// CombineFiles: check the share files' headers against each other, then interpolate M = S || T a
// chunk at a time from the first `threshold` shares into a temporary file, hashing S as it goes;
// publish the file only when T matches and every further share lies on the same polynomial.

#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include "base/base32.h"
#include "gf256/gf256.h"
#include "io/files.h"
#include "secmem/secure_bytes.h"
#include "stream/direct_io.h"
#include "stream/file_io.h"
#include "stream/file_tag.h"
#include "stream/share_file_format.h"
#include "stream/stream.h"
#include "stream/stream_internal.h"

namespace keyrite::stream {
namespace {

using secmem::SecureBytes;

struct OpenShare {
  std::string path;
  InputFile file;
  ShareFileHeader header;
};

constexpr char kOtherSplit[] = "; shares of different splits cannot be combined";

std::string FormatSetId(const share::SetId& id) { return Base32EncodePublic(id); }

// A header that is cut short is damage when what there is of it looks like ours.
Status ShortHeader(const std::string& path, std::span<const std::uint8_t> got) {
  const std::size_t n = std::min(got.size(), kShareFileMagic.size());
  if (!got.empty() && std::equal(got.begin(), got.begin() + static_cast<std::ptrdiff_t>(n),
                                 kShareFileMagic.begin())) {
    return Corrupt(path + ": is truncated inside its header (" + std::to_string(got.size()) +
                   " bytes)");
  }
  return InvalidInput(path + ": not a keyrite share file (it does not start with \"KRSF\")");
}

Status CheckFileSize(const OpenShare& s) {
  const std::uint64_t want = kShareFileHeaderBytes + s.header.payload_bytes;
  if (s.file.size < want) {
    return Corrupt(s.path + ": is truncated: its header announces " +
                   std::to_string(s.header.payload_bytes) + " payload bytes but it holds " +
                   std::to_string(s.file.size - kShareFileHeaderBytes));
  }
  if (s.file.size > want) {
    return Corrupt(s.path + ": has " + std::to_string(s.file.size - want) +
                   " bytes after the payload its header announces; it is damaged");
  }
  return OkStatus();
}

Result<OpenShare> OpenShareFile(const std::string& path) {
  KR_ASSIGN_OR_RETURN(InputFile file, OpenInputFile(path));
  std::array<std::uint8_t, kShareFileHeaderBytes> bytes{};
  KR_ASSIGN_OR_RETURN(const std::size_t got, ReadUpTo(file.fd.get(), bytes, path));
  if (got < bytes.size()) return ShortHeader(path, std::span(bytes).first(got));
  Result<ShareFileHeader> header = ParseShareFileHeader(bytes);
  if (!header.ok()) return header.status().WithContext(path);
  OpenShare share{path, std::move(file), *header};
  KR_RETURN_IF_ERROR(CheckFileSize(share));
  return share;
}

// The first share whose `key` differs from the first share's, or null.
template <typename Key>
const OpenShare* FirstDiffering(const std::vector<OpenShare>& shares, Key key) {
  for (const OpenShare& s : shares) {
    if (key(s.header) != key(shares[0].header)) return &s;
  }
  return nullptr;
}

Status CheckSameSplit(const std::vector<OpenShare>& shares) {
  const OpenShare& first = shares[0];
  if (auto* s = FirstDiffering(shares, [](const ShareFileHeader& h) { return h.version; })) {
    return Mismatch(s->path + ": is share file version " + std::to_string(s->header.version) +
                    ", but " + first.path + " is version " + std::to_string(first.header.version) +
                    kOtherSplit);
  }
  if (auto* s = FirstDiffering(shares, [](const ShareFileHeader& h) { return h.set_id; })) {
    return Mismatch(s->path + ": belongs to set " + FormatSetId(s->header.set_id) + ", but " +
                    first.path + " belongs to set " + FormatSetId(first.header.set_id) +
                    kOtherSplit);
  }
  if (auto* s = FirstDiffering(shares, [](const ShareFileHeader& h) { return h.threshold; })) {
    return Mismatch(s->path + ": has threshold " + std::to_string(s->header.threshold) + ", but " +
                    first.path + " has threshold " + std::to_string(first.header.threshold) +
                    kOtherSplit);
  }
  if (auto* s = FirstDiffering(shares, [](const ShareFileHeader& h) { return h.payload_bytes; })) {
    return Mismatch(s->path + ": holds " + std::to_string(s->header.payload_bytes) +
                    " payload bytes, but " + first.path + " holds " +
                    std::to_string(first.header.payload_bytes) + kOtherSplit);
  }
  return OkStatus();
}

Status CheckIndicesAndCount(const std::vector<OpenShare>& shares) {
  std::array<const OpenShare*, 256> by_index{};
  for (const OpenShare& s : shares) {
    if (const OpenShare* earlier = by_index[s.header.index]) {
      return Mismatch(s.path + " and " + earlier->path + " are both share " +
                      std::to_string(s.header.index) + "; give each share once");
    }
    by_index[s.header.index] = &s;
  }
  const ShareFileHeader& first = shares[0].header;
  if (shares.size() >= first.threshold) return OkStatus();
  return Insufficient("need " + std::to_string(first.threshold) + " shares, got " +
                      std::to_string(shares.size()) + " (set " + FormatSetId(first.set_id) + ")");
}

// Interpolation of M from the first `threshold` shares, a chunk at a time, and the secret
// verdicts of the checks, revealed only at the end.
class ChunkCombiner {
 public:
  // Windows of `buffers`: one per share, then M's and the check's.
  static std::size_t Windows(std::size_t shares) { return shares + 2; }

  ChunkCombiner(std::vector<OpenShare>& shares, std::size_t chunk)
      : shares_(shares),
        threshold_(shares[0].header.threshold),
        buffers_(Windows(shares.size()), chunk),
        inputs_(shares.size()),
        m_(buffers_.Window(shares.size()).first(chunk)),
        check_(buffers_.Window(shares.size() + 1).first(chunk)),
        off_polynomial_(shares.size()),
        tag_(kFileTagBytes),
        weights_(shares.size()) {
    std::array<std::uint8_t, 256> xs{};
    for (std::size_t i = 0; i < shares.size(); ++i) xs[i] = shares[i].header.index;
    for (std::size_t i = 0; i < shares.size(); ++i) {
      readers_.emplace_back(shares[i].file.fd.get(), kShareFileHeaderBytes, buffers_.Window(i),
                            shares[i].path);
    }
    const auto quorum = std::span(xs).first(threshold_);
    for (std::size_t i = 0; i < threshold_; ++i) {
      weights_[0][i] = internal::LagrangeWeight(quorum, i, 0);
    }
    for (std::size_t e = threshold_; e < shares.size(); ++e) {
      for (std::size_t i = 0; i < threshold_; ++i) {
        weights_[e][i] = internal::LagrangeWeight(quorum, i, xs[e]);
      }
    }
  }

  // Reads the payload bytes [pos, pos + len) of every share and interpolates them into m().
  Status Next(std::size_t len) {
    for (std::size_t i = 0; i < shares_.size(); ++i) KR_RETURN_IF_ERROR(ReadInput(i, len));
    Interpolate(m_.first(len), 0, std::nullopt);
    for (std::size_t e = threshold_; e < shares_.size(); ++e) {
      Interpolate(check_.first(len), e, inputs_[e]);
      off_polynomial_[e] |= internal::OrOfBytes(check_.first(len));
    }
    return OkStatus();
  }

  std::span<const std::uint8_t> m(std::size_t len) const { return m_.first(len); }
  std::span<std::uint8_t> tag() { return tag_.span(); }
  // The first share beyond the quorum that is off the polynomial, if any (revealed).
  const OpenShare* OffPolynomial() const {
    for (std::size_t e = threshold_; e < shares_.size(); ++e) {
      if (internal::Reveal(off_polynomial_[e] != 0)) return &shares_[e];
    }
    return nullptr;
  }

 private:
  Status ReadInput(std::size_t i, std::size_t len) {
    KR_ASSIGN_OR_RETURN(inputs_[i], readers_[i].Next(len));
    if (inputs_[i].size() != len) {
      return Corrupt(shares_[i].path + ": became shorter while it was being read");
    }
    return OkStatus();
  }

  // out = the quorum's polynomial at the x of weights_[row], plus `extra` (the share's own
  // payload, so a share on the polynomial gives zero) when given.
  void Interpolate(std::span<std::uint8_t> out, std::size_t row,
                   std::optional<std::span<const std::uint8_t>> extra) {
    std::array<std::span<const std::uint8_t>, gf256::kMaxTerms> terms;
    for (std::size_t i = 0; i < threshold_; ++i) terms[i] = inputs_[i];
    gf256::LinearCombination(out, std::span(terms).first(threshold_),
                             std::span(weights_[row]).first(threshold_));
    if (extra) gf256::MulAdd(out, *extra, 1);
  }

  std::vector<OpenShare>& shares_;
  std::size_t threshold_;
  ChunkBuffers buffers_;
  std::vector<BlockReader> readers_;
  std::vector<std::span<const std::uint8_t>> inputs_;  // this chunk of each share, in readers_
  std::span<std::uint8_t> m_, check_;                  // in buffers_
  SecureBytes off_polynomial_, tag_;
  std::vector<std::array<std::uint8_t, 256>> weights_;  // public: from the indices only
};

// Streams the secret into `out` and the tag into the combiner, hashing the secret on the way.
Status StreamSecret(ChunkCombiner& combiner, PendingFile& out, FileTag& hash,
                    const ShareFileHeader& header, std::size_t chunk) {
  const std::uint64_t secret = header.secret_bytes();
  for (std::uint64_t pos = 0; pos < header.payload_bytes;) {
    const auto len =
        static_cast<std::size_t>(std::min<std::uint64_t>(chunk, header.payload_bytes - pos));
    KR_RETURN_IF_ERROR(combiner.Next(len));
    const auto secret_len =
        static_cast<std::size_t>(pos < secret ? std::min<std::uint64_t>(len, secret - pos) : 0);
    hash.Update(combiner.m(len).first(secret_len));
    KR_RETURN_IF_ERROR(out.Write(combiner.m(len).first(secret_len)));
    const auto tail = combiner.m(len).subspan(secret_len);  // bytes of T
    if (!tail.empty()) {
      const std::size_t at = static_cast<std::size_t>(pos + secret_len - secret);
      std::ranges::copy(tail, combiner.tag().subspan(at).begin());
    }
    pos += len;
  }
  return OkStatus();
}

Status Verify(ChunkCombiner& combiner, FileTag& hash, std::size_t quorum) {
  const SecureBytes expected = hash.Finish();
  if (!internal::Reveal(secmem::ConstantTimeEqual(expected.span(), combiner.tag()))) {
    return Corrupt(
        "the shares do not recombine to a valid secret: at least one is corrupt or from another "
        "split; nothing was written");
  }
  if (const OpenShare* s = combiner.OffPolynomial()) {
    return Corrupt(s->path + ": does not lie on the polynomial of the first " +
                   std::to_string(quorum) + " shares; it is corrupt or from another split");
  }
  return OkStatus();
}

Result<std::vector<OpenShare>> OpenAndCheck(const std::vector<std::string>& paths) {
  if (paths.empty()) return InvalidInput("no share files given");
  std::vector<OpenShare> shares;
  for (const std::string& path : paths) {
    KR_ASSIGN_OR_RETURN(OpenShare s, OpenShareFile(path));
    shares.push_back(std::move(s));
  }
  KR_RETURN_IF_ERROR(CheckSameSplit(shares));
  KR_RETURN_IF_ERROR(CheckIndicesAndCount(shares));
  return shares;
}

}  // namespace

Result<CombineFileReport> CombineFiles(const std::vector<std::string>& paths,
                                       const std::string& output) {
  if (io::PathExists(output)) {
    return AlreadyExists(output + ": already exists; nothing was overwritten");
  }
  KR_ASSIGN_OR_RETURN(std::vector<OpenShare> shares, OpenAndCheck(paths));
  const ShareFileHeader header = shares[0].header;
  const std::size_t chunk = internal::ChunkBytes(ChunkCombiner::Windows(shares.size()));
  KR_RETURN_IF_ERROR(secmem::CheckLockBudget(
      ChunkBuffers::LockedBytes(ChunkCombiner::Windows(shares.size()), chunk) +
      secmem::kArenaBytes));  // and its small buffers
  KR_ASSIGN_OR_RETURN(PendingFile out, PendingFile::Create(output));
  out.PreferDirectIo();
  ChunkCombiner combiner(shares, chunk);
  FileTag hash(header.version, header.set_id, header.threshold, header.secret_bytes());
  KR_RETURN_IF_ERROR(StreamSecret(combiner, out, hash, header, chunk));
  KR_RETURN_IF_ERROR(Verify(combiner, hash, header.threshold));
  KR_RETURN_IF_ERROR(out.Publish());
  KR_RETURN_IF_ERROR(SyncDirectory(DirectoryOf(output)));
  CombineFileReport report{
      header.set_id, header.version, header.threshold, header.secret_bytes(), {}, output};
  for (const OpenShare& s : shares) report.indices.push_back(s.header.index);
  return report;
}

}  // namespace keyrite::stream
