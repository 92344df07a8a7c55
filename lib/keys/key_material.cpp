#include "keys/key_material.h"

#include <utility>

#include "base/hex.h"
#include "keys/bip39.h"
#include "keys/ed25519_key.h"
#include "keys/ethereum.h"
#include "keys/secp256k1_key.h"
#include "keys/tezos.h"

namespace keyrite::keys {
namespace {

// A KeyMaterial with the secret filled in and the public parts still empty.
KeyMaterial SecretOnly(KeyKind kind, secmem::SecureBytes secret) {
  KeyMaterial out;
  out.kind = kind;
  out.secret = std::move(secret);
  return out;
}

Result<KeyMaterial> Secp256k1Material(const Secp256k1Context& ctx, secmem::SecureBytes secret) {
  KR_ASSIGN_OR_RETURN(const Secp256k1PublicKey public_key, DeriveSecp256k1PublicKey(ctx, secret));
  KR_RETURN_IF_ERROR(SelfTestSecp256k1(ctx, secret, public_key));
  KeyMaterial out = SecretOnly(KeyKind::kSecp256k1, std::move(secret));
  out.public_key_hex = ToHex(public_key.compressed);
  out.address = Eip55Text(EthereumAddressOf(public_key.uncompressed));
  out.tezos_address = Tz2Address(public_key.compressed);
  out.tezos_public_key = SppkText(public_key.compressed);
  return out;
}

Result<KeyMaterial> Ed25519Material(secmem::SecureBytes seed) {
  KR_ASSIGN_OR_RETURN(const Ed25519PublicKey public_key, DeriveEd25519PublicKey(seed));
  KR_RETURN_IF_ERROR(SelfTestEd25519(seed, public_key));
  KeyMaterial out = SecretOnly(KeyKind::kEd25519, std::move(seed));
  out.public_key_hex = ToHex(public_key);
  out.tezos_address = Tz1Address(public_key);
  out.tezos_public_key = EdpkText(public_key);
  return out;
}

// Random secrets and passwords have no public part; only their size is checked.
Result<KeyMaterial> OpaqueMaterial(KeyKind kind, secmem::SecureBytes secret) {
  const std::size_t limit = kind == KeyKind::kRandom ? kMaxRandomBytes : kMaxPasswordLength;
  if (secret.empty() || secret.size() > limit) {
    return InvalidInput(std::string(KeyKindName(kind)) + " secret must be 1.." +
                        std::to_string(limit) + " bytes, this one is " +
                        std::to_string(secret.size()));
  }
  return SecretOnly(kind, std::move(secret));
}

Result<KeyMaterial> GenerateSecp256k1(Rng& rng) {
  KR_ASSIGN_OR_RETURN(const Secp256k1Context ctx, Secp256k1Context::Create(rng));
  return Secp256k1Material(ctx, GenerateSecp256k1Secret(ctx, rng));
}

}  // namespace

Result<KeyMaterial> GenerateKey(KeyKind kind, const KeyOptions& options, Rng& rng) {
  switch (kind) {
    case KeyKind::kSecp256k1:
      return GenerateSecp256k1(rng);
    case KeyKind::kEd25519:
      return Ed25519Material(GenerateEd25519Seed(rng));
    case KeyKind::kRandom: {
      KR_ASSIGN_OR_RETURN(secmem::SecureBytes secret,
                          GenerateRandomSecret(options.random_bytes, rng));
      return SecretOnly(kind, std::move(secret));
    }
    case KeyKind::kPassword: {
      KR_ASSIGN_OR_RETURN(secmem::SecureBytes secret,
                          GeneratePassword(options.password_length, rng));
      return SecretOnly(kind, std::move(secret));
    }
    case KeyKind::kBip39: {
      KR_ASSIGN_OR_RETURN(secmem::SecureBytes words, GenerateMnemonic(options.mnemonic_words, rng));
      return SecretOnly(kind, std::move(words));
    }
  }
  KR_CHECK(false && "unknown KeyKind");
  return Internal("unreachable");
}

Result<KeyMaterial> DescribeKey(KeyKind kind, secmem::SecureBytes secret, Rng& blinding_rng) {
  switch (kind) {
    case KeyKind::kSecp256k1: {
      KR_ASSIGN_OR_RETURN(const Secp256k1Context ctx, Secp256k1Context::Create(blinding_rng));
      return Secp256k1Material(ctx, std::move(secret));
    }
    case KeyKind::kEd25519:
      return Ed25519Material(std::move(secret));
    case KeyKind::kRandom:
    case KeyKind::kPassword:
      return OpaqueMaterial(kind, std::move(secret));
    case KeyKind::kBip39: {
      // Checked (words, checksum) and stored in one canonical form, so a re-derivation matches.
      KR_ASSIGN_OR_RETURN(secmem::SecureBytes words, CanonicalMnemonic(secret));
      return SecretOnly(kind, std::move(words));
    }
  }
  KR_CHECK(false && "unknown KeyKind");
  return Internal("unreachable");
}

Result<KeyMaterial> DescribeKey(KeyKind kind, secmem::SecureBytes secret) {
  return DescribeKey(kind, std::move(secret), SystemRng());
}

}  // namespace keyrite::keys
