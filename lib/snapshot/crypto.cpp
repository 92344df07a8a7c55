#include "snapshot/crypto.h"

#include <sodium.h>

namespace keyrite::snapshot {
namespace {

using StreamState = crypto_secretstream_xchacha20poly1305_state;

static_assert(crypto_hash_sha256_BYTES == kDigestBytes);
static_assert(crypto_secretstream_xchacha20poly1305_ABYTES == kAeadBytes);
static_assert(crypto_secretstream_xchacha20poly1305_HEADERBYTES == kStreamHeaderBytes);
static_assert(crypto_secretstream_xchacha20poly1305_KEYBYTES == 32);
static_assert(crypto_sign_BYTES == 64 && crypto_sign_SECRETKEYBYTES == 64);

StreamState* AsStream(secmem::SecureBytes& bytes) {
  return reinterpret_cast<StreamState*>(bytes.data());
}

}  // namespace

StreamPush::StreamPush(const secmem::SecureBytes& key) : state_(sizeof(StreamState)) {
  KR_CHECK(key.size() == crypto_secretstream_xchacha20poly1305_KEYBYTES);
  crypto_secretstream_xchacha20poly1305_init_push(AsStream(state_), header_.data(), key.data());
}

void StreamPush::Push(std::span<const std::uint8_t> plain, std::span<const std::uint8_t> ad,
                      bool final, std::span<std::uint8_t> out) {
  KR_CHECK(out.size() == plain.size() + kAeadBytes);
  const std::uint8_t tag = final ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                 : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
  const int rc = crypto_secretstream_xchacha20poly1305_push(
      AsStream(state_), out.data(), nullptr, plain.data(), plain.size(), ad.data(), ad.size(), tag);
  KR_CHECK(rc == 0);
}

Result<StreamPull> StreamPull::Start(const secmem::SecureBytes& key,
                                     std::span<const std::uint8_t, kStreamHeaderBytes> header) {
  KR_CHECK(key.size() == crypto_secretstream_xchacha20poly1305_KEYBYTES);
  StreamPull pull;
  static_assert(sizeof(StreamState) <= 64);
  if (crypto_secretstream_xchacha20poly1305_init_pull(AsStream(pull.state_), header.data(),
                                                      key.data()) != 0) {
    return Corrupt("header: the stream header is not usable");
  }
  return pull;
}

bool StreamPull::Pull(std::span<const std::uint8_t> cipher, std::span<const std::uint8_t> ad,
                      std::span<std::uint8_t> plain, bool& final) {
  KR_CHECK(cipher.size() == plain.size() + kAeadBytes);
  unsigned char tag = 0;
  const int rc = crypto_secretstream_xchacha20poly1305_pull(
      AsStream(state_), plain.data(), nullptr, &tag, cipher.data(), cipher.size(), ad.data(),
      ad.size());
  final = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
  return rc == 0;
}

PublicKey PublicKeyOf(const secmem::SecureBytes& signing_key) {
  KR_CHECK(signing_key.size() == crypto_sign_SECRETKEYBYTES);
  PublicKey pk{};
  crypto_sign_ed25519_sk_to_pk(pk.data(), signing_key.data());
  return pk;
}

std::array<std::uint8_t, 64> SignDetached(std::span<const std::uint8_t> message,
                                          const secmem::SecureBytes& signing_key) {
  KR_CHECK(signing_key.size() == crypto_sign_SECRETKEYBYTES);
  std::array<std::uint8_t, 64> sig{};
  crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), signing_key.data());
  return sig;
}

bool VerifyDetached(std::span<const std::uint8_t> message,
                    const std::array<std::uint8_t, 64>& signature, const PublicKey& key) {
  return crypto_sign_verify_detached(signature.data(), message.data(), message.size(),
                                     key.data()) == 0;
}

}  // namespace keyrite::snapshot
