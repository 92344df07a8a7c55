#include "stream/coefficient_stream.h"

#include <sodium.h>

#include "base/aes256_ctr.h"
#include "base/check.h"

namespace keyrite::stream {

CoefficientStream::CoefficientStream(Rng& rng)
    : rng_(rng), key_(crypto_stream_chacha20_ietf_KEYBYTES), aes_(internal::Aes256CtrSupported()) {
  KR_CHECK(sodium_init() >= 0);
}

void CoefficientStream::Rekey() {
  rng_.Fill(key_.span());
  nonce_ = 0;
}

void CoefficientStream::Fill(std::span<std::uint8_t> out) {
  KR_CHECK(nonce_ != UINT32_MAX);  // a chunk never needs 2^32 fills
  // The nonce's 4 bytes lead; for AES the rest of the 16-byte block is the block counter.
  std::uint8_t nonce[16] = {};
  for (int i = 0; i < 4; ++i) nonce[i] = static_cast<std::uint8_t>(nonce_ >> (8 * i));
  ++nonce_;
  if (out.empty()) return;
  if (aes_) {
    internal::Aes256CtrKeystream(key_.data(), nonce, out.data(), out.size());
  } else {
    crypto_stream_chacha20_ietf(out.data(), out.size(), nonce, key_.data());
  }
}

const char* CoefficientStream::Generator() {
  return internal::Aes256CtrSupported() ? "AES-256-CTR" : "ChaCha20";
}

}  // namespace keyrite::stream
