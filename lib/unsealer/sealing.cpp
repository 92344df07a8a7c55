#include "unsealer/sealing.h"

#include <sodium.h>

#include "base/check.h"

namespace keyrite::unsealer {
namespace {

constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;

const unsigned char* Bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

}  // namespace

std::vector<std::uint8_t> Seal(const secmem::SecureBytes& key,
                               std::span<const std::uint8_t> plaintext,
                               std::string_view associated_data, Rng& rng) {
  KR_CHECK(key.size() == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
  std::vector<std::uint8_t> sealed(kNonce + plaintext.size() + kTag);
  rng.Fill(std::span(sealed).first(kNonce));
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      sealed.data() + kNonce, &written, plaintext.data(), plaintext.size(), Bytes(associated_data),
      associated_data.size(), nullptr, sealed.data(), key.data());
  KR_CHECK(written == plaintext.size() + kTag);
  return sealed;
}

Result<secmem::SecureBytes> Open(const secmem::SecureBytes& key,
                                 std::span<const std::uint8_t> sealed,
                                 std::string_view associated_data, std::string_view what) {
  KR_CHECK(key.size() == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
  if (sealed.size() < kNonce + kTag + 1) {
    return Corrupt(std::string(what) + ": sealed value too short");
  }
  secmem::SecureBytes plain(sealed.size() - kNonce - kTag);
  unsigned long long written = 0;
  const int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
      plain.data(), &written, nullptr, sealed.data() + kNonce, sealed.size() - kNonce,
      Bytes(associated_data), associated_data.size(), sealed.data(), key.data());
  if (rc != 0) {
    return Corrupt(std::string(what) + ": does not open under this unsealer's key "
                   "(changed, moved or sealed elsewhere)");
  }
  return plain;
}

}  // namespace keyrite::unsealer
