#pragma once
// Reading whom an OpenPGP message is encrypted to, without any secret: no passphrase is asked for
// and nothing is decrypted into memory we keep. Used to check a freshly encrypted shard and to
// verify shard files against a manifest.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "pgp/context.h"

namespace keyrite::pgp {

// The 16-hex-digit key ids (uppercase) of the message's public-key recipients, in packet order.
// Corrupt when `message` is not an OpenPGP encrypted message or names no public-key recipient.
//
// How: gpgme_op_decrypt on `ctx` with pinentry mode "cancel" into a sink that drops every byte.
// gpg reports each recipient (ENC_TO) while parsing, before it looks for a secret key, and gpgme
// returns them in gpgme_op_decrypt_result()->recipients even when decryption then fails (the
// normal case: a TempKeyring holds no secret key). The context's pinentry mode is restored.
Result<std::vector<std::string>> ListRecipients(Context& ctx,
                                                std::span<const std::uint8_t> message);

// "0x1234ABCD5678EF90, 0x..." for messages.
std::string JoinKeyIds(const std::vector<std::string>& key_ids);

}  // namespace keyrite::pgp
