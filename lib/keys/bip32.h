#pragma once
// BIP-32 hierarchical deterministic keys on secp256k1: the master key from a seed (HMAC-SHA512
// keyed "Bitcoin seed"), hardened and normal private child derivation through libsecp256k1, and
// the 78-byte serialization of extended keys. Extended public keys are public and have a
// Base58Check text form here (xpub...). Extended private keys are secret: keyrite gives their
// 78 serialized bytes only in SecureBytes and never puts them through the variable-time Base58
// code (tests encode the published vectors themselves).

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "base/status.h"
#include "keys/derivation_path.h"
#include "keys/hd_key.h"
#include "keys/secp256k1_key.h"
#include "secmem/secure_bytes.h"

namespace keyrite::keys {

inline constexpr std::size_t kExtendedKeyBytes = 78;
inline constexpr std::uint32_t kXprvVersion = 0x0488ADE4;  // mainnet "xprv"
inline constexpr std::uint32_t kXpubVersion = 0x0488B21E;  // mainnet "xpub"

struct ExtendedPublicKey {
  Secp256k1Compressed key{};
  std::array<std::uint8_t, kHdChainCodeBytes> chain_code{};
  std::uint8_t depth = 0;
  std::uint32_t parent_fingerprint = 0;
  std::uint32_t child_number = 0;
};

// InvalidInput when the seed is not 16..64 bytes; Unsupported in the 2^-127 case that the seed
// gives no valid key (BIP-32 says: use another seed).
Result<HdKey> Bip32MasterKey(const Secp256k1Context& ctx, const secmem::SecureBytes& seed);

// The child `index` (hardened when index >= 2^31). Unsupported when the index gives an invalid
// key (probability below 2^-127; BIP-32 says to skip to the next index) or depth would pass 255.
Result<HdKey> Bip32ChildKey(const Secp256k1Context& ctx, const HdKey& parent, std::uint32_t index);

// Master key, then each step of `path`. Errors carry the path as text.
Result<HdKey> Bip32DerivePath(const Secp256k1Context& ctx, const secmem::SecureBytes& seed,
                              std::span<const std::uint32_t> path);

// The public half of a node.
Result<ExtendedPublicKey> Bip32PublicOf(const Secp256k1Context& ctx, const HdKey& key);

// First 4 bytes of Hash160(compressed public key), big-endian: a child's parent fingerprint.
std::uint32_t Bip32Fingerprint(std::span<const std::uint8_t> serialized_public_key);

// version || depth || parent fingerprint || child number || chain code || 0x00 || key.
secmem::SecureBytes SerializeXprv(const HdKey& key);
// InvalidInput (saying which check failed) for a wrong length or version, a key byte that is
// not 0x00, a key outside [1, n-1], or depth 0 with a parent fingerprint or child number.
Result<HdKey> ParseXprv(const Secp256k1Context& ctx, std::span<const std::uint8_t> payload);

std::array<std::uint8_t, kExtendedKeyBytes> SerializeXpub(const ExtendedPublicKey& key);
std::string XpubText(const ExtendedPublicKey& key);
// InvalidInput for a bad length, version, key prefix, point not on the curve, or the depth-0
// rules above; Corrupt when the Base58Check checksum fails.
Result<ExtendedPublicKey> ParseXpub(const Secp256k1Context& ctx,
                                    std::span<const std::uint8_t> payload);
Result<ExtendedPublicKey> ParseXpubText(const Secp256k1Context& ctx, std::string_view text);

}  // namespace keyrite::keys
