#pragma once
// ShardOpener: opens shard files through a keyring's gpg-agent (the user's by default, so each
// custodian's passphrase or smartcard PIN is asked by pinentry, in turn) and reads the share
// line inside. The decrypted line is a secret: it exists only in SecureBytes and is parsed there;
// the returned Share keeps its payload in SecureBytes. With a manifest, a shard file's digest is
// checked before it is decrypted and the share must be the one the manifest gives its custodian.

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "io/prompt.h"
#include "pgp/context.h"
#include "pgp/passphrase_provider.h"
#include "pgp/temp_keyring.h"
#include "shards/manifest.h"
#include "share/share.h"

namespace keyrite::shards {

struct ShardOpenerOptions {
  std::string gnupghome =
      {};  // the keyring holding the custodians' keys; empty: GNUPGHOME or ~/.gnupg
  // Optional; must outlive the opener. Shards are then matched to custodians by digest.
  const Manifest* manifest = nullptr;
  std::string manifest_path = {};  // names the manifest in messages
  // Optional; must outlive the opener. Passphrases are typed here (echo off) in pinentry loopback
  // mode instead of gpg-agent's pinentry; the agent must allow loopback. Never from argv or env.
  io::Prompter* passphrases = nullptr;
};

struct OpenedShard {
  share::SourcedShare share;  // origin: "FILE" or "FILE (custodian Alice <alice@example.org>)"
  const CustodianEntry* custodian = nullptr;   // in the options' manifest, when there is one
  std::vector<std::string> recipient_key_ids;  // whom the message was encrypted to
};

class ShardOpener {
 public:
  static Result<ShardOpener> Create(const ShardOpenerOptions& options);

  // Decrypts one shard (`path` names it) and parses its one share line. Errors name the file and,
  // when the manifest knows it, "(custodian USER ID)": the pgp error (e.g. NotFound naming the
  // key id when this keyring lacks the secret key), Mismatch when the digest matches no
  // custodian, InvalidInput/Corrupt when the plaintext is not one valid share line, Mismatch when
  // the share is not the one the manifest records for that custodian.
  Result<OpenedShard> Open(std::span<const std::uint8_t> message, const std::string& path);

 private:
  ShardOpener(std::optional<pgp::TempKeyring> keyring, pgp::Context ctx,
              const ShardOpenerOptions& options);
  Result<const CustodianEntry*> MatchManifest(std::span<const std::uint8_t> message,
                                              const std::string& path) const;

  std::optional<pgp::TempKeyring> keyring_;  // only to check a --gnupghome directory exists
  pgp::Context ctx_;
  const Manifest* manifest_ = nullptr;
  std::string manifest_path_;
};

// Passphrases typed at `prompter` (echo off), for loopback mode. `prompter` must outlive the
// provider.
pgp::PassphraseProvider PromptedPassphrases(io::Prompter& prompter);

// With a manifest: the share must belong to its set and have its threshold (Mismatch naming
// `origin` otherwise). Applies to every share given with a manifest, from a shard or not.
Status CheckShareInSet(const share::Share& share, const Manifest& manifest,
                       const std::string& manifest_path, const std::string& origin);

}  // namespace keyrite::shards
