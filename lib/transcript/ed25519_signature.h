#pragma once
// The checkpoint's Ed25519 signature (libsodium): made with a caller's 64-byte libsodium secret
// key (held in SecureBytes and only borrowed here; in production the unsealer's signing key),
// checked against a public key given as 64 hex digits. Signatures and public keys are public.

#include <string>
#include <string_view>

#include "base/status.h"
#include "secmem/secure_bytes.h"

namespace keyrite::transcript {

// InvalidArgument unless `secret_key` is a 64-byte libsodium Ed25519 secret key whose public half
// is `public_hex`, so a transcript is never closed with a key that does not match its name.
Status CheckSigningKey(const secmem::SecureBytes& secret_key, std::string_view public_hex);

// The detached signature of `message`, 128 lowercase hex digits. The key must have passed
// CheckSigningKey.
std::string SignEd25519(const secmem::SecureBytes& secret_key, std::string_view message);

// True when `signature_hex` is `public_hex`'s signature of `message`; false for anything else,
// including malformed hex.
bool VerifyEd25519(std::string_view public_hex, std::string_view message,
                   std::string_view signature_hex);

}  // namespace keyrite::transcript
