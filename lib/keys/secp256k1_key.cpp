#include "keys/secp256k1_key.h"

#include <secp256k1.h>

#include <utility>

#include "base/digest.h"

namespace keyrite::keys {
namespace {

Status SerializeInto(const secp256k1_context* ctx, const secp256k1_pubkey& key,
                     std::span<std::uint8_t> out, unsigned flags) {
  std::size_t size = out.size();
  if (secp256k1_ec_pubkey_serialize(ctx, out.data(), &size, &key, flags) != 1 ||
      size != out.size()) {
    return Internal("libsecp256k1 could not serialize a public key");
  }
  return OkStatus();
}

}  // namespace

Result<Secp256k1Context> Secp256k1Context::Create(Rng& rng) {
  Secp256k1Context holder(secp256k1_context_create(SECP256K1_CONTEXT_NONE));
  if (holder.ctx_ == nullptr) return Internal("libsecp256k1 could not create a context");
  // Blinding only: protects the signing and key generation code against side channels.
  secmem::Wiped<std::array<std::uint8_t, 32>> seed;
  rng.Fill(seed.value);
  if (secp256k1_context_randomize(holder.ctx_, seed.value.data()) != 1) {
    return Internal("libsecp256k1 could not randomize its context");
  }
  return holder;
}

Secp256k1Context::~Secp256k1Context() {
  if (ctx_ != nullptr) secp256k1_context_destroy(ctx_);
}

Secp256k1Context::Secp256k1Context(Secp256k1Context&& other) noexcept
    : ctx_(std::exchange(other.ctx_, nullptr)) {}

Secp256k1Context& Secp256k1Context::operator=(Secp256k1Context&& other) noexcept {
  if (this != &other) {
    if (ctx_ != nullptr) secp256k1_context_destroy(ctx_);
    ctx_ = std::exchange(other.ctx_, nullptr);
  }
  return *this;
}

secmem::SecureBytes GenerateSecp256k1Secret(const Secp256k1Context& ctx, Rng& rng) {
  secmem::SecureBytes secret(kSecp256k1SecretBytes);
  do {
    rng.Fill(secret.span());
  } while (secp256k1_ec_seckey_verify(ctx.get(), secret.data()) != 1);
  return secret;
}

Status CheckSecp256k1Secret(const Secp256k1Context& ctx, const secmem::SecureBytes& secret) {
  if (secret.size() != kSecp256k1SecretBytes) {
    return InvalidInput("a secp256k1 private key is 32 bytes, this one is " +
                        std::to_string(secret.size()));
  }
  if (secp256k1_ec_seckey_verify(ctx.get(), secret.data()) != 1) {
    return InvalidInput(
        "not a secp256k1 private key: it must be nonzero and below the "
        "group order n");
  }
  return OkStatus();
}

Result<Secp256k1PublicKey> DeriveSecp256k1PublicKey(const Secp256k1Context& ctx,
                                                    const secmem::SecureBytes& secret) {
  KR_RETURN_IF_ERROR(CheckSecp256k1Secret(ctx, secret));
  secp256k1_pubkey key;
  if (secp256k1_ec_pubkey_create(ctx.get(), &key, secret.data()) != 1) {
    return Internal("libsecp256k1 could not derive a public key");
  }
  Secp256k1PublicKey out;
  KR_RETURN_IF_ERROR(SerializeInto(ctx.get(), key, out.compressed, SECP256K1_EC_COMPRESSED));
  KR_RETURN_IF_ERROR(SerializeInto(ctx.get(), key, out.uncompressed, SECP256K1_EC_UNCOMPRESSED));
  return out;
}

Status SelfTestSecp256k1(const Secp256k1Context& ctx, const secmem::SecureBytes& secret,
                         const Secp256k1PublicKey& public_key) {
  KR_RETURN_IF_ERROR(CheckSecp256k1Secret(ctx, secret));
  const Sha256Digest message = Sha256(std::string_view("keyrite secp256k1 self-check"));
  secp256k1_ecdsa_signature signature;
  secp256k1_pubkey key;
  const bool ok = secp256k1_ecdsa_sign(ctx.get(), &signature, message.data(), secret.data(),
                                       nullptr, nullptr) == 1 &&
                  secp256k1_ec_pubkey_parse(ctx.get(), &key, public_key.uncompressed.data(),
                                            public_key.uncompressed.size()) == 1 &&
                  secp256k1_ecdsa_verify(ctx.get(), &signature, message.data(), &key) == 1;
  if (!ok) return Internal("secp256k1 sign-then-verify self-check failed; key not released");
  return OkStatus();
}

}  // namespace keyrite::keys
