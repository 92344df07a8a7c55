#include "pgp/certificate_import.h"

#include <fstream>
#include <iterator>

#include "pgp/fingerprint.h"
#include "pgp/gpg_error.h"
#include "pgp/gpgme_data.h"
#include "pgp/gpgme_key.h"
#include "pgp/key_facts.h"

namespace keyrite::pgp {
namespace {

// Far above any real certificate (even one with thousands of signatures), far below memory.
constexpr std::size_t kMaxCertificateBytes = 16 * 1024 * 1024;

Result<std::vector<std::uint8_t>> ReadPublicFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot open certificate file " + path);
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
  if (in.bad()) return IoError("cannot read certificate file " + path);
  if (bytes.size() > kMaxCertificateBytes) {
    return InvalidInput(path + " is larger than 16 MiB; it is not a single certificate");
  }
  return bytes;
}

struct KeysInData {
  std::vector<std::string> fingerprints;
  bool has_secret = false;
};

// Lists the keys in `data` without importing them (gpg --import-options show-only).
Result<KeysInData> ListKeysInData(Context& ctx, Data& data, std::string_view origin) {
  const GpgFailure failure{.action = "reading " + std::string(origin)};
  KR_RETURN_IF_ERROR(
      FromGpgError(gpgme_op_keylist_from_data_start(ctx.raw(), data.get(), 0), failure));
  KeysInData keys;
  for (;;) {
    gpgme_key_t raw = nullptr;
    const gpgme_error_t err = gpgme_op_keylist_next(ctx.raw(), &raw);
    if (gpgme_err_code(err) == GPG_ERR_EOF) break;
    KR_RETURN_IF_ERROR(FromGpgError(err, failure));
    Key key(raw);
    keys.has_secret = keys.has_secret || key.get()->secret != 0;
    keys.fingerprints.push_back(key.get()->fpr == nullptr ? "" : key.get()->fpr);
  }
  gpgme_op_keylist_end(ctx.raw());
  return keys;
}

Status CheckSingleCertificate(const KeysInData& keys, std::string_view origin) {
  const std::string name(origin);
  if (keys.has_secret) {
    return Refused(name + " holds a secret key; export only the public certificate " +
                   "(gpg --armor --export FINGERPRINT)");
  }
  if (keys.fingerprints.empty()) {
    return InvalidInput(name + " holds no usable OpenPGP certificate (PGP 2 v3 keys are not " +
                        "supported)");
  }
  if (keys.fingerprints.size() > 1) {
    return InvalidInput(name + " holds " + std::to_string(keys.fingerprints.size()) +
                        " certificates; give each custodian's certificate in its own file");
  }
  return OkStatus();
}

Status ImportData(Context& ctx, Data& data, std::string_view origin) {
  const std::string action = "importing " + std::string(origin);
  KR_RETURN_IF_ERROR(FromGpgError(gpgme_op_import(ctx.raw(), data.get()), {.action = action}));
  gpgme_import_result_t result = gpgme_op_import_result(ctx.raw());
  if (result == nullptr || result->imports == nullptr) {
    return InvalidInput(std::string(origin) + ": gpg imported no certificate from it");
  }
  return FromGpgError(result->imports->result, {.action = action});
}

Result<Certificate> LookUp(Context& ctx, const std::string& fingerprint, std::string origin) {
  gpgme_key_t raw = nullptr;
  const gpgme_error_t err = gpgme_get_key(ctx.raw(), fingerprint.c_str(), &raw, 0);
  if (gpgme_err_code(err) == GPG_ERR_EOF || (err == 0 && raw == nullptr)) {
    return NotFound("certificate " + fingerprint + " is not in the keyring");
  }
  KR_RETURN_IF_ERROR(FromGpgError(err, {.action = "looking up certificate " + fingerprint}));
  Key key(raw);
  return CertificateFromKey(key.get(), std::move(origin));
}

}  // namespace

Result<Certificate> ImportCertificate(Context& ctx, std::span<const std::uint8_t> bytes,
                                      std::string_view origin) {
  KR_ASSIGN_OR_RETURN(Data data, Data::Borrow(bytes));
  KR_ASSIGN_OR_RETURN(KeysInData keys, ListKeysInData(ctx, data, origin));
  KR_RETURN_IF_ERROR(CheckSingleCertificate(keys, origin));
  KR_RETURN_IF_ERROR(data.Rewind());
  KR_RETURN_IF_ERROR(ImportData(ctx, data, origin));
  KR_ASSIGN_OR_RETURN(std::string fingerprint, NormalizeFingerprint(keys.fingerprints.front()));
  return LookUp(ctx, fingerprint, std::string(origin));
}

Result<Certificate> ImportCertificateFile(Context& ctx, const std::string& path) {
  KR_ASSIGN_OR_RETURN(std::vector<std::uint8_t> bytes, ReadPublicFile(path));
  return ImportCertificate(ctx, bytes, path);
}

Result<std::vector<Certificate>> ImportCertificates(Context& ctx,
                                                    std::span<const std::string> paths) {
  std::vector<Certificate> certs;
  for (const std::string& path : paths) {
    KR_ASSIGN_OR_RETURN(Certificate cert, ImportCertificateFile(ctx, path));
    for (const Certificate& earlier : certs) {
      if (earlier.fingerprint == cert.fingerprint) {
        return Mismatch(path + " holds the same certificate as " + earlier.origin + " (" +
                        cert.fingerprint + "); each custodian needs their own");
      }
    }
    certs.push_back(std::move(cert));
  }
  return certs;
}

Result<Certificate> FindCertificate(Context& ctx, std::string_view fingerprint) {
  KR_ASSIGN_OR_RETURN(std::string canonical, NormalizeFingerprint(fingerprint));
  return LookUp(ctx, canonical, "keyring " + (ctx.home().empty() ? "(default)" : ctx.home()));
}

}  // namespace keyrite::pgp
