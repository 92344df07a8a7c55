#pragma once
// The plain split: a secret from a file or standard input into t-of-n text share files, or onto
// standard output. It uses libsodium and nothing heavier, so the `keyrite` launcher runs it in its
// own small process (cli/launcher.cpp, docs/architecture.md). ops/split.h builds shards, printed
// sheets and file mode on top of it. Each share file is created with O_EXCL, mode 0600; either
// every share is written or none is left behind.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/rng.h"
#include "base/status.h"
#include "secmem/secure_bytes.h"
#include "share/share.h"

namespace keyrite::ops {

inline constexpr std::size_t kMaxSecretBytes = 64 * 1024;

// What a plain split wrote.
struct ShareFilesReport {
  share::SetId set_id{};
  std::uint8_t threshold = 0;
  std::uint8_t count = 0;
  std::size_t secret_bytes = 0;
  std::vector<std::string> files;  // empty when written to standard output
};

// InvalidArgument unless 1 <= threshold <= count.
Status CheckSplitParameters(std::uint8_t threshold, std::uint8_t count);

// The secret of a split: `input` is a file or "-" (standard input, refused when it is a
// terminal); 1..kMaxSecretBytes bytes, into secure memory.
Result<secmem::SecureBytes> ReadSplitSecret(const std::string& input);

// Splits `secret` and writes the shares to `output`: a directory (created 0700 if missing) or
// "-" for standard output (refused when it is a terminal). `shares`, when given, receives them.
Result<ShareFilesReport> WriteSplitShares(std::span<const std::uint8_t> secret,
                                          std::uint8_t threshold, std::uint8_t count,
                                          const std::string& output, Rng& rng,
                                          std::vector<share::Share>* shares = nullptr);

// `keyrite split` without --to, --binary or --print: CheckSplitParameters, ReadSplitSecret,
// WriteSplitShares.
Result<ShareFilesReport> SplitPlain(const std::string& input, std::uint8_t threshold,
                                    std::uint8_t count, const std::string& output, Rng& rng);

// "share-2-of-5.txt"
std::string ShareFileName(std::uint8_t index, std::uint8_t count);

}  // namespace keyrite::ops
