#pragma once
// Reading gpgme's structs into plain values (lib/pgp's own .cpp files only): copies the public
// facts out so nothing outside lib/pgp holds a gpgme handle.

#include <gpgme.h>

#include <string>
#include <vector>

#include "pgp/certificate.h"

namespace keyrite::pgp {

Certificate CertificateFromKey(gpgme_key_t key, std::string origin);

// The key ids (16 hex digits, uppercase) a decrypted or attempted message named, in packet order;
// empty for a null result.
std::vector<std::string> RecipientKeyIds(gpgme_decrypt_result_t result);

}  // namespace keyrite::pgp
