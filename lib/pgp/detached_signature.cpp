#include "pgp/detached_signature.h"

#include <gpgme.h>

#include "pgp/fingerprint.h"
#include "pgp/gpg_error.h"
#include "pgp/gpgme_data.h"
#include "pgp/gpgme_key.h"

namespace keyrite::pgp {
namespace {

std::span<const std::uint8_t> Bytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

Result<Key> GetKey(gpgme_ctx_t ctx, const std::string& fingerprint, bool secret) {
  gpgme_key_t raw = nullptr;
  const gpgme_error_t err = gpgme_get_key(ctx, fingerprint.c_str(), &raw, secret ? 1 : 0);
  if (gpgme_err_code(err) == GPG_ERR_EOF || raw == nullptr) {
    return NotFound(std::string(secret ? "no secret key " : "no certificate ") + fingerprint +
                    " in the keyring");
  }
  KR_RETURN_IF_ERROR(FromGpgError(err, {.action = "looking up key " + fingerprint}));
  return Key(raw);
}

Status CheckSignResult(gpgme_ctx_t ctx, const std::string& fingerprint) {
  gpgme_sign_result_t result = gpgme_op_sign_result(ctx);
  if (result != nullptr && result->invalid_signers != nullptr) {
    return FromGpgError(result->invalid_signers->reason,
                             {.action = "signing with " + fingerprint});
  }
  if (result == nullptr || result->signatures == nullptr) {
    return Internal("gpg made no signature with key " + fingerprint);
  }
  return OkStatus();
}

Status CheckOneSignature(gpgme_signature_t sig) {
  if (gpgme_err_code(sig->status) == GPG_ERR_NO_PUBKEY) {
    return NotFound("the OpenPGP signature is by key " +
                    std::string(sig->fpr == nullptr ? "?" : sig->fpr) +
                    ", which is not in the keyring; import the signer's certificate");
  }
  if (gpgme_err_code(sig->status) != GPG_ERR_NO_ERROR) {
    return Corrupt("the OpenPGP signature does not verify (" + GpgErrorText(sig->status) +
                   "): the signed file or the signature was changed");
  }
  if ((sig->summary & (GPGME_SIGSUM_KEY_REVOKED | GPGME_SIGSUM_KEY_EXPIRED |
                       GPGME_SIGSUM_SIG_EXPIRED)) != 0) {
    return Refused("the OpenPGP signature is by a revoked or expired key");
  }
  return OkStatus();
}

// The primary fingerprint of the key that made `sig` (sig->fpr may name a signing subkey).
Result<std::string> PrimaryOf(gpgme_ctx_t ctx, gpgme_signature_t sig) {
  KR_ASSIGN_OR_RETURN(const Key key, GetKey(ctx, sig->fpr, false));
  return std::string(key.get()->fpr);
}

}  // namespace

Result<std::string> SignDetached(const Signer& signer, std::string_view message) {
  KR_CHECK(signer.context != nullptr);
  gpgme_ctx_t ctx = signer.context->raw();
  KR_ASSIGN_OR_RETURN(const std::string fpr, NormalizeFingerprint(signer.fingerprint));
  KR_ASSIGN_OR_RETURN(const Key key, GetKey(ctx, fpr, true));
  KR_ASSIGN_OR_RETURN(Data plain, Data::Borrow(Bytes(message)));
  KR_ASSIGN_OR_RETURN(Data sig, Data::NewPublic());
  gpgme_signers_clear(ctx);
  KR_RETURN_IF_ERROR(FromGpgError(gpgme_signers_add(ctx, key.get()),
                                       {.action = "choosing signing key " + fpr}));
  gpgme_set_armor(ctx, 1);
  const gpgme_error_t err = gpgme_op_sign(ctx, plain.get(), sig.get(), GPGME_SIG_MODE_DETACH);
  gpgme_signers_clear(ctx);
  KR_RETURN_IF_ERROR(FromGpgError(err, {.action = "signing with " + fpr}));
  KR_RETURN_IF_ERROR(CheckSignResult(ctx, fpr));
  return sig.TakePublicBytes();
}

Result<std::string> VerifyDetached(Context& ctx, std::string_view signature,
                                      std::string_view message,
                                      std::string_view expected_fingerprint) {
  KR_ASSIGN_OR_RETURN(Data sig, Data::Borrow(Bytes(signature)));
  KR_ASSIGN_OR_RETURN(Data plain, Data::Borrow(Bytes(message)));
  KR_RETURN_IF_ERROR(FromGpgError(gpgme_op_verify(ctx.raw(), sig.get(), plain.get(), nullptr),
                                       {.action = "verifying the OpenPGP signature"}));
  gpgme_verify_result_t result = gpgme_op_verify_result(ctx.raw());
  if (result == nullptr || result->signatures == nullptr || result->signatures->next != nullptr) {
    return Corrupt("the signature file must hold exactly one OpenPGP signature");
  }
  KR_RETURN_IF_ERROR(CheckOneSignature(result->signatures));
  KR_ASSIGN_OR_RETURN(const std::string signer, PrimaryOf(ctx.raw(), result->signatures));
  if (expected_fingerprint.empty()) return signer;
  KR_ASSIGN_OR_RETURN(const std::string want, NormalizeFingerprint(expected_fingerprint));
  if (signer != want) {
    return Mismatch("the OpenPGP signature is by " + FingerprintGroups(signer) + ", not by " +
                    FingerprintGroups(want));
  }
  return signer;
}

}  // namespace keyrite::pgp
