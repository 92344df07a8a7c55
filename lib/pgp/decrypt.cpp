#include "pgp/decrypt.h"

#include <gpgme.h>

#include "pgp/gpg_error.h"
#include "pgp/gpgme_data.h"
#include "pgp/key_facts.h"
#include "pgp/recipients.h"
#include "pgp/secure_sink.h"

namespace keyrite::pgp {
namespace {

Status CheckResult(gpgme_decrypt_result_t result, const std::vector<std::string>& ids) {
  if (result != nullptr && result->unsupported_algorithm != nullptr) {
    return Unsupported(std::string("the shard uses an unsupported algorithm (") +
                       result->unsupported_algorithm + ")");
  }
  if (ids.empty()) {
    return Corrupt("the shard is not encrypted to any OpenPGP certificate");
  }
  return OkStatus();
}

}  // namespace

Result<DecryptedShard> Decrypt(Context& ctx, std::span<const std::uint8_t> message,
                               const DecryptOptions& options) {
  KR_ASSIGN_OR_RETURN(Data in, Data::Borrow(message));
  SecureSink sink(options.max_plaintext);
  KR_ASSIGN_OR_RETURN(Data out, sink.NewData());
  const gpgme_error_t err = gpgme_op_decrypt(ctx.raw(), in.get(), out.get());
  gpgme_decrypt_result_t result = gpgme_op_decrypt_result(ctx.raw());
  std::vector<std::string> ids = RecipientKeyIds(result);
  if (sink.overflowed()) {
    return InvalidInput("the decrypted shard is larger than any share (over " +
                        std::to_string(options.max_plaintext) + " bytes)");
  }
  KR_RETURN_IF_ERROR(FromGpgError(err, {.action = "decrypting", .key_ids = JoinKeyIds(ids)}));
  KR_RETURN_IF_ERROR(CheckResult(result, ids));
  return DecryptedShard{sink.Take(), std::move(ids)};
}

}  // namespace keyrite::pgp
