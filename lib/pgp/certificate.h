#pragma once
// Certificate: the public facts about one custodian's OpenPGP certificate, as gpg sees them in
// the keyring it was imported into. Plain values (copyable); nothing here is secret. Whether a
// certificate is acceptable is decided by CheckCertificate() (certificate_policy.h).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace keyrite::pgp {

enum class KeyFamily : std::uint8_t { kRsa, kDsa, kElgamal, kEcdh, kEcdsa, kEddsa, kOther };

// The primary key or one subkey.
struct KeyPart {
  std::string fingerprint;  // 40 hex digits, uppercase (v4)
  std::string key_id;       // the last 16 of them
  std::string algorithm;    // gpg's name: "ed25519", "cv25519", "rsa3072", "dsa2048", "elg2048"
  KeyFamily family = KeyFamily::kOther;
  unsigned int bits = 0;
  std::int64_t created = 0;  // Unix seconds
  std::int64_t expires = 0;  // Unix seconds; 0 = never
  bool revoked = false;
  bool disabled = false;
  bool invalid = false;
  bool expired = false;  // as gpg judged it at import time
  bool can_encrypt = false;
  bool can_sign = false;
  bool can_certify = false;
};

struct Certificate {
  std::string fingerprint;  // the primary key's, 40 hex digits, uppercase
  std::string user_id;      // the primary (first valid) user id, e.g. "Alice <alice@example.org>"
  KeyPart primary;
  std::vector<KeyPart> subkeys;
  // The key gpg encrypts to: the newest usable encryption subkey, else an encryption-capable
  // primary key; absent when none is usable (signing-only, all expired or revoked).
  std::optional<KeyPart> encryption_key;
  // Where it came from ("certs/alice.asc"), for messages.
  std::string origin;
};

}  // namespace keyrite::pgp
