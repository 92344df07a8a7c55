#pragma once
// SLIP-10 key derivation for ed25519: the master key from a seed (HMAC-SHA512 keyed
// "ed25519 seed") and hardened child keys. Ed25519 has no normal (public) derivation, so a
// non-hardened step is refused, never silently hardened. The node's key is the 32-byte ed25519
// seed (RFC 8032 private key); key and chain code are secret and live only in SecureBytes.

#include <array>
#include <cstdint>
#include <span>

#include "base/status.h"
#include "keys/derivation_path.h"
#include "keys/hd_key.h"
#include "secmem/secure_bytes.h"

namespace keyrite::keys {

// InvalidInput when the seed is not 16..64 bytes.
Result<HdKey> Slip10Ed25519MasterKey(const secmem::SecureBytes& seed);

// InvalidArgument for a non-hardened index; Unsupported past depth 255.
Result<HdKey> Slip10Ed25519ChildKey(const HdKey& parent, std::uint32_t index);

// Master key, then each step; every step must be hardened. Errors carry the path as text.
Result<HdKey> Slip10Ed25519DerivePath(const secmem::SecureBytes& seed,
                                      std::span<const std::uint32_t> path);

// SLIP-10 writes ed25519 public keys as 0x00 || the 32-byte key; the fingerprint of a node is
// the first 4 bytes of Hash160 of that form.
std::array<std::uint8_t, 33> Slip10Ed25519PublicKey(std::span<const std::uint8_t, 32> public_key);

}  // namespace keyrite::keys
