#pragma once
// What a rehearsal stands in for: the people's OpenPGP identities. Before the first step it makes
// a throwaway identity (pgp/throwaway_identity.h) for every certificate the script's steps take —
// the `custodian`, `to` and `deliver_to` arguments — writes each certificate where the script
// expects it, writes the fingerprint files the steps check against, and fills in the fingerprint
// parameters those steps expect. Idempotent: files that exist are kept, so the rehearsals of one
// work directory share one cast, and a resumed rehearsal changes nothing.

#include <string>
#include <vector>

#include "base/status.h"
#include "ceremony/run_values.h"
#include "ceremony/script.h"

namespace keyrite::ceremony {

struct Cast {
  std::string keyring;                    // the rehearsal's GNUPGHOME (mode 0700)
  std::vector<std::string> fingerprints;  // of the certificates, in the order first met
  std::vector<std::string> custodians;    // of the `custodian` certificates, in order
};

// Makes (or finds) the cast in `keyring` for `script` with its parameters `values`, which it may
// fill in: fingerprint parameters paired with a certificate parameter in a step.
Result<Cast> PrepareCast(const Script& script, Values& values, const std::string& keyring);

}  // namespace keyrite::ceremony
