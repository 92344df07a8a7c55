#include "keys/hd_derive.h"

#include <string>

#include "keys/bip32.h"
#include "keys/bip39.h"
#include "keys/derivation_path.h"
#include "keys/slip10.h"

namespace keyrite::keys {
namespace {

Result<secmem::SecureBytes> DerivedSecret(KeyKind kind, const secmem::SecureBytes& seed,
                                          const DerivationPath& path, Rng& blinding_rng) {
  if (kind == KeyKind::kSecp256k1) {
    KR_ASSIGN_OR_RETURN(const Secp256k1Context ctx, Secp256k1Context::Create(blinding_rng));
    KR_ASSIGN_OR_RETURN(HdKey node, Bip32DerivePath(ctx, seed, path));
    return std::move(node.key);
  }
  KR_ASSIGN_OR_RETURN(HdKey node, Slip10Ed25519DerivePath(seed, path));
  return std::move(node.key);
}

}  // namespace

std::string_view DefaultDerivationPath(KeyKind kind) {
  switch (kind) {
    case KeyKind::kSecp256k1:
      return kDefaultEthereumPath;
    case KeyKind::kEd25519:
      return kDefaultTezosPath;
    case KeyKind::kRandom:
    case KeyKind::kPassword:
    case KeyKind::kBip39:
      break;
  }
  return {};
}

Result<KeyMaterial> DeriveKeyFromSeed(KeyKind kind, const secmem::SecureBytes& seed,
                                      std::string_view path, Rng& blinding_rng) {
  if (kind != KeyKind::kSecp256k1 && kind != KeyKind::kEd25519) {
    return InvalidArgument("only secp256k1 and ed25519 keys can be derived from a seed, not " +
                           std::string(KeyKindName(kind)));
  }
  KR_ASSIGN_OR_RETURN(const DerivationPath steps, ParseDerivationPath(path));
  KR_ASSIGN_OR_RETURN(secmem::SecureBytes secret, DerivedSecret(kind, seed, steps, blinding_rng));
  return DescribeKey(kind, std::move(secret), blinding_rng);
}

Result<KeyMaterial> DeriveKeyFromMnemonic(KeyKind kind, const secmem::SecureBytes& mnemonic,
                                          const secmem::SecureBytes& passphrase,
                                          std::string_view path, Rng& blinding_rng) {
  KR_ASSIGN_OR_RETURN(const secmem::SecureBytes seed, MnemonicToSeed(mnemonic, passphrase));
  return DeriveKeyFromSeed(kind, seed, path, blinding_rng);
}

}  // namespace keyrite::keys
