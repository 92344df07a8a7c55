#include "stream/coefficient_stream.h"

#include <sodium.h>

#include "base/check.h"

namespace keyrite::stream {

CoefficientStream::CoefficientStream(Rng& rng)
    : rng_(rng), key_(crypto_stream_chacha20_ietf_KEYBYTES) {
  KR_CHECK(sodium_init() >= 0);
}

void CoefficientStream::Rekey() {
  rng_.Fill(key_.span());
  nonce_ = 0;
}

void CoefficientStream::Fill(std::span<std::uint8_t> out) {
  KR_CHECK(nonce_ != UINT32_MAX);  // a chunk never needs 2^32 fills
  std::uint8_t nonce[crypto_stream_chacha20_ietf_NONCEBYTES] = {};
  for (int i = 0; i < 4; ++i) nonce[i] = static_cast<std::uint8_t>(nonce_ >> (8 * i));
  ++nonce_;
  if (!out.empty()) crypto_stream_chacha20_ietf(out.data(), out.size(), nonce, key_.data());
}

}  // namespace keyrite::stream
