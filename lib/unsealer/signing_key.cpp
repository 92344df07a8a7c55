#include "unsealer/signing_key.h"

#include <sodium.h>

#include "base/check.h"
#include "base/hex.h"
#include "unsealer/master_key.h"
#include "unsealer/sealing.h"

namespace keyrite::unsealer {
namespace {

std::string SealContext(std::string_view unsealer_id, std::string_view public_hex) {
  return std::string("keyrite unsealer v1 signing key") + '\0' + std::string(unsealer_id) + '\0' +
         std::string(public_hex);
}

SigningKey FromSeed(const secmem::SecureBytes& seed) {
  SigningKey key{secmem::SecureBytes(crypto_sign_SECRETKEYBYTES), {}};
  std::uint8_t pub[crypto_sign_PUBLICKEYBYTES];
  crypto_sign_seed_keypair(pub, key.secret.data(), seed.data());
  key.public_hex = ToHex(pub);
  return key;
}

}  // namespace

SigningKey GenerateSigningKey(Rng& rng) {
  secmem::SecureBytes seed(crypto_sign_SEEDBYTES);
  rng.Fill(seed.span());
  return FromSeed(seed);
}

std::vector<std::uint8_t> SealSigningKey(const secmem::SecureBytes& master,
                                         std::string_view unsealer_id, const SigningKey& key,
                                         Rng& rng) {
  const secmem::SecureBytes seal_key = DeriveKey(master, KeyPurpose::kSigningSeal, unsealer_id);
  // libsodium's secret key starts with the 32-byte seed.
  return Seal(seal_key, key.secret.span().first(crypto_sign_SEEDBYTES),
              SealContext(unsealer_id, key.public_hex), rng);
}

Result<SigningKey> OpenSigningKey(const secmem::SecureBytes& master, std::string_view unsealer_id,
                                  std::span<const std::uint8_t> sealed,
                                  std::string_view public_hex) {
  const secmem::SecureBytes seal_key = DeriveKey(master, KeyPurpose::kSigningSeal, unsealer_id);
  KR_ASSIGN_OR_RETURN(const secmem::SecureBytes seed,
                      Open(seal_key, sealed, SealContext(unsealer_id, public_hex),
                           "the unsealer's signing key"));
  if (seed.size() != crypto_sign_SEEDBYTES) {
    return Corrupt("the unsealer's signing key: sealed value has the wrong size");
  }
  SigningKey key = FromSeed(seed);
  if (key.public_hex != public_hex) {
    return Corrupt("the unsealer's signing key does not match its recorded public key");
  }
  return key;
}

std::string SignMessage(const SigningKey& key, std::string_view message) {
  std::uint8_t sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), key.secret.data());
  return ToHex(sig);
}

Status VerifySignature(std::string_view public_hex, std::string_view message,
                       std::string_view signature_hex, std::string_view what) {
  const Result<std::vector<std::uint8_t>> pub = FromHex(public_hex);
  const Result<std::vector<std::uint8_t>> sig = FromHex(signature_hex);
  const bool shaped = pub.ok() && sig.ok() && pub->size() == crypto_sign_PUBLICKEYBYTES &&
                      sig->size() == crypto_sign_BYTES;
  if (!shaped ||
      crypto_sign_verify_detached(sig->data(), reinterpret_cast<const unsigned char*>(message.data()),
                                  message.size(), pub->data()) != 0) {
    return Corrupt(std::string(what) + ": signature does not verify against the unsealer's "
                   "public key (changed since it was signed)");
  }
  return OkStatus();
}

}  // namespace keyrite::unsealer
