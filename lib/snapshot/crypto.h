#pragma once
// The libsodium calls of the snapshot format, each behind one small type: BLAKE2b-256 (public
// data), SHA-256 and secretstream over secret data (their states live in SecureBytes and are
// wiped), and ed25519 detached signatures. The snapshot key and the signing key are borrowed.

#include <cstdint>
#include <span>

#include "base/digest.h"
#include "base/status.h"
#include "secmem/secure_bytes.h"
#include "snapshot/format.h"

namespace keyrite::snapshot {

Digest Blake2b256(std::span<const std::uint8_t> data);

// Incremental BLAKE2b-256 of public bytes.
class Blake2bStream {
 public:
  Blake2bStream();
  void Update(std::span<const std::uint8_t> data);
  Digest Final();

 private:
  alignas(64) std::uint8_t state_[384];
};

// Incremental SHA-256 of secret bytes; the state is locked and wiped.
class SecretSha256 {
 public:
  SecretSha256();
  void Update(std::span<const std::uint8_t> data);
  Sha256Digest Final();  // restarts the state afterwards

 private:
  secmem::SecureBytes state_;
};

// secretstream_xchacha20poly1305, one direction per object. Keys are 32 bytes.
class StreamPush {
 public:
  // Draws a fresh stream header (the OS generator, through libsodium).
  explicit StreamPush(const secmem::SecureBytes& key);
  const std::array<std::uint8_t, kStreamHeaderBytes>& header() const { return header_; }
  // out.size() == plain.size() + kAeadBytes.
  void Push(std::span<const std::uint8_t> plain, std::span<const std::uint8_t> ad, bool final,
            std::span<std::uint8_t> out);

 private:
  secmem::SecureBytes state_;
  std::array<std::uint8_t, kStreamHeaderBytes> header_{};
};

class StreamPull {
 public:
  // Corrupt when the stream header is not usable with this key.
  static Result<StreamPull> Start(const secmem::SecureBytes& key,
                                  std::span<const std::uint8_t, kStreamHeaderBytes> header);
  // Decrypts one chunk into `plain` (cipher.size() - kAeadBytes bytes); false when it does not
  // authenticate under this key, header and ad. `final` tells whether it carried TAG_FINAL.
  bool Pull(std::span<const std::uint8_t> cipher, std::span<const std::uint8_t> ad,
            std::span<std::uint8_t> plain, bool& final);

 private:
  StreamPull() : state_(64) {}
  secmem::SecureBytes state_;
};

// ed25519 (libsodium's 64-byte secret key: seed || public key).
PublicKey PublicKeyOf(const secmem::SecureBytes& signing_key);
std::array<std::uint8_t, 64> SignDetached(std::span<const std::uint8_t> message,
                                          const secmem::SecureBytes& signing_key);
bool VerifyDetached(std::span<const std::uint8_t> message,
                    const std::array<std::uint8_t, 64>& signature, const PublicKey& key);

}  // namespace keyrite::snapshot
