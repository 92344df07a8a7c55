#pragma once
// The unsealer's own signing key (Ed25519, libsodium): it signs unsealer.json (and later the
// snapshots and the transcript), so anyone can check them against the public half without a
// quorum. The private half exists in SecureBytes only during a sitting; at rest it is sealed under
// a key derived from the master key, bound to the unsealer id and the public half.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/rng.h"
#include "base/status.h"
#include "secmem/secure_bytes.h"

namespace keyrite::unsealer {

struct SigningKey {
  secmem::SecureBytes secret;  // libsodium's 64-byte Ed25519 secret key
  std::string public_hex;      // 64 lowercase hex digits
};

SigningKey GenerateSigningKey(Rng& rng);

std::vector<std::uint8_t> SealSigningKey(const secmem::SecureBytes& master,
                                         std::string_view unsealer_id, const SigningKey& key,
                                         Rng& rng);

// Corrupt when the sealed key does not open under `master` or is not the key of `public_hex`.
Result<SigningKey> OpenSigningKey(const secmem::SecureBytes& master, std::string_view unsealer_id,
                                  std::span<const std::uint8_t> sealed,
                                  std::string_view public_hex);

// A detached signature, 128 lowercase hex digits.
std::string SignMessage(const SigningKey& key, std::string_view message);

// Corrupt naming `what` unless `signature_hex` is `public_hex`'s signature of `message`.
Status VerifySignature(std::string_view public_hex, std::string_view message,
                       std::string_view signature_hex, std::string_view what);

}  // namespace keyrite::unsealer
