#pragma once
// File mode: split a file of any size into binary share files, and combine them back, in
// constant memory (a few MiB of locked buffers however large the file). What is shared is
// M = S || T, S the file and T its 16-byte commitment (share_file_format.h), exactly as for text
// shares, so a wrong, mixed or corrupted set is refused. The file, the payloads and every buffer
// that holds them are secret (SecureBytes); set id, threshold, indices, sizes and paths are
// public. No existing file is ever replaced, and no partial output is left on any failure.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/rng.h"
#include "base/status.h"
#include "share/share.h"
#include "stream/share_file_format.h"

namespace keyrite::stream {

struct SplitFileReport {
  share::SetId set_id{};
  std::uint8_t version = 0;  // of the share files written
  std::uint8_t threshold = 0;
  std::uint8_t count = 0;
  std::uint64_t secret_bytes = 0;
  std::vector<std::string> share_paths;  // share_paths[i] holds index i + 1
};

// Splits the regular file `input` (1 byte or more; an empty file is InvalidInput) into `count`
// share files in `out_dir` (created 0700 if missing), named ShareFileName(input, i, count), any
// `threshold` of which recombine it. Each file is written under a temporary name, fsync'd and
// renamed without replacing; if any share path exists (AlreadyExists) or anything fails, no share
// file is left. Before anything is published, every chunk was recombined from the first and the
// last `threshold` shares and compared with the input (Internal if not: a bug). The set id and
// the coefficients' keys come from rng. `version` is the share file format: 2 (the default; a
// BLAKE3 commitment) or 1 (SHA-256), which keyrite before version 2 can read.
Result<SplitFileReport> SplitFile(const std::string& input, std::uint8_t threshold,
                                  std::uint8_t count, const std::string& out_dir, Rng& rng,
                                  std::uint8_t version = kShareFileVersion);

// Whether `path` starts with the binary share file magic ("KRSF"); false when unreadable.
bool IsBinaryShareFile(const std::string& path);

// "<input's base name>.share-2-of-5.krs"
std::string ShareFileName(std::string_view input, std::uint8_t index, std::uint8_t count);

struct CombineFileReport {
  share::SetId set_id{};
  std::uint8_t version = 0;  // of the share files read
  std::uint8_t threshold = 0;
  std::uint64_t secret_bytes = 0;
  std::vector<std::uint8_t> indices;  // of the given shares, in order
  std::string output;
};

// Recombines share files into `output`, which must not exist (AlreadyExists). The secret is
// written to a temporary file beside it (O_EXCL, 0600) and renamed onto `output` only once the
// commitment checks and every share beyond the first `threshold` lies on their polynomial;
// otherwise it is removed and nothing is left. Errors name the share file at fault:
// InvalidInput (not a share file, bad fields), Unsupported (unknown version), Corrupt (damaged
// header, truncated, commitment fails), Mismatch (different sets, versions, thresholds or
// lengths, an index given twice), Insufficient (fewer than the threshold).
Result<CombineFileReport> CombineFiles(const std::vector<std::string>& shares,
                                       const std::string& output);

}  // namespace keyrite::stream
