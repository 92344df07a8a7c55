#pragma once
// Splitting a secret to custodians: one shard per certificate (n = number of certificates, in
// the order given), each an armored OpenPGP message that stock `gpg --decrypt` opens to that
// custodian's share line, plus the public manifest. The secret and the share lines stay in
// SecureBytes and never touch disk; only ciphertext and the manifest are written.
//
// Order: every certificate is imported and judged first (custodians.h); nothing is written
// unless all pass. Then the shares are made, encrypted and written (O_EXCL, mode 0644), then
// each file is read back and checked against the manifest (digest, recipients). Any failure
// removes everything written (and the output directory, if this call created it).

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/rng.h"
#include "base/status.h"
#include "io/prompt.h"
#include "shards/manifest.h"

namespace keyrite::shards {

struct CustodianSplitRequest {
  std::vector<std::string> certificates;           // .asc or .gpg files, custodian order
  std::vector<std::string> expected_fingerprints;  // empty, or one per certificate
  io::Prompter* confirm = nullptr;                 // confirms fingerprints when none expected
  std::string gnupghome;  // empty: a temporary keyring removed afterwards; else this keyring
  std::uint8_t threshold = 0;
  std::string output_dir;  // created (0700) when missing; shard files must not exist yet
  std::string self_exe = "/proc/self/exe";  // whose SHA-256 the manifest records
};

struct CustodianSplitReport {
  Manifest manifest;
  std::string manifest_path;
  std::vector<std::string> shard_paths;  // in custodian order
  std::vector<std::string> algorithms;   // each custodian's encryption key ("cv25519", "rsa3072")
};

Result<CustodianSplitReport> SplitToCustodians(std::span<const std::uint8_t> secret,
                                               const CustodianSplitRequest& request, Rng& rng,
                                               Clock& clock);

}  // namespace keyrite::shards
