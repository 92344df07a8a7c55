#pragma once
// Detached OpenPGP signatures (GPGME over the system's gpg): an ASCII-armored signature of some
// public bytes, which stock `gpg --verify` can check too (the transcript's auditor signature).
// The signer's secret key stays in gpg-agent (passphrase through pinentry, or the Context's
// loopback provider). All values are public.

#include <string>
#include <string_view>

#include "base/status.h"
#include "pgp/context.h"

namespace keyrite::pgp {

// Who signs: a key in `context`'s keyring with a usable signing (sub)key, by fingerprint.
struct Signer {
  Context* context = nullptr;  // borrowed
  std::string fingerprint;          // 40 hex digits, the primary key's
};

// An armored detached signature of `message` by `signer`. NotFound when the secret key is not in
// the keyring; Refused for a wrong passphrase or an unusable key.
Result<std::string> SignDetached(const Signer& signer, std::string_view message);

// The signer's primary-key fingerprint (40 uppercase hex digits) when `signature` is a good
// signature of `message` by a key in `ctx`'s keyring that is neither revoked nor expired, and
// (when `expected_fingerprint` is not empty) is that key. Corrupt for a bad signature or other
// bytes; NotFound when the signing key is not in the keyring; Mismatch for another signer.
Result<std::string> VerifyDetached(Context& ctx, std::string_view signature,
                                      std::string_view message,
                                      std::string_view expected_fingerprint);

}  // namespace keyrite::pgp
