#include "pgp/key_facts.h"

#include <cctype>

#include "base/check.h"

namespace keyrite::pgp {
namespace {

std::string Upper(const char* text) {
  std::string out = text == nullptr ? "" : text;
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

struct FamilyOfAlgo {
  gpgme_pubkey_algo_t algo;
  KeyFamily family;
};
constexpr FamilyOfAlgo kFamilies[] = {
    {GPGME_PK_RSA, KeyFamily::kRsa},     {GPGME_PK_RSA_E, KeyFamily::kRsa},
    {GPGME_PK_RSA_S, KeyFamily::kRsa},   {GPGME_PK_DSA, KeyFamily::kDsa},
    {GPGME_PK_ELG, KeyFamily::kElgamal}, {GPGME_PK_ELG_E, KeyFamily::kElgamal},
    {GPGME_PK_ECC, KeyFamily::kEcdh},    {GPGME_PK_ECDH, KeyFamily::kEcdh},
    {GPGME_PK_ECDSA, KeyFamily::kEcdsa}, {GPGME_PK_EDDSA, KeyFamily::kEddsa},
};

KeyFamily FamilyOf(gpgme_pubkey_algo_t algo) {
  for (const FamilyOfAlgo& entry : kFamilies) {
    if (entry.algo == algo) return entry.family;
  }
  return KeyFamily::kOther;
}

std::string AlgorithmName(gpgme_subkey_t subkey) {
  char* name = gpgme_pubkey_algo_string(subkey);
  std::string out = name == nullptr ? "unknown" : name;
  gpgme_free(name);
  return out;
}

KeyPart PartFrom(gpgme_subkey_t s) {
  KeyPart part;
  part.fingerprint = Upper(s->fpr);
  part.key_id = Upper(s->keyid);
  part.algorithm = AlgorithmName(s);
  part.family = FamilyOf(s->pubkey_algo);
  part.bits = s->length;
  part.created = s->timestamp;
  part.expires = s->expires;
  part.revoked = s->revoked != 0;
  part.disabled = s->disabled != 0;
  part.invalid = s->invalid != 0;
  part.expired = s->expired != 0;
  part.can_encrypt = s->can_encrypt != 0;
  part.can_sign = s->can_sign != 0;
  part.can_certify = s->can_certify != 0;
  return part;
}

std::string PrimaryUserId(gpgme_user_id_t uids) {
  for (gpgme_user_id_t uid = uids; uid != nullptr; uid = uid->next) {
    if (!uid->revoked && !uid->invalid && uid->uid != nullptr) return uid->uid;
  }
  return (uids != nullptr && uids->uid != nullptr) ? uids->uid : "";
}

bool UsableForEncryption(const KeyPart& part) {
  return part.can_encrypt && !part.revoked && !part.expired && !part.disabled && !part.invalid;
}

// As gpg chooses: the newest usable encryption subkey, else the primary key if it can encrypt;
// nothing when the primary key itself is revoked, expired, disabled or invalid.
std::optional<KeyPart> ChooseEncryptionKey(const Certificate& cert) {
  const KeyPart& primary = cert.primary;
  if (primary.revoked || primary.expired || primary.disabled || primary.invalid) return {};
  const KeyPart* best = nullptr;
  for (const KeyPart& sub : cert.subkeys) {
    if (UsableForEncryption(sub) && (best == nullptr || sub.created > best->created)) best = &sub;
  }
  if (best == nullptr && UsableForEncryption(cert.primary)) best = &cert.primary;
  return best == nullptr ? std::nullopt : std::optional<KeyPart>(*best);
}

}  // namespace

Certificate CertificateFromKey(gpgme_key_t key, std::string origin) {
  KR_CHECK(key != nullptr && key->subkeys != nullptr);
  Certificate cert;
  cert.primary = PartFrom(key->subkeys);
  // Revocation, disabling and expiry of the primary key apply to the whole certificate.
  cert.primary.revoked = cert.primary.revoked || key->revoked != 0;
  cert.primary.disabled = cert.primary.disabled || key->disabled != 0;
  cert.primary.invalid = cert.primary.invalid || key->invalid != 0;
  cert.primary.expired = cert.primary.expired || key->expired != 0;
  for (gpgme_subkey_t s = key->subkeys->next; s != nullptr; s = s->next) {
    cert.subkeys.push_back(PartFrom(s));
  }
  cert.fingerprint = cert.primary.fingerprint;
  cert.user_id = PrimaryUserId(key->uids);
  cert.origin = std::move(origin);
  cert.encryption_key = ChooseEncryptionKey(cert);
  return cert;
}

std::vector<std::string> RecipientKeyIds(gpgme_decrypt_result_t result) {
  std::vector<std::string> ids;
  if (result == nullptr) return ids;
  for (gpgme_recipient_t r = result->recipients; r != nullptr; r = r->next) {
    ids.push_back(Upper(r->keyid));
  }
  return ids;
}

}  // namespace keyrite::pgp
