#include "pgp/throwaway_identity.h"

#include <gpgme.h>

#include "pgp/context.h"
#include "pgp/gpg_error.h"
#include "pgp/gpgme_data.h"
#include "pgp/gpgme_key.h"

namespace keyrite::pgp {
namespace {

constexpr unsigned kNoPassphraseNoExpiry = GPGME_CREATE_NOPASSWD | GPGME_CREATE_NOEXPIRE;

bool IsPlainName(const std::string& name) {
  if (name.empty() || name.size() > 32) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

// The fingerprint of the secret key whose user id is exactly `user_id`, or empty.
Result<std::string> FindSecretKey(Context& ctx, const std::string& user_id) {
  KR_RETURN_IF_ERROR(FromGpgError(gpgme_op_keylist_start(ctx.raw(), ("=" + user_id).c_str(), 1),
                                  {"listing the rehearsal keyring"}));
  std::string found;
  for (;;) {
    gpgme_key_t raw = nullptr;
    const gpgme_error_t err = gpgme_op_keylist_next(ctx.raw(), &raw);
    if (gpgme_err_code(err) == GPG_ERR_EOF) break;
    KR_RETURN_IF_ERROR(FromGpgError(err, {"listing the rehearsal keyring"}));
    Key key(raw);
    if (found.empty() && raw->fpr != nullptr) found = raw->fpr;
  }
  return found;
}

Result<std::string> Export(Context& ctx, const std::string& fingerprint) {
  KR_ASSIGN_OR_RETURN(Data out, Data::NewPublic());
  gpgme_set_armor(ctx.raw(), 1);
  KR_RETURN_IF_ERROR(FromGpgError(gpgme_op_export(ctx.raw(), fingerprint.c_str(), 0, out.get()),
                                  {"exporting a rehearsal certificate"}));
  std::string armored = out.TakePublicBytes();
  if (armored.empty()) return Status(ErrorKind::kInternal, "gpg exported an empty certificate");
  return armored;
}

}  // namespace

Result<ThrowawayIdentity> MakeThrowawayIdentity(const std::string& home, const std::string& name) {
  if (!IsPlainName(name)) {
    return Status(ErrorKind::kInvalidArgument,
                  "a rehearsal identity's name must be 1-32 of [a-z0-9-], not '" + name + "'");
  }
  KR_RETURN_IF_ERROR(EnsureGpgme());
  KR_ASSIGN_OR_RETURN(Context ctx, Context::Create(home));
  const std::string user_id = name + " (rehearsal) <" + name + "@rehearsal.invalid>";
  KR_ASSIGN_OR_RETURN(std::string fingerprint, FindSecretKey(ctx, user_id));
  if (fingerprint.empty()) {
    const GpgFailure making{"making the rehearsal identity " + name};
    KR_RETURN_IF_ERROR(FromGpgError(
        gpgme_op_createkey(ctx.raw(), user_id.c_str(), "ed25519", 0, 0, nullptr,
                           GPGME_CREATE_SIGN | GPGME_CREATE_CERT | kNoPassphraseNoExpiry),
        making));
    gpgme_genkey_result_t made = gpgme_op_genkey_result(ctx.raw());
    if (made == nullptr || made->fpr == nullptr) {
      return Status(ErrorKind::kInternal, "gpg made no key for the rehearsal identity " + name);
    }
    fingerprint = made->fpr;
    gpgme_key_t raw = nullptr;
    KR_RETURN_IF_ERROR(
        FromGpgError(gpgme_get_key(ctx.raw(), fingerprint.c_str(), &raw, 1), making));
    Key key(raw);
    KR_RETURN_IF_ERROR(
        FromGpgError(gpgme_op_createsubkey(ctx.raw(), raw, "cv25519", 0, 0,
                                           GPGME_CREATE_ENCR | kNoPassphraseNoExpiry),
                     making));
  }
  KR_ASSIGN_OR_RETURN(std::string certificate, Export(ctx, fingerprint));
  return ThrowawayIdentity{fingerprint, std::move(certificate)};
}

}  // namespace keyrite::pgp
