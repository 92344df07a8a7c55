#include "keys/crypto_prims.h"

#include <gcrypt.h>
#include <sodium.h>

#include "base/digest.h"

namespace keyrite::keys {
namespace {

// libgcrypt wants one initialization before first use. Its own secure-memory pool is turned off:
// keyrite keeps secrets in SecureBytes, and libgcrypt wipes its contexts when they are closed.
bool GcryptReady() {
  static const bool ready = [] {
    if (gcry_check_version(GCRYPT_VERSION) == nullptr) return false;
    gcry_control(GCRYCTL_DISABLE_SECMEM, 0);
    gcry_control(GCRYCTL_INITIALIZATION_FINISHED, 0);
    return true;
  }();
  return ready;
}

// A cipher handle that is closed (and so wiped by libgcrypt) on every path.
struct CipherHandle {
  gcry_cipher_hd_t hd = nullptr;
  ~CipherHandle() {
    if (hd != nullptr) gcry_cipher_close(hd);
  }
};

}  // namespace

secmem::SecureBytes HmacSha512(std::span<const std::uint8_t> key,
                               std::span<const std::uint8_t> data) {
  secmem::Wiped<crypto_auth_hmacsha512_state> state;
  secmem::SecureBytes out(kHmacSha512Bytes);
  KR_CHECK(crypto_auth_hmacsha512_init(&state.value, key.data(), key.size()) == 0);
  KR_CHECK(crypto_auth_hmacsha512_update(&state.value, data.data(), data.size()) == 0);
  KR_CHECK(crypto_auth_hmacsha512_final(&state.value, out.data()) == 0);
  return out;
}

Status Pbkdf2(Pbkdf2Prf prf, std::span<const std::uint8_t> password,
              std::span<const std::uint8_t> salt, std::uint32_t iterations,
              std::span<std::uint8_t> out) {
  if (!GcryptReady()) return Internal("libgcrypt could not be initialized");
  const int md = prf == Pbkdf2Prf::kHmacSha256 ? GCRY_MD_SHA256 : GCRY_MD_SHA512;
  const gcry_error_t err = gcry_kdf_derive(password.data(), password.size(), GCRY_KDF_PBKDF2, md,
                                           salt.data(), salt.size(), iterations, out.size(),
                                           out.data());
  if (err != 0) return Internal(std::string("libgcrypt PBKDF2 failed: ") + gcry_strerror(err));
  return OkStatus();
}

Status Scrypt(std::span<const std::uint8_t> password, std::span<const std::uint8_t> salt,
              std::uint64_t n, std::uint32_t r, std::uint32_t p, std::span<std::uint8_t> out) {
  if (crypto_pwhash_scryptsalsa208sha256_ll(password.data(), password.size(), salt.data(),
                                            salt.size(), n, r, p, out.data(), out.size()) != 0) {
    return InvalidInput("scrypt refused n=" + std::to_string(n) + " r=" + std::to_string(r) +
                        " p=" + std::to_string(p) + " (n must be a power of two; memory is 128*n*r)");
  }
  return OkStatus();
}

Status Aes128Ctr(std::span<const std::uint8_t, 16> key, std::span<const std::uint8_t, 16> iv,
                 std::span<const std::uint8_t> in, std::span<std::uint8_t> out) {
  KR_CHECK(in.size() == out.size());
  if (!GcryptReady()) return Internal("libgcrypt could not be initialized");
  CipherHandle c;
  gcry_error_t err = gcry_cipher_open(&c.hd, GCRY_CIPHER_AES128, GCRY_CIPHER_MODE_CTR, 0);
  if (err == 0) err = gcry_cipher_setkey(c.hd, key.data(), key.size());
  if (err == 0) err = gcry_cipher_setctr(c.hd, iv.data(), iv.size());
  if (err == 0) err = gcry_cipher_encrypt(c.hd, out.data(), out.size(), in.data(), in.size());
  if (err != 0) return Internal(std::string("libgcrypt AES-128-CTR failed: ") + gcry_strerror(err));
  return OkStatus();
}

Hash160Digest Hash160(std::span<const std::uint8_t> data) {
  KR_CHECK(GcryptReady());
  const Sha256Digest sha = Sha256(data);
  Hash160Digest out{};
  gcry_md_hash_buffer(GCRY_MD_RMD160, out.data(), sha.data(), sha.size());
  return out;
}

}  // namespace keyrite::keys
