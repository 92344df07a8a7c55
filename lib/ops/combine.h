#pragma once
// combine: read shares from any mix of shard files (decrypted through gpg-agent in the user's
// keyring), plain share files and typed lines, check them as a set and write the recovered
// secret to a new 0600 file or, when explicitly asked, to standard output (never to a
// terminal). A wrong, mixed, duplicated or insufficient set is refused and nothing is written.
// Decrypted share lines stay in SecureBytes; no plain share is written anywhere.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "io/prompt.h"
#include "share/share.h"

namespace keyrite::ops {

struct CombineRequest {
  std::vector<std::string> inputs;  // shard or share files; "-" reads standard input
  std::string output;               // a new file; empty with to_stdout
  bool to_stdout = false;
  // Images (PNG, JPEG) or PDFs of share sheets: their QR codes are decoded and added.
  std::vector<std::string> scans = {};
  // When set, custodians also type share lines here (after the files) until the threshold.
  io::Prompter* typed = nullptr;
  // Shards: the keyring holding the custodians' secret keys (empty: GNUPGHOME or ~/.gnupg).
  std::string gnupghome = {};
  // Optional shard-set manifest: shard digests are checked and custodians named.
  std::string manifest = {};
  // When set, gpg asks for passphrases here (pinentry loopback, echo off) instead of pinentry.
  io::Prompter* passphrases = nullptr;
};

struct UsedShare {
  std::uint8_t index = 0;
  std::string origin;       // the file (and custodian), "standard input" or "typed share 2"
  std::string kind;         // "shard", "file" or "typed"
  std::string custodian;    // user id when known (from the manifest), else ""
  std::string fingerprint;  // the custodian's, when known from the manifest
  std::vector<std::string> recipient_key_ids;  // shards only: whom the shard is encrypted to
};

struct CombineReport {
  share::SetId set_id{};
  std::uint8_t threshold = 0;
  std::vector<UsedShare> shares;  // in the order given
  std::size_t secret_bytes = 0;
  std::string output;  // the file written, or "-"
};

Result<CombineReport> CombineFromInputs(const CombineRequest& request);

// The same collection and checks, but the secret stays in memory (a quorum sitting); the
// request's output fields are ignored and report.output is empty.
struct RecoveredSecret {
  secmem::SecureBytes secret;
  CombineReport report;
};
Result<RecoveredSecret> RecoverSecret(const CombineRequest& request);

}  // namespace keyrite::ops
