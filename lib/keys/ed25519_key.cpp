#include "keys/ed25519_key.h"

#include <sodium.h>

#include <string>
#include <string_view>

namespace keyrite::keys {
namespace {

// The expanded key pair for `seed` (which must be 32 bytes): the 64-byte secret key in locked
// memory, the public key in `public_key`.
secmem::SecureBytes ExpandSeed(const secmem::SecureBytes& seed, Ed25519PublicKey& public_key) {
  KR_CHECK(sodium_init() >= 0);
  KR_CHECK(seed.size() == crypto_sign_SEEDBYTES);
  secmem::SecureBytes secret_key(crypto_sign_SECRETKEYBYTES);
  KR_CHECK(crypto_sign_seed_keypair(public_key.data(), secret_key.data(), seed.data()) == 0);
  return secret_key;
}

Status CheckSeedSize(const secmem::SecureBytes& seed) {
  if (seed.size() == kEd25519SeedBytes) return OkStatus();
  return InvalidInput("an ed25519 seed is 32 bytes, this one is " + std::to_string(seed.size()));
}

}  // namespace

static_assert(kEd25519SeedBytes == crypto_sign_SEEDBYTES);
static_assert(kEd25519PublicKeyBytes == crypto_sign_PUBLICKEYBYTES);

secmem::SecureBytes GenerateEd25519Seed(Rng& rng) {
  secmem::SecureBytes seed(kEd25519SeedBytes);
  rng.Fill(seed.span());
  return seed;
}

Result<Ed25519PublicKey> DeriveEd25519PublicKey(const secmem::SecureBytes& seed) {
  KR_RETURN_IF_ERROR(CheckSeedSize(seed));
  Ed25519PublicKey public_key;
  const secmem::SecureBytes secret_key = ExpandSeed(seed, public_key);
  return public_key;
}

Status SelfTestEd25519(const secmem::SecureBytes& seed, const Ed25519PublicKey& public_key) {
  KR_RETURN_IF_ERROR(CheckSeedSize(seed));
  constexpr std::string_view kMessage = "keyrite ed25519 self-check";
  const auto* message = reinterpret_cast<const unsigned char*>(kMessage.data());
  Ed25519PublicKey derived;
  const secmem::SecureBytes secret_key = ExpandSeed(seed, derived);
  std::array<unsigned char, crypto_sign_BYTES> signature;
  const bool ok = crypto_sign_detached(signature.data(), nullptr, message, kMessage.size(),
                                       secret_key.data()) == 0 &&
                  crypto_sign_verify_detached(signature.data(), message, kMessage.size(),
                                              public_key.data()) == 0;
  if (!ok) return Internal("ed25519 sign-then-verify self-check failed; key not released");
  return OkStatus();
}

}  // namespace keyrite::keys
