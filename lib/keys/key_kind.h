#pragma once
// KeyKind: which kind of secret `keygen` makes. The names are the ones users type
// ("secp256k1", "ed25519", "random", "password", "bip39") and the ones written into state files, so they
// never change once released.

#include <cstdint>
#include <string_view>

#include "base/status.h"

namespace keyrite::keys {

enum class KeyKind : std::uint8_t {
  kSecp256k1,  // 32-byte private key; Ethereum address, Tezos tz2 / sppk
  kEd25519,    // 32-byte seed; Tezos tz1 / edpk
  kRandom,     // N random bytes (a master key, a vault secret)
  kPassword,   // a generated password from an alphabet without look-alike characters
  kBip39,      // a BIP-39 mnemonic (English words): a seed that keys are derived from
};

std::string_view KeyKindName(KeyKind kind);
// InvalidArgument naming the accepted kinds for anything else (names are case-sensitive).
Result<KeyKind> ParseKeyKind(std::string_view name);

}  // namespace keyrite::keys
