#pragma once
// HdKey: one node of a BIP-32 / SLIP-10 tree. The private key and the chain code are secret
// (together they give every descendant) and live only in SecureBytes; depth, parent fingerprint
// and child number are public and say where the node sits.

#include <cstdint>

#include "secmem/secure_bytes.h"

namespace keyrite::keys {

inline constexpr std::size_t kHdKeyBytes = 32;
inline constexpr std::size_t kHdChainCodeBytes = 32;

struct HdKey {
  secmem::SecureBytes key;         // 32 bytes: secp256k1 scalar or ed25519 seed
  secmem::SecureBytes chain_code;  // 32 bytes
  std::uint8_t depth = 0;
  std::uint32_t parent_fingerprint = 0;  // first 4 bytes of the parent's Hash160, big-endian
  std::uint32_t child_number = 0;        // the index this node was derived with (0 for m)
};

}  // namespace keyrite::keys
