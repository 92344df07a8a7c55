#pragma once
// The cryptography of the snapshot format, each piece behind one small type: SHA-256 of public
// data (header, chunk and list digests; one-shot through base's Sha256()) and of secret data (the
// state lives in SecureBytes and is wiped), both on the CPU's SHA extensions when present
// (base/sha256_stream.h); libsodium's secretstream and ed25519 detached signatures. The snapshot
// key and the signing key are borrowed.

#include <cstdint>
#include <span>
#include <type_traits>

#include "base/digest.h"
#include "base/sha256_stream.h"
#include "base/status.h"
#include "secmem/secure_bytes.h"
#include "snapshot/format.h"

namespace keyrite::snapshot {

static_assert(std::is_same_v<Digest, Sha256Digest>);

// Incremental SHA-256 of public bytes. Not copyable: the hash borrows the state array.
class PublicSha256 {
 public:
  PublicSha256() = default;
  PublicSha256(const PublicSha256&) = delete;
  PublicSha256& operator=(const PublicSha256&) = delete;
  void Update(std::span<const std::uint8_t> data) { hash_.Update(data); }
  Digest Final() { return hash_.Final(); }  // starts over afterwards

 private:
  alignas(Sha256Stream::kStateAlign) std::uint8_t state_[Sha256Stream::kStateBytes] = {};
  Sha256Stream hash_{state_};
};

// Incremental SHA-256 of secret bytes; the state is locked and wiped. Not copyable (as above).
class SecretSha256 {
 public:
  SecretSha256() = default;
  SecretSha256(const SecretSha256&) = delete;
  SecretSha256& operator=(const SecretSha256&) = delete;
  void Update(std::span<const std::uint8_t> data) { hash_.Update(data); }
  Sha256Digest Final() { return hash_.Final(); }  // starts over afterwards

 private:
  secmem::SecureBytes state_{Sha256Stream::kStateBytes};
  Sha256Stream hash_{state_.span().first<Sha256Stream::kStateBytes>()};
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
