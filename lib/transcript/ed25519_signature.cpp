#include "transcript/ed25519_signature.h"

#include <sodium.h>

#include <array>

#include "base/hex.h"

namespace keyrite::transcript {

Status CheckSigningKey(const secmem::SecureBytes& secret_key, std::string_view public_hex) {
  if (secret_key.size() != crypto_sign_SECRETKEYBYTES) {
    return InvalidArgument("the transcript signing key must be a 64-byte Ed25519 secret key");
  }
  std::array<std::uint8_t, crypto_sign_PUBLICKEYBYTES> derived{};
  crypto_sign_ed25519_sk_to_pk(derived.data(), secret_key.data());
  if (ToHex(derived) != public_hex) {
    return InvalidArgument("the transcript signing key is not the key of public key " +
                           std::string(public_hex));
  }
  return OkStatus();
}

std::string SignEd25519(const secmem::SecureBytes& secret_key, std::string_view message) {
  KR_CHECK(secret_key.size() == crypto_sign_SECRETKEYBYTES);
  std::array<std::uint8_t, crypto_sign_BYTES> signature{};
  crypto_sign_detached(signature.data(), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       secret_key.data());
  return ToHex(signature);
}

bool VerifyEd25519(std::string_view public_hex, std::string_view message,
                   std::string_view signature_hex) {
  const Result<std::vector<std::uint8_t>> pub = FromHex(public_hex);
  const Result<std::vector<std::uint8_t>> sig = FromHex(signature_hex);
  if (!pub.ok() || !sig.ok() || pub->size() != crypto_sign_PUBLICKEYBYTES ||
      sig->size() != crypto_sign_BYTES) {
    return false;
  }
  return crypto_sign_verify_detached(sig->data(),
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), pub->data()) == 0;
}

}  // namespace keyrite::transcript
