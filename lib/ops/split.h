#pragma once
// split: read a secret, split it into share files (or standard output), verified before release.
// The secret is read into secure memory and never written anywhere; each share file is created
// with O_EXCL, mode 0600. Either every share file is written or none is left behind.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/rng.h"
#include "base/status.h"
#include "share/share.h"

namespace keyrite::ops {

inline constexpr std::size_t kMaxSecretBytes = 64 * 1024;

struct SplitReport {
  share::SetId set_id{};
  std::uint8_t threshold = 0;
  std::uint8_t count = 0;
  std::size_t secret_bytes = 0;
  std::vector<std::string> files;  // empty when written to standard output
};

struct SplitRequest {
  std::string input = "-";  // a file, or "-" for standard input (refused when it is a terminal)
  std::uint8_t threshold = 0;
  std::uint8_t count = 0;
  std::string output;  // a directory (created 0700 if missing), or "-" for standard output
};

Result<SplitReport> SplitFromInput(const SplitRequest& request, Rng& rng);

// Splits bytes already in secure memory (used by keygen --split).
Result<SplitReport> SplitToOutput(std::span<const std::uint8_t> secret, std::uint8_t threshold,
                                  std::uint8_t count, const std::string& output, Rng& rng);

// "share-2-of-5.txt"
std::string ShareFileName(std::uint8_t index, std::uint8_t count);

}  // namespace keyrite::ops
