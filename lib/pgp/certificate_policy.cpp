#include "pgp/certificate_policy.h"

#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "pgp/fingerprint.h"

namespace keyrite::pgp {
namespace {

constexpr std::size_t kV4FingerprintDigits = 40;
constexpr unsigned int kMinRsaBits = 2048;

std::string Day(std::int64_t unix_seconds) { return FormatUtc(unix_seconds).substr(0, 10); }

Status Refuse(const Certificate& cert, const std::string& reason) {
  return Refused("certificate " + cert.fingerprint + ": " + reason);
}

bool ExpiredAt(const KeyPart& part, std::int64_t now) {
  return part.expired || (part.expires != 0 && part.expires <= now);
}

bool UsableAt(const KeyPart& part, std::int64_t now) {
  return !part.revoked && !part.disabled && !part.invalid && !ExpiredAt(part, now);
}

// Why `part`'s algorithm is refused, or nothing when it is acceptable.
std::optional<std::string> WeakAlgorithm(const KeyPart& part) {
  switch (part.family) {
    case KeyFamily::kDsa:
      return "DSA, a legacy algorithm";
    case KeyFamily::kElgamal:
      return "ElGamal, a legacy algorithm";
    case KeyFamily::kOther:
      return "an unknown algorithm (" + part.algorithm + ")";
    case KeyFamily::kRsa:
      if (part.bits < kMinRsaBits) {
        return "RSA-" + std::to_string(part.bits) + ", below the 2048-bit minimum";
      }
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

Status CheckPrimary(const Certificate& cert, std::int64_t now) {
  const KeyPart& primary = cert.primary;
  if (cert.fingerprint.size() != kV4FingerprintDigits) {
    return Refuse(cert, "it is not an OpenPGP v4 key (PGP 2 v3 keys are refused)");
  }
  if (primary.revoked) return Refuse(cert, "it has been revoked; ask for a current certificate");
  if (primary.disabled) return Refuse(cert, "it is disabled in this keyring");
  if (primary.invalid) return Refuse(cert, "gpg finds it invalid (a broken self-signature)");
  if (ExpiredAt(primary, now)) {
    return Refuse(cert, "it expired on " + Day(primary.expires) +
                            "; the custodian can extend it (gpg --quick-set-expire) and export it");
  }
  if (auto weak = WeakAlgorithm(primary)) return Refuse(cert, "its primary key uses " + *weak);
  return OkStatus();
}

std::vector<const KeyPart*> EncryptionKeys(const Certificate& cert) {
  std::vector<const KeyPart*> keys;
  if (cert.primary.can_encrypt) keys.push_back(&cert.primary);
  for (const KeyPart& sub : cert.subkeys) {
    if (sub.can_encrypt) keys.push_back(&sub);
  }
  return keys;
}

std::string WhyUnusable(const KeyPart& part, std::int64_t now) {
  if (part.revoked) return "was revoked";
  if (ExpiredAt(part, now)) return "expired on " + Day(part.expires);
  return part.disabled ? "is disabled" : "is invalid";
}

Status CheckHasUsableEncryptionKey(const Certificate& cert, std::int64_t now) {
  const std::vector<const KeyPart*> keys = EncryptionKeys(cert);
  if (keys.empty()) {
    return Refuse(cert, "it can only sign (no encryption subkey); the custodian can add one " +
                            std::string("(gpg --quick-add-key FINGERPRINT cv25519 encr)"));
  }
  if (keys.size() == 1 && !UsableAt(*keys[0], now)) {
    return Refuse(cert, "its only encryption subkey " + WhyUnusable(*keys[0], now));
  }
  const std::optional<KeyPart>& chosen = cert.encryption_key;
  if (!chosen.has_value() || !UsableAt(*chosen, now)) {
    return Refuse(cert, "none of its " + std::to_string(keys.size()) +
                            " encryption subkeys is usable (expired, revoked or invalid)");
  }
  return OkStatus();
}

// Every key that could still be used must be strong, not only the one chosen today.
Status CheckSubkeyAlgorithms(const Certificate& cert, std::int64_t now) {
  for (const KeyPart& sub : cert.subkeys) {
    if (!UsableAt(sub, now)) continue;
    if (auto weak = WeakAlgorithm(sub)) {
      const char* role = sub.can_encrypt ? "encryption" : "signing";
      return Refuse(cert, std::string("its ") + role + " subkey " + DisplayKeyId(sub.key_id) +
                              " uses " + *weak);
    }
  }
  return OkStatus();
}

}  // namespace

Status CheckCertificate(const Certificate& cert, std::int64_t now) {
  KR_RETURN_IF_ERROR(CheckPrimary(cert, now));
  KR_RETURN_IF_ERROR(CheckHasUsableEncryptionKey(cert, now));
  return CheckSubkeyAlgorithms(cert, now);
}

Status CheckExpectedFingerprint(const Certificate& cert, std::string_view expected) {
  KR_ASSIGN_OR_RETURN(std::string want, NormalizeFingerprint(expected));
  if (want == cert.fingerprint) return OkStatus();
  return Mismatch("certificate " + cert.origin + " has fingerprint " +
                  FingerprintGroups(cert.fingerprint) + ", not the expected " +
                  FingerprintGroups(want));
}

}  // namespace keyrite::pgp
