#pragma once
// The text form of a key handed to a person (keystore export, delivery, allocation): a few
// "field: value" lines after a "# keyrite key v1" line, one block per key, blocks separated by a
// blank line (docs/formats/keystore-v1.md). The text holds the secret, so it is built and parsed
// only in SecureBytes and leaves keyrite only encrypted to a recipient.

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "keys/key_material.h"
#include "secmem/secure_bytes.h"

namespace keyrite::keys {

inline constexpr std::string_view kKeyTextHeader = "# keyrite key v1";

struct NamedKey {
  std::string name;
  const KeyMaterial* key = nullptr;
};

// One block per key, in order. The secret is hex, except a password or a bip39 mnemonic, which
// is its text.
secmem::SecureBytes FormatKeyText(const std::vector<NamedKey>& keys);

// A secret typed or piped in for import: hex (spaces and a 0x prefix allowed) for secp256k1,
// ed25519 and random keys, the text itself (one line) for a password, the words for bip39; or a key text block
// (FormatKeyText) of that kind, whose secret line is used. InvalidInput naming `origin` otherwise.
Result<secmem::SecureBytes> ParseSecretText(KeyKind kind, const secmem::SecureBytes& text,
                                            std::string_view origin);

}  // namespace keyrite::keys
