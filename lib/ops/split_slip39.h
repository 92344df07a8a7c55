#pragma once
// split --format slip39: a secret (16..256 bytes, even) from a file or standard input into SLIP-39
// mnemonic share files, one group or two levels of groups, under an optional passphrase typed at
// the terminal. The secret and passphrase stay in SecureBytes; each share file is created with
// O_EXCL, mode 0600; every mnemonic is recombined and compared before any file is written.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/rng.h"
#include "base/status.h"
#include "io/prompt.h"
#include "slip39/slip39.h"

namespace keyrite::ops {

struct Slip39SplitRequest {
  std::string input = "-";  // a file, or "-" for standard input (refused when it is a terminal)
  std::string output;       // a directory (created 0700 if missing), or "-" for standard output
  std::uint8_t group_threshold = 1;
  std::vector<slip39::GroupSpec> groups;  // ParseSlip39Groups("2of3,3of5") or one {t, n}
  std::uint8_t iteration_exponent = 1;
  bool extendable = false;
  io::Prompter* passphrase = nullptr;  // set: ask for a passphrase (twice, echo off)
};

struct Slip39SplitReport {
  std::uint16_t identifier = 0;
  std::uint8_t group_threshold = 0;
  std::vector<slip39::GroupSpec> groups;
  std::size_t secret_bytes = 0;
  bool passphrase = false;
  std::vector<std::string> files;  // empty when written to standard output
};

Result<Slip39SplitReport> SplitSlip39(const Slip39SplitRequest& request, Rng& rng);

// "2of3,3of5" (also "2-of-3"): member threshold and count per group, in group order.
Result<std::vector<slip39::GroupSpec>> ParseSlip39Groups(std::string_view text);

// "slip39-share-2-of-5.txt" for a single group; "slip39-group-1-of-2-share-2-of-3.txt" otherwise
// (1-based numbers).
std::string Slip39ShareFileName(std::size_t group, std::size_t group_count, std::size_t member,
                                std::size_t member_count);

// Asks for the passphrase twice (echo off) until both agree and it is printable ASCII.
Result<secmem::SecureBytes> AskSlip39Passphrase(io::Prompter& prompter, bool confirm);

}  // namespace keyrite::ops
