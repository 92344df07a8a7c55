#pragma once
// Certificate policy: whether a custodian's certificate may receive a shard, and whether it is
// the one the ceremony expects. Every refusal is one line naming the fingerprint and the reason.
// The policy table is in docs/pgp.md.

#include <cstdint>
#include <string_view>

#include "base/status.h"
#include "pgp/certificate.h"

namespace keyrite::pgp {

// Ok when, at `now` (Unix seconds), the certificate is a v4 key whose primary key is neither
// revoked, expired, disabled nor invalid, that has a usable encryption key, and whose usable keys
// are none of RSA < 2048 bits, DSA, ElGamal or an unknown algorithm. Refused otherwise.
Status CheckCertificate(const Certificate& cert, std::int64_t now);

// Ok when `expected` (any case; spaces and "0x" allowed) is the certificate's full fingerprint.
// Mismatch when it is another one; InvalidArgument when it is not 40 hex digits.
Status CheckExpectedFingerprint(const Certificate& cert, std::string_view expected);

}  // namespace keyrite::pgp
