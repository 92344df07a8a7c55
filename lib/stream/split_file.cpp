// SplitFile: read the file a chunk at a time, hash it into T as it goes, append T to the last
// chunk, and split every chunk of M = S || T into all share files at once.

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <string>

#include "gf256/gf256.h"
#include "io/files.h"
#include "secmem/secure_bytes.h"
#include "stream/coefficient_stream.h"
#include "stream/direct_io.h"
#include "stream/file_io.h"
#include "stream/file_tag.h"
#include "stream/share_file_format.h"
#include "stream/stream.h"
#include "stream/stream_internal.h"

namespace keyrite::stream {
namespace {

using internal::kTileBytes;
using secmem::SecureBytes;

Status CheckParameters(std::uint8_t threshold, std::uint8_t count, std::uint8_t version) {
  if (version != kShareFileVersionSha256 && version != kShareFileVersionBlake3) {
    return InvalidArgument("share file version " + std::to_string(version) +
                           " cannot be written; 1 and 2 can");
  }
  if (threshold < 1) return InvalidArgument("the threshold must be at least 1");
  if (count < 1) return InvalidArgument("the number of shares must be at least 1");
  if (threshold > count) {
    return InvalidArgument("the threshold (" + std::to_string(threshold) +
                           ") cannot exceed the number of shares (" + std::to_string(count) + ")");
  }
  return OkStatus();
}

Status CheckInputSize(const std::string& path, std::uint64_t size) {
  if (size == 0) return InvalidInput(path + ": is empty; there is nothing to split");
  if (size > kMaxFileSecretBytes) {
    return InvalidInput(path + ": is larger than " + std::to_string(kMaxFileSecretBytes) +
                        " bytes, the file mode limit");
  }
  return OkStatus();
}

// The split arithmetic for one chunk of M: n outputs of the chunk, computed a tile at a time
// with fresh coefficients straight into the share files' buffers, and checked before they leave
// (the first and the last `threshold` outputs must interpolate back to M; the verdict
// accumulates secretly until Recombined()).
class ChunkSplitter {
 public:
  // M goes in `m_window` (of ChunkBuffers: at least chunk + kFileTagBytes bytes).
  ChunkSplitter(std::uint8_t threshold, std::uint8_t count, std::span<std::uint8_t> m_window,
                Rng& rng)
      : threshold_(threshold),
        count_(count),
        m_(m_window),
        random_((threshold - 1u) * kTileBytes),
        check_(kTileBytes),
        coefficients_(rng),
        mismatch_(1) {
    for (unsigned i = 0; i < count; ++i) xs_[i] = static_cast<std::uint8_t>(i + 1);
    for (std::size_t i = 0; i < threshold; ++i) {
      first_weights_[i] = internal::LagrangeWeight(std::span(xs_).first(threshold), i, 0);
      last_weights_[i] = internal::LagrangeWeight(Last(), i, 0);
    }
  }

  // Room for the next chunk of M (up to chunk + kFileTagBytes bytes).
  std::span<std::uint8_t> m() { return m_; }
  bool Recombined() const { return internal::Reveal(mismatch_[0] == 0); }

  // Splits the first `len` bytes of m() into outputs[p] (share p + 1), each at least len long.
  void Split(std::size_t len, std::span<const std::span<std::uint8_t>> outputs) {
    outputs_ = outputs;
    coefficients_.Rekey();
    for (std::size_t offset = 0; offset < len; offset += kTileBytes) {
      SplitTile(offset, std::min(kTileBytes, len - offset));
    }
    outputs_ = {};
  }

 private:
  std::span<const std::uint8_t> Last() const {
    return std::span(xs_).subspan(count_ - threshold_, threshold_);
  }
  std::span<std::uint8_t> OutputTile(std::size_t p, std::size_t offset, std::size_t len) {
    return outputs_[p].subspan(offset, len);
  }

  void SplitTile(std::size_t offset, std::size_t len) {
    std::array<std::span<const std::uint8_t>, gf256::kMaxTerms> coefficients;
    std::array<std::span<std::uint8_t>, 255> outputs;
    coefficients[0] = m_.subspan(offset, len);
    coefficients_.Fill(random_.span().first((threshold_ - 1u) * len));
    for (std::size_t j = 1; j < threshold_; ++j) {
      coefficients[j] = random_.span().subspan((j - 1) * len, len);
    }
    for (std::size_t p = 0; p < count_; ++p) outputs[p] = OutputTile(p, offset, len);
    gf256::EvaluatePolynomials(std::span(outputs).first(count_), std::span(xs_).first(count_),
                               std::span(coefficients).first(threshold_));
    CheckTile(offset, len, 0, first_weights_);
    CheckTile(offset, len, count_ - threshold_, last_weights_);
  }

  // mismatch |= (M tile xor the interpolation at 0 of `threshold` outputs from `first`).
  void CheckTile(std::size_t offset, std::size_t len, std::size_t first,
                 const std::array<std::uint8_t, 256>& weights) {
    std::array<std::span<const std::uint8_t>, 256> terms;
    std::array<std::uint8_t, 256> scalars = weights;
    for (std::size_t i = 0; i < threshold_; ++i) terms[i] = OutputTile(first + i, offset, len);
    terms[threshold_] = m_.subspan(offset, len);
    scalars[threshold_] = 1;
    const std::size_t n = std::min<std::size_t>(threshold_ + 1u, gf256::kMaxTerms);
    // With 255 terms already there is no room for M: fold it in with a plain xor instead.
    gf256::LinearCombination(check_.span().first(len), std::span(terms).first(n),
                             std::span(scalars).first(n));
    if (n == threshold_) gf256::MulAdd(check_.span().first(len), terms[threshold_], 1);
    mismatch_[0] |= internal::OrOfBytes(check_.span().first(len));
  }

  std::uint8_t threshold_, count_;
  std::span<std::uint8_t> m_;
  SecureBytes random_, check_;
  std::span<const std::span<std::uint8_t>> outputs_;  // during Split() only
  CoefficientStream coefficients_;
  SecureBytes mismatch_;  // secret until revealed
  std::array<std::uint8_t, 256> xs_{}, first_weights_{}, last_weights_{};
};

// The share files under temporary names, each with its header staged; share i in window i - 1.
Result<std::vector<BlockWriter>> CreateShareFiles(const std::string& input, const std::string& dir,
                                                  const ShareFileHeader& header, std::uint8_t count,
                                                  ChunkBuffers& buffers) {
  std::vector<BlockWriter> files;
  for (unsigned i = 1; i <= count; ++i) {
    const auto index = static_cast<std::uint8_t>(i);
    KR_ASSIGN_OR_RETURN(BlockWriter f,
                        BlockWriter::Create(io::JoinPath(dir, ShareFileName(input, index, count)),
                                            buffers.Window(i - 1)));
    ShareFileHeader h = header;
    h.index = index;
    KR_RETURN_IF_ERROR(f.Append(EncodeShareFileHeader(h)));
    files.push_back(std::move(f));
  }
  return files;
}

// Reads S chunk by chunk (T goes after its last byte), splits into every share file's buffer.
Status StreamShares(InputFile& in, const std::string& path, ChunkSplitter& splitter, FileTag& tag,
                    std::size_t chunk, std::vector<BlockWriter>& files) {
  TryDirectIo(in.fd.get());
  std::vector<std::span<std::uint8_t>> outputs(files.size());
  std::uint64_t remaining = in.size;
  while (remaining > 0) {
    const std::size_t len = static_cast<std::size_t>(std::min<std::uint64_t>(chunk, remaining));
    KR_ASSIGN_OR_RETURN(const std::size_t got,
                        ReadUpTo(in.fd.get(), splitter.m().first(len), path));
    if (got != len) return IoError(path + ": became shorter while it was being split; try again");
    tag.Update(splitter.m().first(len));
    remaining -= len;
    std::size_t m_len = len;
    if (remaining == 0) {
      const SecureBytes t = tag.Finish();
      std::ranges::copy(t.span(), splitter.m().begin() + static_cast<std::ptrdiff_t>(len));
      m_len += kFileTagBytes;
    }
    for (std::size_t p = 0; p < files.size(); ++p) outputs[p] = files[p].Room();
    splitter.Split(m_len, outputs);
    for (BlockWriter& f : files) KR_RETURN_IF_ERROR(f.Commit(m_len));
  }
  return OkStatus();
}

// All or nothing: if one file cannot be published, the ones before it are taken back.
Status PublishAll(std::vector<BlockWriter>& files, const std::string& dir) {
  for (std::size_t i = 0; i < files.size(); ++i) {
    const Status s = files[i].Publish();
    if (!s.ok()) {
      for (std::size_t j = 0; j < i; ++j) files[j].Retract();
      return s;
    }
  }
  return SyncDirectory(dir);
}

Status SplitInto(const std::string& input, InputFile& in, const std::string& dir, Rng& rng,
                 SplitFileReport& report) {
  // A window per share file, and one for M.
  const std::size_t windows = report.count + 1u;
  const std::size_t chunk = internal::ChunkBytes(windows);
  KR_RETURN_IF_ERROR(secmem::CheckLockBudget(ChunkBuffers::LockedBytes(windows, chunk) +
                                             report.threshold * kTileBytes));
  ChunkBuffers buffers(windows, chunk);
  rng.Fill(report.set_id);
  const ShareFileHeader header{.version = report.version,
                               .set_id = report.set_id,
                               .threshold = report.threshold,
                               .index = 1,
                               .payload_bytes = in.size + kFileTagBytes};
  KR_ASSIGN_OR_RETURN(std::vector<BlockWriter> files,
                      CreateShareFiles(input, dir, header, report.count, buffers));
  ChunkSplitter splitter(report.threshold, report.count, buffers.Window(report.count), rng);
  FileTag tag(report.version, report.set_id, report.threshold, in.size);
  KR_RETURN_IF_ERROR(StreamShares(in, input, splitter, tag, chunk, files));
  if (!splitter.Recombined()) {
    return Internal("the split did not recombine to the input; this is a bug in keyrite");
  }
  KR_RETURN_IF_ERROR(PublishAll(files, dir));
  for (const BlockWriter& f : files) report.share_paths.push_back(f.final_path());
  return OkStatus();
}

}  // namespace

std::string ShareFileName(std::string_view input, std::uint8_t index, std::uint8_t count) {
  return BaseName(std::string(input)) + ".share-" + std::to_string(index) + "-of-" +
         std::to_string(count) + ".krs";
}

Result<SplitFileReport> SplitFile(const std::string& input, std::uint8_t threshold,
                                  std::uint8_t count, const std::string& out_dir, Rng& rng,
                                  std::uint8_t version) {
  KR_RETURN_IF_ERROR(CheckParameters(threshold, count, version));
  KR_ASSIGN_OR_RETURN(InputFile in, OpenInputFile(input));
  KR_RETURN_IF_ERROR(CheckInputSize(input, in.size));
  const bool created = !io::PathExists(out_dir);
  if (created) KR_RETURN_IF_ERROR(io::MakeDirectory(out_dir));
  if (!io::IsDirectory(out_dir)) {
    return AlreadyExists(out_dir + ": exists and is not a directory; nothing was written");
  }
  SplitFileReport report{{}, version, threshold, count, in.size, {}};
  const Status s = SplitInto(input, in, out_dir, rng, report);
  if (!s.ok() && created) rmdir(out_dir.c_str());
  if (!s.ok()) return s;
  return report;
}

}  // namespace keyrite::stream
