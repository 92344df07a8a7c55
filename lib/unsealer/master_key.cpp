#include "unsealer/master_key.h"

#include <sodium.h>

#include "base/check.h"
#include "base/hex.h"

namespace keyrite::unsealer {
namespace {

std::string_view PurposeLabel(KeyPurpose purpose) {
  switch (purpose) {
    case KeyPurpose::kCheckValue: return "keyrite unsealer v1 check value";
    case KeyPurpose::kKeystore: return "keyrite unsealer v1 keystore";
    case KeyPurpose::kSigningSeal: return "keyrite unsealer v1 signing key seal";
    case KeyPurpose::kSnapshot: return "keyrite unsealer v1 snapshot";
  }
  KR_CHECK(false);
  return {};
}

}  // namespace

secmem::SecureBytes GenerateMasterKey(Rng& rng) {
  secmem::SecureBytes master(kMasterKeyBytes);
  rng.Fill(master.span());
  return master;
}

secmem::SecureBytes DeriveKey(const secmem::SecureBytes& master, KeyPurpose purpose,
                              std::string_view unsealer_id) {
  KR_CHECK(master.size() == kMasterKeyBytes);
  const std::string label = std::string(PurposeLabel(purpose)) + '\0' + std::string(unsealer_id);
  secmem::SecureBytes key(kDerivedKeyBytes);
  crypto_generichash(key.data(), key.size(), reinterpret_cast<const unsigned char*>(label.data()),
                     label.size(), master.data(), master.size());
  return key;
}

std::string MasterCheckValue(const secmem::SecureBytes& master, std::string_view unsealer_id) {
  const secmem::SecureBytes check = DeriveKey(master, KeyPurpose::kCheckValue, unsealer_id);
  return ToHex(check.span());
}

Status CheckMasterKey(const secmem::SecureBytes& master, std::string_view unsealer_id,
                      std::string_view expected) {
  const std::string actual = MasterCheckValue(master, unsealer_id);
  const bool same = actual.size() == expected.size() &&
                    sodium_memcmp(actual.data(), expected.data(), actual.size()) == 0;
  if (!same) {
    return Mismatch("the shares recombine to a key that is not this unsealer's master key "
                    "(check value differs)");
  }
  return OkStatus();
}

}  // namespace keyrite::unsealer
