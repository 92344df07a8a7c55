#pragma once
// Ethereum keystore v3 (the Web3 Secret Storage Definition, as geth writes it): a secp256k1 private
// key encrypted under a passphrase. Key derivation scrypt (written; pbkdf2-hmac-sha256 is also
// read), cipher AES-128-CTR, MAC = Keccak-256(derived[16..32] || ciphertext), checked before
// anything is decrypted. The JSON text is public; the private key and passphrase are secrets and
// go in and out only in SecureBytes.

#include <cstdint>
#include <string>
#include <string_view>

#include "base/rng.h"
#include "base/status.h"
#include "secmem/secure_bytes.h"

namespace keyrite::keys {

struct KeystoreV3Params {
  // geth's "standard" cost: 128 * n * r = 256 MiB of memory. Tests may lower n (e.g. 4096).
  std::uint64_t scrypt_n = 262144;
  std::uint32_t scrypt_r = 8;
  std::uint32_t scrypt_p = 1;
};

// Reading refuses files that would make scrypt use more than this, or PBKDF2 run longer.
inline constexpr std::uint64_t kMaxKeystoreScryptBytes = std::uint64_t{1} << 30;
inline constexpr std::uint64_t kMaxKeystorePbkdf2Iterations = 10'000'000;

// The keystore JSON for `private_key` (32 bytes, in [1, n-1]). Salt, IV and the random (v4) UUID
// come from `rng`. The output is decrypted again and compared before it is returned.
// InvalidInput for a bad key, InvalidArgument for an empty passphrase or unusable parameters.
Result<std::string> EncryptKeystoreV3(const secmem::SecureBytes& private_key,
                                      const secmem::SecureBytes& passphrase,
                                      const KeystoreV3Params& params, Rng& rng);

struct KeystoreV3Key {
  secmem::SecureBytes private_key;  // 32 bytes
  std::string address;              // EIP-55 "0x..." of the decrypted key
  std::string id;                   // the file's "id" (UUID), as written
};

// InvalidInput for malformed JSON or a missing/ill-typed field; Unsupported for a version other
// than 3, another cipher or KDF, or costs above the limits; Corrupt when the MAC does not match
// (a wrong passphrase or a damaged file); Mismatch when the file's "address" is not the address
// of the decrypted key. `blinding_rng` only blinds the secp256k1 context.
Result<KeystoreV3Key> DecryptKeystoreV3(std::string_view json,
                                        const secmem::SecureBytes& passphrase, Rng& blinding_rng);

}  // namespace keyrite::keys
