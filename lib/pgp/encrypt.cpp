#include "pgp/encrypt.h"

#include <gpgme.h>

#include "pgp/gpg_error.h"
#include "pgp/gpgme_data.h"
#include "pgp/recipients.h"

namespace keyrite::pgp {
namespace {

// The fingerprint of the key, with "!" so gpg uses exactly that subkey instead of choosing one.
std::string ExactRecipient(const KeyPart& key) { return key.fingerprint + "!"; }

Status CheckEncryptResult(gpgme_ctx_t ctx, const Certificate& cert) {
  gpgme_encrypt_result_t result = gpgme_op_encrypt_result(ctx);
  if (result != nullptr && result->invalid_recipients != nullptr) {
    return FromGpgError(result->invalid_recipients->reason,
                        {.action = "encrypting to certificate " + cert.fingerprint});
  }
  return OkStatus();
}

Status CheckSoleRecipient(Context& ctx, const std::string& message, const Certificate& cert) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(message.data());
  KR_ASSIGN_OR_RETURN(std::vector<std::string> ids,
                      ListRecipients(ctx, std::span(bytes, message.size())));
  const std::string& want = cert.encryption_key->key_id;
  if (ids.size() != 1 || ids.front() != want) {
    return Internal("the message encrypted to certificate " + cert.fingerprint + " names " +
                    JoinKeyIds(ids) + " instead of only 0x" + want + "; nothing was written");
  }
  return OkStatus();
}

}  // namespace

Result<std::string> EncryptTo(Context& ctx, const Certificate& cert,
                              std::span<const std::uint8_t> plaintext) {
  if (!cert.encryption_key.has_value()) {
    return Refused("certificate " + cert.fingerprint + " has no usable encryption key");
  }
  KR_ASSIGN_OR_RETURN(Data plain, Data::Borrow(plaintext));
  KR_ASSIGN_OR_RETURN(Data cipher, Data::NewPublic());
  gpgme_set_armor(ctx.raw(), 1);
  // Always-trust: the caller checked the fingerprint, which is the trust decision here.
  // No-encrypt-to: a --gnupghome keyring's gpg.conf must not add its own recipients.
  // No-compress: a share is random bytes; compressing them only adds a layer to parse.
  const auto flags = static_cast<gpgme_encrypt_flags_t>(
      GPGME_ENCRYPT_ALWAYS_TRUST | GPGME_ENCRYPT_NO_ENCRYPT_TO | GPGME_ENCRYPT_NO_COMPRESS);
  const std::string recipient = ExactRecipient(*cert.encryption_key);
  const gpgme_error_t err =
      gpgme_op_encrypt_ext(ctx.raw(), nullptr, recipient.c_str(), flags, plain.get(), cipher.get());
  KR_RETURN_IF_ERROR(CheckEncryptResult(ctx.raw(), cert));
  KR_RETURN_IF_ERROR(
      FromGpgError(err, {.action = "encrypting to certificate " + cert.fingerprint}));
  std::string message = cipher.TakePublicBytes();
  KR_RETURN_IF_ERROR(CheckSoleRecipient(ctx, message, cert));
  return message;
}

}  // namespace keyrite::pgp
