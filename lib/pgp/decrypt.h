#pragma once
// Decrypting one shard with a custodian's secret key (through gpg-agent: their passphrase or
// smartcard PIN via pinentry, or a PassphraseProvider in loopback mode). The plaintext is a
// secret: gpg's output is written straight into locked memory (SecureBytes), never into a
// malloc'd gpgme buffer and never to disk.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "pgp/context.h"
#include "secmem/secure_bytes.h"

namespace keyrite::pgp {

// Larger than any share line or share payload keyrite writes, by a wide margin.
inline constexpr std::size_t kMaxShardPlaintext = 256 * 1024;

struct DecryptOptions {
  std::size_t max_plaintext = kMaxShardPlaintext;  // locked up front; more is InvalidInput
};

struct DecryptedShard {
  secmem::SecureBytes plaintext;
  std::vector<std::string> recipient_key_ids;  // 16 hex digits each, uppercase (public)
};

// Errors: the secret key is not in ctx's keyring -> NotFound naming the key id(s) the message is
// encrypted to; wrong passphrase -> Refused; pinentry cancelled -> Cancelled; damaged message or
// failed integrity check -> Corrupt; plaintext over max_plaintext -> InvalidInput; a message not
// encrypted to any certificate (plain or passphrase-only data) -> Corrupt.
Result<DecryptedShard> Decrypt(Context& ctx, std::span<const std::uint8_t> message,
                               const DecryptOptions& options = {});

}  // namespace keyrite::pgp
