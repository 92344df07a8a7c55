#include "keys/tezos.h"

#include <sodium.h>

#include <algorithm>

#include "base/check.h"
#include "keys/base58.h"

namespace keyrite::keys {

TezosKeyHash TezosKeyHashOf(std::span<const std::uint8_t> public_key) {
  KR_CHECK(sodium_init() >= 0);
  TezosKeyHash hash;
  KR_CHECK(crypto_generichash(hash.data(), hash.size(), public_key.data(), public_key.size(),
                              nullptr, 0) == 0);
  return hash;
}

std::string TezosEncode(std::span<const std::uint8_t> prefix,
                        std::span<const std::uint8_t> payload) {
  std::vector<std::uint8_t> framed(prefix.begin(), prefix.end());
  framed.insert(framed.end(), payload.begin(), payload.end());
  return Base58CheckEncode(framed);
}

Result<std::vector<std::uint8_t>> TezosDecode(std::string_view text,
                                              std::span<const std::uint8_t> prefix,
                                              std::size_t payload_size) {
  KR_ASSIGN_OR_RETURN(std::vector<std::uint8_t> framed, Base58CheckDecode(text));
  const bool fits = framed.size() == prefix.size() + payload_size &&
                    std::equal(prefix.begin(), prefix.end(), framed.begin());
  if (!fits) {
    // The text itself stays out of the message: a caller may have passed secret key text.
    return InvalidInput("Tezos text has the wrong prefix or length for this kind of key");
  }
  framed.erase(framed.begin(), framed.begin() + static_cast<std::ptrdiff_t>(prefix.size()));
  return framed;
}

std::string Tz1Address(std::span<const std::uint8_t, 32> ed25519_public_key) {
  return TezosEncode(kTz1Prefix, TezosKeyHashOf(ed25519_public_key));
}

std::string EdpkText(std::span<const std::uint8_t, 32> ed25519_public_key) {
  return TezosEncode(kEdpkPrefix, ed25519_public_key);
}

std::string Tz2Address(std::span<const std::uint8_t, 33> secp256k1_compressed_key) {
  return TezosEncode(kTz2Prefix, TezosKeyHashOf(secp256k1_compressed_key));
}

std::string SppkText(std::span<const std::uint8_t, 33> secp256k1_compressed_key) {
  return TezosEncode(kSppkPrefix, secp256k1_compressed_key);
}

}  // namespace keyrite::keys
