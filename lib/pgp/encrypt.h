#pragma once
// Encrypting a shard to one custodian: an ASCII-armored OpenPGP message that stock `gpg --decrypt`
// opens with that custodian's key and no other. The plaintext is a secret: it is read by gpg in
// place (never copied into a gpgme buffer); pass a span of SecureBytes. The result is public.

#include <cstdint>
#include <span>
#include <string>

#include "base/status.h"
#include "pgp/certificate.h"
#include "pgp/context.h"

namespace keyrite::pgp {

// Encrypts to exactly cert.encryption_key (which must be in ctx's keyring: import the certificate
// first, and check it with CheckCertificate() and the expected fingerprint — trust is not asked
// of gpg). Before returning, the message is re-read (ListRecipients) and must name exactly that
// key; anything else is Internal. Refused when the certificate has no usable encryption key.
// Side effect: turns ASCII armor on for `ctx`.
Result<std::string> EncryptTo(Context& ctx, const Certificate& cert,
                              std::span<const std::uint8_t> plaintext);

}  // namespace keyrite::pgp
