#pragma once
// The symmetric primitives the key formats need, behind one small interface so that no header
// includes <gcrypt.h> or <sodium.h>: HMAC-SHA512 (libsodium), PBKDF2 and AES-128-CTR and RIPEMD-160
// (libgcrypt), scrypt (libsodium's low-level scrypt, which takes any N, r and p). Outputs go into
// caller-owned memory; every library context that held a key is wiped before these return.

#include <array>
#include <cstdint>
#include <span>

#include "base/status.h"
#include "secmem/secure_bytes.h"

namespace keyrite::keys {

inline constexpr std::size_t kHmacSha512Bytes = 64;
inline constexpr std::size_t kHash160Bytes = 20;
using Hash160Digest = std::array<std::uint8_t, kHash160Bytes>;

// HMAC-SHA512(key, data), returned in SecureBytes (64 bytes): I_L || I_R of BIP-32 and SLIP-10.
secmem::SecureBytes HmacSha512(std::span<const std::uint8_t> key,
                               std::span<const std::uint8_t> data);

enum class Pbkdf2Prf : std::uint8_t { kHmacSha256, kHmacSha512 };

// PBKDF2 into `out` (its size is the derived key length). Internal if libgcrypt refuses.
Status Pbkdf2(Pbkdf2Prf prf, std::span<const std::uint8_t> password,
              std::span<const std::uint8_t> salt, std::uint32_t iterations,
              std::span<std::uint8_t> out);

// scrypt(password, salt, N, r, p) into `out`. InvalidInput for parameters libsodium rejects
// (N not a power of two, or too much memory).
Status Scrypt(std::span<const std::uint8_t> password, std::span<const std::uint8_t> salt,
              std::uint64_t n, std::uint32_t r, std::uint32_t p, std::span<std::uint8_t> out);

// AES-128 in CTR mode with a 16-byte big-endian counter block `iv`; encryption and decryption
// are the same operation. `in` and `out` have the same size.
Status Aes128Ctr(std::span<const std::uint8_t, 16> key, std::span<const std::uint8_t, 16> iv,
                 std::span<const std::uint8_t> in, std::span<std::uint8_t> out);

// RIPEMD-160(SHA-256(data)): the key identifier behind BIP-32 fingerprints. Public data only.
Hash160Digest Hash160(std::span<const std::uint8_t> data);

}  // namespace keyrite::keys
