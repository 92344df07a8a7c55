#include "keys/keystore_v3.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <vector>

#include "base/hex.h"
#include "keys/crypto_prims.h"
#include "keys/ethereum.h"
#include "keys/keccak.h"
#include "keys/secp256k1_key.h"

namespace keyrite::keys {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kKeyBytes = 32;
constexpr std::size_t kDerivedBytes = 32;
constexpr std::size_t kSaltBytes = 32;
constexpr std::size_t kIvBytes = 16;

struct Kdf {
  bool scrypt = true;
  std::uint64_t n = 0;  // scrypt N, or the PBKDF2 iteration count
  std::uint32_t r = 0;
  std::uint32_t p = 0;
  std::size_t dklen = kDerivedBytes;
  std::vector<std::uint8_t> salt;
};

struct Envelope {
  Kdf kdf;
  std::vector<std::uint8_t> iv, ciphertext, mac;
  std::string address, id;
};

Status Missing(std::string_view field) {
  return InvalidInput("keystore: \"" + std::string(field) + "\" is missing or has the wrong type");
}

Result<const Json*> Field(const Json& j, std::string_view name) {
  if (!j.is_object() || !j.contains(name)) return Missing(name);
  return &j.at(std::string(name));
}

Result<std::string> TextField(const Json& j, std::string_view name) {
  KR_ASSIGN_OR_RETURN(const Json* f, Field(j, name));
  if (!f->is_string()) return Missing(name);
  return f->get<std::string>();
}

Result<std::uint64_t> NumberField(const Json& j, std::string_view name) {
  KR_ASSIGN_OR_RETURN(const Json* f, Field(j, name));
  if (!f->is_number_unsigned()) return Missing(name);
  return f->get<std::uint64_t>();
}

Result<std::vector<std::uint8_t>> HexField(const Json& j, std::string_view name,
                                           std::size_t size) {
  KR_ASSIGN_OR_RETURN(std::string text, TextField(j, name));
  if (text.starts_with("0x")) text.erase(0, 2);
  Result<std::vector<std::uint8_t>> bytes = FromHex(text);
  if (!bytes.ok() || (size != 0 && bytes->size() != size) || bytes->empty()) {
    return InvalidInput("keystore: \"" + std::string(name) + "\" is not " +
                        (size != 0 ? std::to_string(size) + " bytes of hex" : "hex"));
  }
  return bytes;
}

Status CheckCosts(const Kdf& k) {
  const bool scrypt_ok = k.n >= 2 && (k.n & (k.n - 1)) == 0 && k.r >= 1 && k.p >= 1 &&
                         k.p <= 16 && k.n <= kMaxKeystoreScryptBytes / 128 / k.r;  // no wrap
  const bool pbkdf2_ok = k.n >= 1 && k.n <= kMaxKeystorePbkdf2Iterations;
  if (k.scrypt ? !scrypt_ok : !pbkdf2_ok) {
    return Unsupported("keystore: KDF parameters out of the range keyrite accepts (scrypt n a "
                       "power of two, memory 128*n*r up to 1 GiB, p up to 16; pbkdf2 c up to 10^7)");
  }
  if (k.dklen < kDerivedBytes || k.dklen > 64) {
    return Unsupported("keystore: dklen must be 32..64");
  }
  return OkStatus();
}

Result<Kdf> ParseKdf(const Json& crypto) {
  KR_ASSIGN_OR_RETURN(const std::string name, TextField(crypto, "kdf"));
  KR_ASSIGN_OR_RETURN(const Json* params, Field(crypto, "kdfparams"));
  Kdf k;
  k.scrypt = name == "scrypt";
  if (!k.scrypt && name != "pbkdf2") {
    return Unsupported("keystore: KDF \"" + name + "\" is not supported (scrypt or pbkdf2)");
  }
  KR_ASSIGN_OR_RETURN(k.dklen, NumberField(*params, "dklen"));
  KR_ASSIGN_OR_RETURN(k.salt, HexField(*params, "salt", 0));
  if (k.scrypt) {
    KR_ASSIGN_OR_RETURN(k.n, NumberField(*params, "n"));
    KR_ASSIGN_OR_RETURN(const std::uint64_t r, NumberField(*params, "r"));
    KR_ASSIGN_OR_RETURN(const std::uint64_t p, NumberField(*params, "p"));
    if (r > 1024 || p > 1024) return Unsupported("keystore: scrypt r or p too large");
    k.r = static_cast<std::uint32_t>(r);
    k.p = static_cast<std::uint32_t>(p);
  } else {
    KR_ASSIGN_OR_RETURN(const std::string prf, TextField(*params, "prf"));
    if (prf != "hmac-sha256") return Unsupported("keystore: pbkdf2 prf must be hmac-sha256");
    KR_ASSIGN_OR_RETURN(k.n, NumberField(*params, "c"));
  }
  KR_RETURN_IF_ERROR(CheckCosts(k));
  return k;
}

Result<Envelope> ParseEnvelope(std::string_view text) {
  const Json j = Json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return InvalidInput("keystore: not a JSON object");
  KR_ASSIGN_OR_RETURN(const std::uint64_t version, NumberField(j, "version"));
  if (version != 3) {
    return Unsupported("keystore: version " + std::to_string(version) + " (only 3 is read)");
  }
  // geth reads "Crypto" from old files too.
  KR_ASSIGN_OR_RETURN(const Json* crypto, Field(j, j.contains("crypto") ? "crypto" : "Crypto"));
  KR_ASSIGN_OR_RETURN(const std::string cipher, TextField(*crypto, "cipher"));
  if (cipher != "aes-128-ctr") {
    return Unsupported("keystore: cipher \"" + cipher + "\" is not supported (aes-128-ctr)");
  }
  Envelope e;
  KR_ASSIGN_OR_RETURN(e.kdf, ParseKdf(*crypto));
  KR_ASSIGN_OR_RETURN(const Json* cipherparams, Field(*crypto, "cipherparams"));
  KR_ASSIGN_OR_RETURN(e.iv, HexField(*cipherparams, "iv", kIvBytes));
  KR_ASSIGN_OR_RETURN(e.ciphertext, HexField(*crypto, "ciphertext", kKeyBytes));
  KR_ASSIGN_OR_RETURN(e.mac, HexField(*crypto, "mac", kKeccak256Bytes));
  if (j.contains("address")) {
    KR_ASSIGN_OR_RETURN(e.address, TextField(j, "address"));
  }
  if (j.contains("id")) {
    KR_ASSIGN_OR_RETURN(e.id, TextField(j, "id"));
  }
  return e;
}

Result<secmem::SecureBytes> DeriveKey(const Kdf& k, const secmem::SecureBytes& passphrase) {
  secmem::SecureBytes derived(k.dklen);
  if (k.scrypt) {
    KR_RETURN_IF_ERROR(Scrypt(passphrase.span(), k.salt, k.n, k.r, k.p, derived.span()));
  } else {
    KR_RETURN_IF_ERROR(Pbkdf2(Pbkdf2Prf::kHmacSha256, passphrase.span(), k.salt,
                              static_cast<std::uint32_t>(k.n), derived.span()));
  }
  return derived;
}

Keccak256Digest MacOf(const secmem::SecureBytes& derived, std::span<const std::uint8_t> ct) {
  secmem::SecureBytes input(16 + ct.size());
  std::copy(derived.data() + 16, derived.data() + 32, input.data());
  std::copy(ct.begin(), ct.end(), input.data() + 16);
  return Keccak256(input.span());
}

Status Crypt(const secmem::SecureBytes& derived, std::span<const std::uint8_t> iv,
             std::span<const std::uint8_t> in, std::span<std::uint8_t> out) {
  return Aes128Ctr(std::span<const std::uint8_t, 16>(derived.data(), 16),
                   std::span<const std::uint8_t, 16>(iv.data(), 16), in, out);
}

Result<std::string> AddressOf(const secmem::SecureBytes& key, Rng& rng) {
  KR_ASSIGN_OR_RETURN(const Secp256k1Context ctx, Secp256k1Context::Create(rng));
  KR_ASSIGN_OR_RETURN(const Secp256k1PublicKey pub, DeriveSecp256k1PublicKey(ctx, key));
  return Eip55Text(EthereumAddressOf(pub.uncompressed));
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return s;
}

// A random (version 4) UUID.
std::string NewUuid(Rng& rng) {
  std::array<std::uint8_t, 16> b{};
  rng.Fill(b);
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x40);
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);
  const std::string h = ToHex(b);
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
         "-" + h.substr(20);
}

Json KdfJson(const KeystoreV3Params& params, std::span<const std::uint8_t> salt) {
  return Json{{"dklen", kDerivedBytes}, {"n", params.scrypt_n}, {"r", params.scrypt_r},
              {"p", params.scrypt_p}, {"salt", ToHex(salt)}};
}

// The file text, as geth lays it out (keys sorted, address lower case without 0x).
std::string FileText(const KeystoreV3Params& params, const std::vector<std::uint8_t>& salt,
                     const std::vector<std::uint8_t>& iv, const std::vector<std::uint8_t>& ct,
                     const Keccak256Digest& mac, const std::string& address, Rng& rng) {
  const Json crypto = {{"cipher", "aes-128-ctr"},     {"ciphertext", ToHex(ct)},
                       {"cipherparams", {{"iv", ToHex(iv)}}}, {"kdf", "scrypt"},
                       {"kdfparams", KdfJson(params, salt)}, {"mac", ToHex(mac)}};
  const Json j = {{"address", Lower(address.substr(2))}, {"crypto", crypto}, {"id", NewUuid(rng)},
                  {"version", 3}};
  return j.dump();
}

}  // namespace

Result<KeystoreV3Key> DecryptKeystoreV3(std::string_view json,
                                        const secmem::SecureBytes& passphrase, Rng& blinding_rng) {
  KR_ASSIGN_OR_RETURN(const Envelope e, ParseEnvelope(json));
  KR_ASSIGN_OR_RETURN(const secmem::SecureBytes derived, DeriveKey(e.kdf, passphrase));
  const Keccak256Digest mac = MacOf(derived, e.ciphertext);
  if (!secmem::ConstantTimeEqual(mac, e.mac)) {
    return Corrupt("keystore: the MAC does not match: wrong passphrase, or the file is damaged");
  }
  KeystoreV3Key out;
  out.private_key = secmem::SecureBytes(kKeyBytes);
  KR_RETURN_IF_ERROR(Crypt(derived, e.iv, e.ciphertext, out.private_key.span()));
  KR_ASSIGN_OR_RETURN(out.address, AddressOf(out.private_key, blinding_rng));
  std::string file_address = Lower(e.address);
  if (file_address.starts_with("0x")) file_address.erase(0, 2);
  if (!e.address.empty() && file_address != Lower(out.address.substr(2))) {
    return Mismatch("keystore: the file says address " + e.address + " but the key inside is " +
                    out.address);
  }
  out.id = e.id;
  return out;
}

Result<std::string> EncryptKeystoreV3(const secmem::SecureBytes& private_key,
                                      const secmem::SecureBytes& passphrase,
                                      const KeystoreV3Params& params, Rng& rng) {
  if (passphrase.empty()) return InvalidArgument("keystore: the passphrase must not be empty");
  KR_ASSIGN_OR_RETURN(const std::string address, AddressOf(private_key, rng));
  const Kdf kdf{true, params.scrypt_n, params.scrypt_r, params.scrypt_p, kDerivedBytes, {}};
  if (!CheckCosts(kdf).ok()) return InvalidArgument(CheckCosts(kdf).message());
  std::vector<std::uint8_t> salt(kSaltBytes), iv(kIvBytes), ct(kKeyBytes);
  rng.Fill(salt);
  rng.Fill(iv);
  Kdf with_salt = kdf;
  with_salt.salt = salt;
  KR_ASSIGN_OR_RETURN(const secmem::SecureBytes derived, DeriveKey(with_salt, passphrase));
  KR_RETURN_IF_ERROR(Crypt(derived, iv, private_key.span(), ct));
  std::string text = FileText(params, salt, iv, ct, MacOf(derived, ct), address, rng);
  // Check before release: the file must give back this very key.
  KR_ASSIGN_OR_RETURN(const KeystoreV3Key back, DecryptKeystoreV3(text, passphrase, rng));
  if (!secmem::ConstantTimeEqual(back.private_key.span(), private_key.span())) {
    return Internal("keystore: the written file does not decrypt to the key; nothing was released");
  }
  return text;
}

}  // namespace keyrite::keys
