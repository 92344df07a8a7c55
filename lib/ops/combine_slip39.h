#pragma once
// combine --format slip39: SLIP-39 mnemonics from files (one or more per file, one per line;
// blank lines and lines starting with '#' are skipped), standard input, scans of SLIP-39 sheets
// (their QR codes, paper/scan.h) and typed entry (each word checked against the SLIP-39 list as
// it is typed) back into the master secret, written to
// a new 0600 file or, when asked, to standard output (never a terminal). The set is checked as a
// whole (slip39::Combine); a bad set writes nothing. Mnemonics and passphrase stay in SecureBytes.

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "io/prompt.h"
#include "slip39/slip39.h"

namespace keyrite::ops {

struct Slip39CombineRequest {
  std::vector<std::string> inputs;  // files of mnemonics; "-" reads standard input
  std::vector<std::string> scans;   // images or PDFs of SLIP-39 sheets
  std::string output;               // a new file; empty with to_stdout
  bool to_stdout = false;
  io::Prompter* typed = nullptr;       // set: custodians type mnemonics here until the quorum
  io::Prompter* passphrase = nullptr;  // set: ask for the SLIP-39 passphrase here
};

struct Slip39UsedShare {
  std::string origin;  // "shares/a.txt", "shares.txt line 3", "scan.pdf page 1", "typed share 2"
  std::uint8_t group_index = 0;
  std::uint8_t member_index = 0;
};

struct Slip39CombineReport {
  slip39::SetInfo set;
  std::vector<Slip39UsedShare> shares;  // in the order given
  std::size_t secret_bytes = 0;
  bool passphrase = false;
  std::string output;  // the file written, or "-"
};

Result<Slip39CombineReport> CombineSlip39(const Slip39CombineRequest& request);

// Typed entry alone: mnemonics typed word by word until `have` plus the typed ones reach the
// quorum their headers ask for; an empty entry at the start of a share ends entry early.
Result<std::vector<slip39::SourcedMnemonic>> ReadTypedMnemonics(io::Prompter& prompter,
                                                                std::vector<slip39::Share> have,
                                                                int tries_per_share = 3);

}  // namespace keyrite::ops
