#pragma once
// Keys derived from a BIP-39 seed or mnemonic, returned as KeyMaterial like any generated key:
// secp256k1 through BIP-32, ed25519 through SLIP-10. The entry points the keystore and keygen
// use; the seed, mnemonic and passphrase are secrets (SecureBytes) and the path is public text.

#include <string_view>

#include "base/rng.h"
#include "base/status.h"
#include "keys/key_material.h"
#include "secmem/secure_bytes.h"

namespace keyrite::keys {

// The first Ethereum account (BIP-44 coin 60) and the first Tezos account (coin 1729, the path
// Tezos wallets use for ed25519).
inline constexpr std::string_view kDefaultEthereumPath = "m/44'/60'/0'/0/0";
inline constexpr std::string_view kDefaultTezosPath = "m/44'/1729'/0'/0'";

// kDefaultEthereumPath for secp256k1, kDefaultTezosPath for ed25519, empty for other kinds.
std::string_view DefaultDerivationPath(KeyKind kind);

// InvalidArgument for a kind other than secp256k1/ed25519 or a bad path (a normal step for
// ed25519 included); the derived key passes DescribeKey's sign-then-verify check.
// `blinding_rng` only blinds the secp256k1 context.
Result<KeyMaterial> DeriveKeyFromSeed(KeyKind kind, const secmem::SecureBytes& seed,
                                      std::string_view path, Rng& blinding_rng);

// The same from a mnemonic (checked; see bip39.h) and an optional passphrase.
Result<KeyMaterial> DeriveKeyFromMnemonic(KeyKind kind, const secmem::SecureBytes& mnemonic,
                                          const secmem::SecureBytes& passphrase,
                                          std::string_view path, Rng& blinding_rng);

}  // namespace keyrite::keys
