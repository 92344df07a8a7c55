#include "keys/bip32.h"

#include <secp256k1.h>

#include <algorithm>
#include <string>

#include "keys/base58.h"
#include "keys/crypto_prims.h"

namespace keyrite::keys {
namespace {

constexpr std::string_view kBitcoinSeedKey = "Bitcoin seed";

void PutBe32(std::uint8_t* out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out[i] = static_cast<std::uint8_t>(v >> (24 - 8 * i));
}

std::uint32_t GetBe32(const std::uint8_t* in) {
  return (std::uint32_t{in[0]} << 24) | (std::uint32_t{in[1]} << 16) |
         (std::uint32_t{in[2]} << 8) | in[3];
}

// Splits I = I_L || I_R into a node's key and chain code.
HdKey NodeFrom(const secmem::SecureBytes& i) {
  HdKey node;
  node.key = i.Slice(0, kHdKeyBytes);
  node.chain_code = i.Slice(kHdKeyBytes, kHdChainCodeBytes);
  return node;
}

// The HMAC input for child `index`: 0x00 || k || index when hardened, else K || index.
Result<secmem::SecureBytes> ChildData(const Secp256k1Context& ctx, const HdKey& parent,
                                      std::uint32_t index) {
  secmem::SecureBytes data(1 + kHdKeyBytes + 4);
  if (IsHardened(index)) {
    std::copy(parent.key.data(), parent.key.data() + kHdKeyBytes, data.data() + 1);
  } else {
    KR_ASSIGN_OR_RETURN(const Secp256k1PublicKey pub, DeriveSecp256k1PublicKey(ctx, parent.key));
    std::copy(pub.compressed.begin(), pub.compressed.end(), data.data());
  }
  PutBe32(data.data() + 1 + kHdKeyBytes, index);
  return data;
}

// Checks shared by both serialized forms: length, version and the depth-0 rules.
Status CheckHeader(std::span<const std::uint8_t> p, std::uint32_t version) {
  if (p.size() != kExtendedKeyBytes) {
    return InvalidInput("an extended key is 78 bytes, this one is " + std::to_string(p.size()));
  }
  if (GetBe32(p.data()) != version) {
    return InvalidInput(version == kXpubVersion ? "not an xpub: wrong version bytes"
                                                : "not an xprv: wrong version bytes");
  }
  if (p[4] == 0 && GetBe32(p.data() + 5) != 0) {
    return InvalidInput("a depth-0 extended key with a nonzero parent fingerprint");
  }
  if (p[4] == 0 && GetBe32(p.data() + 9) != 0) {
    return InvalidInput("a depth-0 extended key with a nonzero child number");
  }
  return OkStatus();
}

void PutHeader(std::uint8_t* out, std::uint32_t version, std::uint8_t depth, std::uint32_t parent,
               std::uint32_t child) {
  PutBe32(out, version);
  out[4] = depth;
  PutBe32(out + 5, parent);
  PutBe32(out + 9, child);
}

}  // namespace

Result<HdKey> Bip32MasterKey(const Secp256k1Context& ctx, const secmem::SecureBytes& seed) {
  if (seed.size() < 16 || seed.size() > 64) {
    return InvalidInput("a BIP-32 seed is 16 to 64 bytes, this one is " +
                        std::to_string(seed.size()));
  }
  const auto key = std::span(reinterpret_cast<const std::uint8_t*>(kBitcoinSeedKey.data()),
                             kBitcoinSeedKey.size());
  HdKey node = NodeFrom(HmacSha512(key, seed.span()));
  if (secp256k1_ec_seckey_verify(ctx.get(), node.key.data()) != 1) {
    return Unsupported("this seed gives no valid BIP-32 master key (chance below 2^-127); "
                       "use another seed");
  }
  return node;
}

Result<HdKey> Bip32ChildKey(const Secp256k1Context& ctx, const HdKey& parent, std::uint32_t index) {
  if (parent.depth == kMaxPathDepth) return Unsupported("BIP-32 paths end at depth 255");
  KR_ASSIGN_OR_RETURN(const secmem::SecureBytes data, ChildData(ctx, parent, index));
  const secmem::SecureBytes i = HmacSha512(parent.chain_code.span(), data.span());
  HdKey child;
  child.key = secmem::SecureBytes::CopyOf(parent.key.span());
  // k_child = k_parent + I_L mod n; fails when I_L >= n or the sum is zero.
  if (secp256k1_ec_seckey_tweak_add(ctx.get(), child.key.data(), i.data()) != 1) {
    return Unsupported("index " + std::to_string(index) + " gives an invalid key (chance below "
                       "2^-127); BIP-32 says to use the next index");
  }
  child.chain_code = i.Slice(kHdKeyBytes, kHdChainCodeBytes);
  child.depth = static_cast<std::uint8_t>(parent.depth + 1);
  child.child_number = index;
  KR_ASSIGN_OR_RETURN(const Secp256k1PublicKey pub, DeriveSecp256k1PublicKey(ctx, parent.key));
  child.parent_fingerprint = Bip32Fingerprint(pub.compressed);
  return child;
}

Result<HdKey> Bip32DerivePath(const Secp256k1Context& ctx, const secmem::SecureBytes& seed,
                              std::span<const std::uint32_t> path) {
  const std::string where = FormatDerivationPath(path);
  Result<HdKey> node = Bip32MasterKey(ctx, seed);
  for (std::size_t s = 0; s < path.size() && node.ok(); ++s) {
    node = Bip32ChildKey(ctx, *node, path[s]);
  }
  if (!node.ok()) return node.status().WithContext(where);
  return node;
}

Result<ExtendedPublicKey> Bip32PublicOf(const Secp256k1Context& ctx, const HdKey& key) {
  KR_ASSIGN_OR_RETURN(const Secp256k1PublicKey pub, DeriveSecp256k1PublicKey(ctx, key.key));
  ExtendedPublicKey out;
  out.key = pub.compressed;
  std::copy(key.chain_code.data(), key.chain_code.data() + kHdChainCodeBytes,
            out.chain_code.begin());
  out.depth = key.depth;
  out.parent_fingerprint = key.parent_fingerprint;
  out.child_number = key.child_number;
  return out;
}

std::uint32_t Bip32Fingerprint(std::span<const std::uint8_t> serialized_public_key) {
  return GetBe32(Hash160(serialized_public_key).data());
}

secmem::SecureBytes SerializeXprv(const HdKey& key) {
  KR_CHECK(key.key.size() == kHdKeyBytes && key.chain_code.size() == kHdChainCodeBytes);
  secmem::SecureBytes out(kExtendedKeyBytes);
  PutHeader(out.data(), kXprvVersion, key.depth, key.parent_fingerprint, key.child_number);
  std::copy(key.chain_code.data(), key.chain_code.data() + kHdChainCodeBytes, out.data() + 13);
  std::copy(key.key.data(), key.key.data() + kHdKeyBytes, out.data() + 46);  // after 0x00
  return out;
}

Result<HdKey> ParseXprv(const Secp256k1Context& ctx, std::span<const std::uint8_t> payload) {
  KR_RETURN_IF_ERROR(CheckHeader(payload, kXprvVersion));
  if (payload[45] != 0) return InvalidInput("an xprv whose key data does not start with 0x00");
  HdKey node;
  node.key = secmem::SecureBytes::CopyOf(payload.subspan(46, kHdKeyBytes));
  if (secp256k1_ec_seckey_verify(ctx.get(), node.key.data()) != 1) {
    return InvalidInput("an xprv whose private key is not in [1, n-1]");
  }
  node.chain_code = secmem::SecureBytes::CopyOf(payload.subspan(13, kHdChainCodeBytes));
  node.depth = payload[4];
  node.parent_fingerprint = GetBe32(payload.data() + 5);
  node.child_number = GetBe32(payload.data() + 9);
  return node;
}

std::array<std::uint8_t, kExtendedKeyBytes> SerializeXpub(const ExtendedPublicKey& key) {
  std::array<std::uint8_t, kExtendedKeyBytes> out{};
  PutHeader(out.data(), kXpubVersion, key.depth, key.parent_fingerprint, key.child_number);
  std::copy(key.chain_code.begin(), key.chain_code.end(), out.begin() + 13);
  std::copy(key.key.begin(), key.key.end(), out.begin() + 45);
  return out;
}

std::string XpubText(const ExtendedPublicKey& key) {
  return Base58CheckEncode(SerializeXpub(key));
}

Result<ExtendedPublicKey> ParseXpub(const Secp256k1Context& ctx,
                                    std::span<const std::uint8_t> payload) {
  KR_RETURN_IF_ERROR(CheckHeader(payload, kXpubVersion));
  if (payload[45] != 0x02 && payload[45] != 0x03) {
    return InvalidInput("an xpub whose key is not a compressed point (prefix 02 or 03)");
  }
  secp256k1_pubkey point;
  if (secp256k1_ec_pubkey_parse(ctx.get(), &point, payload.data() + 45, 33) != 1) {
    return InvalidInput("an xpub whose key is not a point on secp256k1");
  }
  ExtendedPublicKey out;
  std::copy(payload.begin() + 45, payload.end(), out.key.begin());
  std::copy(payload.begin() + 13, payload.begin() + 45, out.chain_code.begin());
  out.depth = payload[4];
  out.parent_fingerprint = GetBe32(payload.data() + 5);
  out.child_number = GetBe32(payload.data() + 9);
  return out;
}

Result<ExtendedPublicKey> ParseXpubText(const Secp256k1Context& ctx, std::string_view text) {
  KR_ASSIGN_OR_RETURN(const std::vector<std::uint8_t> payload, Base58CheckDecode(text));
  return ParseXpub(ctx, payload);
}

}  // namespace keyrite::keys
