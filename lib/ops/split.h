#pragma once
// split: read a secret, split it into share files (or standard output), verified before release.
// The secret is read into secure memory and never written anywhere; each share file is created
// with O_EXCL, mode 0600. Either every share file is written or none is left behind.
// With `to` (custodians' certificates), the shares are encrypted instead: one shard per custodian
// and a manifest (shards/split_to_custodians.h); no plain share touches disk.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/rng.h"
#include "base/status.h"
#include "io/prompt.h"
#include "ops/split_plain.h"
#include "shards/split_to_custodians.h"
#include "share/share.h"

namespace keyrite::ops {

// A plain split's report (ops/split_plain.h), with what shard mode and --print add.
struct SplitReport : ShareFilesReport {
  std::optional<shards::CustodianSplitReport> shards = {};  // shard mode only
  std::vector<std::string> sheets = {};                     // with print_dir: the PDFs written
};

struct SplitRequest {
  std::string input = "-";  // a file, or "-" for standard input (refused when it is a terminal)
  std::uint8_t threshold = 0;
  std::uint8_t count = 0;  // with `to`: 0 (taken from it) or equal to its size
  std::string output;      // a directory (created 0700 if missing), or "-" for standard output

  // Shard mode: custodians' certificate files (.asc/.gpg), in custodian order.
  std::vector<std::string> to = {};
  // One per certificate, same order; or a file of them (one per line). Neither: confirm each
  // fingerprint through `confirm` (the terminal); without one, the split is refused.
  std::vector<std::string> expected_fingerprints = {};
  std::string expected_fingerprints_file = {};
  io::Prompter* confirm = nullptr;
  std::string gnupghome = {};  // empty: a temporary keyring for the certificates

  // File mode: `input` (a regular file of any size) into binary share files, in constant memory.
  bool binary = false;
  // Also print one sheet per share (PDF, read back before release) into this directory.
  std::string print_dir = {};
};

// `clock` judges certificate expiry and dates the manifest (shard mode).
Result<SplitReport> SplitFromInput(const SplitRequest& request, Rng& rng,
                                   Clock& clock = SystemClock());

// Splits bytes already in secure memory (used by keygen --split).
// With `print_dir`, also prints the sheets there (ops/paper.h).
Result<SplitReport> SplitToOutput(std::span<const std::uint8_t> secret, std::uint8_t threshold,
                                  std::uint8_t count, const std::string& output, Rng& rng,
                                  const std::string& print_dir = {});

}  // namespace keyrite::ops
