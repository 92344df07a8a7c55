#pragma once
// The one place where a gpgme_error_t becomes a Status (lib/pgp's own .cpp files only). The
// message says what was being done and gpgme's reason; it never contains passphrases or plaintext.

#include <gpgme.h>

#include <string>

#include "base/status.h"

namespace keyrite::pgp {

// What failed, for the message. `key_ids` ("0x1234ABCD5678EF90") names the keys a message was
// encrypted to, so "no secret key" can say which key the custodian needs.
struct GpgFailure {
  std::string action;        // "decrypting", "importing alice.asc"
  std::string key_ids = {};  // may be empty
};

// Ok for GPG_ERR_NO_ERROR; otherwise a Status whose kind follows the error code:
// cancelled -> Cancelled, bad passphrase -> Refused, no secret key -> NotFound, damaged data ->
// Corrupt, unknown algorithm -> Unsupported, unusable key -> Refused, anything else -> Internal.
Status FromGpgError(gpgme_error_t err, const GpgFailure& what);

// gpgme's text for `err` ("Bad passphrase"), for messages built elsewhere in lib/pgp.
std::string GpgErrorText(gpgme_error_t err);

// Initializes gpgme once per process and checks the OpenPGP engine (gpg) is usable.
Status EnsureGpgme();

}  // namespace keyrite::pgp
