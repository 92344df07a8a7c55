#pragma once
// Delivery: a secret (a key text, lib/keys/key_text.h) encrypted to each of several recipients'
// OpenPGP certificates, one armored file per recipient, so the plaintext is never on disk and each
// recipient opens theirs with stock `gpg --decrypt`. Certificates are judged like custodians'
// (policy, then an expected fingerprint or a typed confirmation) before anything is written.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "io/prompt.h"

namespace keyrite::ops {

struct Recipients {
  std::vector<std::string> certificates;           // .asc or .gpg files
  std::vector<std::string> expected_fingerprints;  // empty, or one per certificate
  io::Prompter* confirm = nullptr;                 // confirms fingerprints when none expected
};

struct Delivered {
  std::string file;
  std::string user_id;
  std::string fingerprint;
};

// Writes one new file per recipient: `out_dir`/`base_name`-to-FINGERPRINT16.asc (0644; the
// directory is created 0700 when missing). Nothing is written unless every certificate passes;
// on a later failure the files written are removed.
Result<std::vector<Delivered>> DeliverSecret(std::span<const std::uint8_t> secret_text,
                                             const std::string& base_name,
                                             const Recipients& recipients,
                                             const std::string& out_dir, Clock& clock);

// The same to one recipient into exactly `out_file` (a new file).
Result<Delivered> DeliverSecretTo(std::span<const std::uint8_t> secret_text,
                                  const Recipients& recipient, const std::string& out_file,
                                  Clock& clock);

// Checks the certificates now (before a quorum sits), so a bad one fails early.
Status CheckRecipients(const Recipients& recipients, Clock& clock);

}  // namespace keyrite::ops
