#include "pgp/recipients.h"

#include <gpgme.h>

#include "pgp/fingerprint.h"
#include "pgp/gpg_error.h"
#include "pgp/gpgme_data.h"
#include "pgp/key_facts.h"
#include "pgp/secure_sink.h"

namespace keyrite::pgp {
namespace {

// Sets a pinentry mode for one operation and restores the previous one.
class ScopedPinentryMode {
 public:
  ScopedPinentryMode(gpgme_ctx_t ctx, gpgme_pinentry_mode_t mode)
      : ctx_(ctx), saved_(gpgme_get_pinentry_mode(ctx)) {
    KR_CHECK(gpgme_set_pinentry_mode(ctx_, mode) == 0);
  }
  ~ScopedPinentryMode() { gpgme_set_pinentry_mode(ctx_, saved_); }
  ScopedPinentryMode(const ScopedPinentryMode&) = delete;
  ScopedPinentryMode& operator=(const ScopedPinentryMode&) = delete;

 private:
  gpgme_ctx_t ctx_;
  gpgme_pinentry_mode_t saved_;
};

}  // namespace

Result<std::vector<std::string>> ListRecipients(Context& ctx,
                                                std::span<const std::uint8_t> message) {
  KR_ASSIGN_OR_RETURN(Data in, Data::Borrow(message));
  KR_ASSIGN_OR_RETURN(Data out, NewDiscardingData());
  gpgme_error_t err = 0;
  {
    ScopedPinentryMode cancel(ctx.raw(), GPGME_PINENTRY_MODE_CANCEL);
    err = gpgme_op_decrypt(ctx.raw(), in.get(), out.get());
  }
  std::vector<std::string> ids = RecipientKeyIds(gpgme_op_decrypt_result(ctx.raw()));
  if (!ids.empty()) return ids;
  // No recipient listed: plain, signed or passphrase-encrypted data, or no OpenPGP at all.
  Status status = FromGpgError(err, {.action = "reading the message's recipients"});
  if (status.kind() == ErrorKind::kCorrupt || status.kind() == ErrorKind::kInternal) return status;
  return Corrupt("the message is not encrypted to any OpenPGP certificate");
}

std::string JoinKeyIds(const std::vector<std::string>& key_ids) {
  std::string out;
  for (const std::string& id : key_ids) {
    if (!out.empty()) out += ", ";
    out += DisplayKeyId(id);
  }
  return out;
}

}  // namespace keyrite::pgp
