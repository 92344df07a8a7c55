#include "pgp/gpg_error.h"

#include <algorithm>
#include <iterator>
#include <mutex>
#include <string>

namespace keyrite::pgp {
namespace {

// The oldest gpgme with everything lib/pgp calls (gpgme_op_keylist_from_data_start).
constexpr const char* kMinGpgmeVersion = "1.14.0";

// Codes gpg reports for input that is damaged or not OpenPGP at all.
constexpr gpgme_err_code_t kCorruptCodes[] = {
    GPG_ERR_NO_DATA,   GPG_ERR_BAD_DATA,   GPG_ERR_INV_PACKET, GPG_ERR_DECRYPT_FAILED,
    GPG_ERR_CHECKSUM,  GPG_ERR_INV_ARMOR,  GPG_ERR_UNEXPECTED, GPG_ERR_INV_KEYRING,
    GPG_ERR_TRUNCATED, GPG_ERR_INV_LENGTH, GPG_ERR_INV_OBJ,    GPG_ERR_UNKNOWN_PACKET,
    GPG_ERR_BAD_KEY,   GPG_ERR_BAD_MPI,    GPG_ERR_INV_DATA,
};

bool IsCorruptCode(gpgme_err_code_t code) {
  return std::find(std::begin(kCorruptCodes), std::end(kCorruptCodes), code) !=
         std::end(kCorruptCodes);
}

bool IsUnsupportedCode(gpgme_err_code_t code) {
  return code == GPG_ERR_UNSUPPORTED_ALGORITHM || code == GPG_ERR_PUBKEY_ALGO ||
         code == GPG_ERR_CIPHER_ALGO || code == GPG_ERR_DIGEST_ALGO ||
         code == GPG_ERR_NOT_SUPPORTED || code == GPG_ERR_UNKNOWN_VERSION;
}

bool IsUnusableKeyCode(gpgme_err_code_t code) {
  return code == GPG_ERR_UNUSABLE_PUBKEY || code == GPG_ERR_KEY_EXPIRED ||
         code == GPG_ERR_CERT_REVOKED || code == GPG_ERR_WRONG_KEY_USAGE ||
         code == GPG_ERR_NO_PUBKEY;
}

std::string Prefix(const GpgFailure& what) { return what.action + ": "; }

Status NoSecretKey(const GpgFailure& what) {
  if (what.key_ids.empty()) {
    return NotFound(Prefix(what) + "no secret key for this message is in this keyring");
  }
  const bool several = what.key_ids.find(',') != std::string_view::npos;
  return NotFound("this shard is encrypted to " + std::string(several ? "keys " : "key ") +
                  what.key_ids + "; its secret key is not in this keyring");
}

}  // namespace

std::string GpgErrorText(gpgme_error_t err) {
  char buf[256] = {};
  gpgme_strerror_r(err, buf, sizeof buf);
  return buf;
}

Status FromGpgError(gpgme_error_t err, const GpgFailure& what) {
  const gpgme_err_code_t code = gpgme_err_code(err);
  if (code == GPG_ERR_NO_ERROR) return OkStatus();
  const std::string reason = " (" + GpgErrorText(err) + ")";
  if (code == GPG_ERR_CANCELED || code == GPG_ERR_FULLY_CANCELED) {
    return Cancelled(Prefix(what) + "cancelled at the passphrase prompt");
  }
  if (code == GPG_ERR_BAD_PASSPHRASE) {
    return Refused(Prefix(what) + "wrong passphrase for key " + what.key_ids);
  }
  if (code == GPG_ERR_NO_PASSPHRASE || code == GPG_ERR_NO_PIN_ENTRY) {
    return Refused(Prefix(what) + "no passphrase could be asked for; check pinentry" + reason);
  }
  if (code == GPG_ERR_NO_SECKEY) return NoSecretKey(what);
  if (IsCorruptCode(code)) return Corrupt(Prefix(what) + "damaged or not OpenPGP data" + reason);
  if (IsUnsupportedCode(code)) return Unsupported(Prefix(what) + "not supported" + reason);
  if (IsUnusableKeyCode(code)) return Refused(Prefix(what) + "gpg refused the key" + reason);
  return Internal(Prefix(what) + "gpg failed" + reason);
}

Status EnsureGpgme() {
  static std::once_flag once;
  static bool version_ok = false;
  std::call_once(once, [] { version_ok = gpgme_check_version(kMinGpgmeVersion) != nullptr; });
  if (!version_ok) {
    return Unsupported(std::string("gpgme ") + gpgme_check_version(nullptr) + " is too old; " +
                       kMinGpgmeVersion + " or newer is needed");
  }
  return FromGpgError(gpgme_engine_check_version(GPGME_PROTOCOL_OpenPGP),
                      {.action = "checking gpg (GnuPG 2.2 or newer is needed)"});
}

}  // namespace keyrite::pgp
