#pragma once
// Ed25519 keys through libsodium. The secret is the 32-byte RFC 8032 seed, held only in
// SecureBytes; libsodium's 64-byte expanded secret key exists only inside these functions, in
// SecureBytes, and is wiped before they return. Public keys are public.

#include <array>
#include <cstdint>

#include "base/rng.h"
#include "base/status.h"
#include "secmem/secure_bytes.h"

namespace keyrite::keys {

inline constexpr std::size_t kEd25519SeedBytes = 32;
inline constexpr std::size_t kEd25519PublicKeyBytes = 32;
using Ed25519PublicKey = std::array<std::uint8_t, kEd25519PublicKeyBytes>;

// 32 bytes from `rng`; every 32-byte string is a valid seed.
secmem::SecureBytes GenerateEd25519Seed(Rng& rng);

// InvalidInput when `seed` is not 32 bytes.
Result<Ed25519PublicKey> DeriveEd25519PublicKey(const secmem::SecureBytes& seed);

// Signs a fixed message with the key from `seed` and verifies it against `public_key`: Internal
// if the pair does not work, so a broken key is never released.
Status SelfTestEd25519(const secmem::SecureBytes& seed, const Ed25519PublicKey& public_key);

}  // namespace keyrite::keys
