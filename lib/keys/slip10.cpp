#include "keys/slip10.h"

#include <algorithm>
#include <string>

#include "keys/bip32.h"
#include "keys/crypto_prims.h"
#include "keys/ed25519_key.h"

namespace keyrite::keys {
namespace {

constexpr std::string_view kEd25519SeedKey = "ed25519 seed";

HdKey NodeFrom(const secmem::SecureBytes& i) {
  HdKey node;
  node.key = i.Slice(0, kHdKeyBytes);
  node.chain_code = i.Slice(kHdKeyBytes, kHdChainCodeBytes);
  return node;
}

Result<std::uint32_t> FingerprintOf(const HdKey& node) {
  KR_ASSIGN_OR_RETURN(const Ed25519PublicKey pub, DeriveEd25519PublicKey(node.key));
  return Bip32Fingerprint(Slip10Ed25519PublicKey(pub));
}

}  // namespace

Result<HdKey> Slip10Ed25519MasterKey(const secmem::SecureBytes& seed) {
  if (seed.size() < 16 || seed.size() > 64) {
    return InvalidInput("a SLIP-10 seed is 16 to 64 bytes, this one is " +
                        std::to_string(seed.size()));
  }
  const auto key = std::span(reinterpret_cast<const std::uint8_t*>(kEd25519SeedKey.data()),
                             kEd25519SeedKey.size());
  return NodeFrom(HmacSha512(key, seed.span()));
}

Result<HdKey> Slip10Ed25519ChildKey(const HdKey& parent, std::uint32_t index) {
  if (!IsHardened(index)) {
    return InvalidArgument("ed25519 (SLIP-10) derives hardened steps only; write " +
                           std::to_string(index) + "' instead of " + std::to_string(index));
  }
  if (parent.depth == kMaxPathDepth) return Unsupported("SLIP-10 paths end at depth 255");
  secmem::SecureBytes data(1 + kHdKeyBytes + 4);
  std::copy(parent.key.data(), parent.key.data() + kHdKeyBytes, data.data() + 1);
  for (int b = 0; b < 4; ++b) {
    data[1 + kHdKeyBytes + b] = static_cast<std::uint8_t>(index >> (24 - 8 * b));
  }
  HdKey child = NodeFrom(HmacSha512(parent.chain_code.span(), data.span()));
  child.depth = static_cast<std::uint8_t>(parent.depth + 1);
  child.child_number = index;
  KR_ASSIGN_OR_RETURN(child.parent_fingerprint, FingerprintOf(parent));
  return child;
}

Result<HdKey> Slip10Ed25519DerivePath(const secmem::SecureBytes& seed,
                                      std::span<const std::uint32_t> path) {
  const std::string where = FormatDerivationPath(path);
  Result<HdKey> node = Slip10Ed25519MasterKey(seed);
  for (std::size_t s = 0; s < path.size() && node.ok(); ++s) {
    node = Slip10Ed25519ChildKey(*node, path[s]);
  }
  if (!node.ok()) return node.status().WithContext(where);
  return node;
}

std::array<std::uint8_t, 33> Slip10Ed25519PublicKey(std::span<const std::uint8_t, 32> public_key) {
  std::array<std::uint8_t, 33> out{};
  std::copy(public_key.begin(), public_key.end(), out.begin() + 1);
  return out;
}

}  // namespace keyrite::keys
