#pragma once
// Importing custodians' certificates into a Context's keyring (normally a TempKeyring). Input is
// public: an armored (.asc) or binary (.gpg) OpenPGP certificate, exactly one primary key per
// file. A file holding a secret key is refused before anything is imported. Import does not
// judge the certificate: call CheckCertificate() (certificate_policy.h) before using it.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "pgp/certificate.h"
#include "pgp/context.h"

namespace keyrite::pgp {

// `origin` names the input in messages ("certs/alice.asc"). InvalidInput when it holds no
// certificate or more than one; Refused when it holds a secret key.
Result<Certificate> ImportCertificate(Context& ctx, std::span<const std::uint8_t> bytes,
                                      std::string_view origin);

// Reads `path` (NotFound / IoError naming it) and imports it as above.
Result<Certificate> ImportCertificateFile(Context& ctx, const std::string& path);

// One certificate per file, in the order given; the same certificate in two files is a Mismatch
// naming both.
Result<std::vector<Certificate>> ImportCertificates(Context& ctx,
                                                    std::span<const std::string> paths);

// A certificate already in the keyring (e.g. a --gnupghome keyring), by its full fingerprint.
Result<Certificate> FindCertificate(Context& ctx, std::string_view fingerprint);

}  // namespace keyrite::pgp
