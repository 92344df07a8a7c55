#include "shards/shard_opener.h"

#include <filesystem>

#include "base/digest.h"
#include "pgp/decrypt.h"
#include "share/share_file.h"
#include "share/share_v1.h"

namespace keyrite::shards {
namespace {

std::string CustodianSuffix(const CustodianEntry* who) {
  return who == nullptr ? "" : " (custodian " + who->user_id + ")";
}

Result<share::Share> ShareFromPlaintext(const secmem::SecureBytes& plaintext,
                                        const std::string& origin) {
  KR_ASSIGN_OR_RETURN(std::vector<share::SourcedShare> shares,
                      share::ParseShareText(origin, plaintext.view()));
  if (shares.size() != 1) {
    return InvalidInput(origin + ": decrypts to " + std::to_string(shares.size()) +
                        " share lines; a shard holds exactly one");
  }
  return std::move(shares.front().share);
}

Status CheckCustodianIndex(const share::Share& share, const CustodianEntry& who,
                           const std::string& origin) {
  if (share.index == who.index) return OkStatus();
  return Mismatch(origin + ": decrypts to share " + std::to_string(share.index) +
                  ", but the manifest gives custodian " + std::to_string(who.index) + " share " +
                  std::to_string(who.index));
}

}  // namespace

Result<ShardOpener> ShardOpener::Create(const ShardOpenerOptions& options) {
  std::optional<pgp::TempKeyring> keyring;
  if (!options.gnupghome.empty()) {
    Result<pgp::TempKeyring> existing = pgp::TempKeyring::UseExisting(options.gnupghome);
    if (!existing.ok()) return existing.status().WithContext("--gnupghome");
    keyring.emplace(std::move(existing).value());
  }
  KR_ASSIGN_OR_RETURN(pgp::Context ctx, pgp::Context::Create(options.gnupghome));
  if (options.passphrases != nullptr) {
    ctx.UseLoopbackPassphrases(PromptedPassphrases(*options.passphrases));
  }
  return ShardOpener(std::move(keyring), std::move(ctx), options);
}

ShardOpener::ShardOpener(std::optional<pgp::TempKeyring> keyring, pgp::Context ctx,
                         const ShardOpenerOptions& options)
    : keyring_(std::move(keyring)),
      ctx_(std::move(ctx)),
      manifest_(options.manifest),
      manifest_path_(options.manifest_path) {}

Result<const CustodianEntry*> ShardOpener::MatchManifest(std::span<const std::uint8_t> message,
                                                         const std::string& path) const {
  if (manifest_ == nullptr) return static_cast<const CustodianEntry*>(nullptr);
  const CustodianEntry* who = FindByDigest(*manifest_, Sha256(message));
  if (who != nullptr) return who;
  // Refused before decrypting: a digest cannot tell a changed file from another set's shard.
  const std::string name = std::filesystem::path(path).filename().string();
  for (const CustodianEntry& c : manifest_->custodians) {
    if (c.file == name) {
      return Mismatch(path + ": its SHA-256 is not the one " + manifest_path_ + " records for " +
                      c.file + " (custodian " + c.user_id +
                      "); the file has changed, or it is a shard of another set");
    }
  }
  return Mismatch(path + ": its SHA-256 matches no shard in " + manifest_path_ +
                  "; it is a shard of another set, or it has changed");
}

Result<OpenedShard> ShardOpener::Open(std::span<const std::uint8_t> message,
                                      const std::string& path) {
  KR_ASSIGN_OR_RETURN(const CustodianEntry* who, MatchManifest(message, path));
  Result<pgp::DecryptedShard> plain = pgp::Decrypt(ctx_, message);
  if (!plain.ok()) {
    const Status& s = plain.status();
    return Status(s.kind(), path + ": " + s.message() + CustodianSuffix(who));
  }
  const std::string origin = path + CustodianSuffix(who);
  KR_ASSIGN_OR_RETURN(share::Share share, ShareFromPlaintext(plain->plaintext, origin));
  if (who != nullptr) {
    KR_RETURN_IF_ERROR(CheckShareInSet(share, *manifest_, manifest_path_, origin));
    KR_RETURN_IF_ERROR(CheckCustodianIndex(share, *who, origin));
  }
  return OpenedShard{{origin, std::move(share)}, who, std::move(plain->recipient_key_ids)};
}

pgp::PassphraseProvider PromptedPassphrases(io::Prompter& prompter) {
  return [&prompter](const pgp::PassphraseRequest& request) -> Result<secmem::SecureBytes> {
    if (request.previous_was_bad) prompter.Tell("That passphrase was wrong; try again.\n");
    return prompter.ReadSecretLine("Passphrase for " + request.key_hint + ": ");
  };
}

Status CheckShareInSet(const share::Share& share, const Manifest& manifest,
                       const std::string& manifest_path, const std::string& origin) {
  if (share.set_id != manifest.set_id) {
    return Mismatch(origin + ": belongs to set " + share::FormatSetId(share.set_id) + ", but " +
                    manifest_path + " is for set " + share::FormatSetId(manifest.set_id));
  }
  if (share.threshold != manifest.threshold) {
    return Mismatch(origin + ": has threshold " + std::to_string(share.threshold) + ", but " +
                    manifest_path + " records " + std::to_string(manifest.threshold));
  }
  return OkStatus();
}

}  // namespace keyrite::shards
