#include "keys/key_kind.h"

#include <array>
#include <string>

namespace keyrite::keys {
namespace {

struct KindName {
  KeyKind kind;
  std::string_view name;
};

constexpr std::array<KindName, 5> kKindNames = {{
    {KeyKind::kSecp256k1, "secp256k1"},
    {KeyKind::kEd25519, "ed25519"},
    {KeyKind::kRandom, "random"},
    {KeyKind::kPassword, "password"},
    {KeyKind::kBip39, "bip39"},
}};

}  // namespace

std::string_view KeyKindName(KeyKind kind) {
  for (const KindName& entry : kKindNames) {
    if (entry.kind == kind) return entry.name;
  }
  KR_CHECK(false && "unknown KeyKind");
  return {};
}

Result<KeyKind> ParseKeyKind(std::string_view name) {
  for (const KindName& entry : kKindNames) {
    if (entry.name == name) return entry.kind;
  }
  return InvalidArgument("unknown key kind '" + std::string(name) +
                         "'; use one of: secp256k1, ed25519, random, password, bip39");
}

}  // namespace keyrite::keys
