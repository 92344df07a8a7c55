#pragma once
// The one entry point for making or describing a key of any KeyKind. KeyMaterial.secret is the
// secret (in SecureBytes); every other field is public text, safe to print, log and publish.
// Generated secp256k1 and ed25519 keys pass a sign-then-verify check before they are returned.

#include <string>

#include "base/rng.h"
#include "base/status.h"
#include "keys/key_kind.h"
#include "keys/password.h"
#include "keys/random_secret.h"
#include "secmem/secure_bytes.h"

namespace keyrite::keys {

struct KeyOptions {
  std::size_t random_bytes = kDefaultRandomBytes;        // kRandom only
  std::size_t password_length = kDefaultPasswordLength;  // kPassword only
  std::size_t mnemonic_words = 24;                       // kBip39 only: 12, 15, 18, 21 or 24
};

struct KeyMaterial {
  KeyKind kind = KeyKind::kRandom;
  // secp256k1: the 32-byte private key; ed25519: the 32-byte seed; random: the bytes;
  // password: the password text; bip39: the mnemonic (lower case, single spaces).
  secmem::SecureBytes secret;
  // Public parts (empty where a kind has none).
  std::string public_key_hex;    // secp256k1: 33-byte compressed key; ed25519: 32-byte key
  std::string address;           // secp256k1: EIP-55 Ethereum address "0x..."
  std::string tezos_address;     // secp256k1: tz2...; ed25519: tz1...
  std::string tezos_public_key;  // secp256k1: sppk...; ed25519: edpk...
};

// InvalidArgument for a size or length out of range; Internal if a library or self-check fails.
Result<KeyMaterial> GenerateKey(KeyKind kind, const KeyOptions& options, Rng& rng);

// The public parts of an existing secret. InvalidInput for a secp256k1 key that is not 32 bytes
// or not in [1, n-1], an ed25519 seed that is not 32 bytes, an empty/oversized random secret
// or password, or a bip39 mnemonic that fails its word or checksum test (bip39.h). `blinding_rng` only blinds the secp256k1 context; the result does not depend on it.
Result<KeyMaterial> DescribeKey(KeyKind kind, secmem::SecureBytes secret, Rng& blinding_rng);
// The same, blinding with SystemRng().
Result<KeyMaterial> DescribeKey(KeyKind kind, secmem::SecureBytes secret);

}  // namespace keyrite::keys
