#pragma once
// Custodians for a split: their certificates are imported into the operation's keyring and ALL
// of them are judged before anything is written: the certificate policy at the caller's clock,
// then each fingerprint against the expected one given in the same order, or, when none was
// given, confirmed by the operator (fingerprint in groups of four and in words, "type yes").
// Certificates and fingerprints are public.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "io/prompt.h"
#include "pgp/certificate.h"
#include "pgp/context.h"

namespace keyrite::shards {

struct CustodianCheckOptions {
  std::int64_t now = 0;  // Unix seconds: certificates must be valid at this time
  // Empty, or exactly one per certificate in the same order (any case, spaces allowed).
  std::vector<std::string> expected_fingerprints = {};
  // Asked to confirm each fingerprint when expected_fingerprints is empty; null: Refused.
  io::Prompter* confirm = nullptr;
};

// The certificates in custodian order, each passed CheckCertificate and matched or confirmed.
// Failures name the certificate file: Refused (policy, no way to confirm), Mismatch (another
// fingerprint), Cancelled (not confirmed), InvalidArgument (a count or fingerprint text is wrong).
Result<std::vector<pgp::Certificate>> LoadCustodians(pgp::Context& ctx,
                                                     std::span<const std::string> cert_paths,
                                                     const CustodianCheckOptions& options);

// The fingerprint to read aloud: DigestWords (12 BIP-39 words) of the SHA-256 of the 40-digit
// uppercase fingerprint text. Both sides compute it from the fingerprint alone.
std::string FingerprintWords(std::string_view fingerprint);

// What the operator is shown for custodian `position` (1-based) of `count`, several lines.
std::string DescribeCertificate(const pgp::Certificate& cert, std::size_t position,
                                std::size_t count);

// Expected fingerprints from a file's text: one per line, blank lines and lines starting with
// '#' skipped; each normalized (NormalizeFingerprint). Errors name `origin` and the line.
Result<std::vector<std::string>> ParseFingerprintList(std::string_view text,
                                                      std::string_view origin);
Result<std::vector<std::string>> ReadFingerprintList(const std::string& path);

}  // namespace keyrite::shards
