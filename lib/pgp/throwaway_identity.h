#pragma once
// Throwaway OpenPGP identities for rehearsals: an Ed25519 signing key with a Curve25519
// encryption subkey, made in a keyring the rehearsal owns, with no passphrase, so gpg-agent
// opens the rehearsal's shards without asking anyone. Never for a real ceremony: the secret keys
// sit unprotected in that keyring, and the user ids say "(rehearsal)".

#include <string>

#include "base/status.h"

namespace keyrite::pgp {

struct ThrowawayIdentity {
  std::string fingerprint;  // 40 uppercase hex digits
  std::string certificate;  // the armored public certificate
};

// Makes the identity "NAME (rehearsal) <NAME@rehearsal.invalid>" in the keyring `home`, or, when
// that keyring already holds a secret key with this user id, returns it unchanged: the rehearsals
// of one work directory share their custodians. InvalidArgument for a name that is not
// [a-z0-9-]+; the errors of gpgme otherwise.
Result<ThrowawayIdentity> MakeThrowawayIdentity(const std::string& home, const std::string& name);

}  // namespace keyrite::pgp
