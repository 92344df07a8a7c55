#include "base/rng.h"

#include <sodium.h>

#include "base/check.h"

namespace keyrite {
namespace {

class OsRng final : public Rng {
 public:
  void Fill(std::span<std::uint8_t> out) override {
    if (!out.empty()) randombytes_buf(out.data(), out.size());
  }
};

}  // namespace

std::uint32_t Rng::Uniform(std::uint32_t upper) {
  KR_CHECK(upper > 0);
  // Rejection sampling: accept values below the largest multiple of `upper`.
  const std::uint32_t limit = static_cast<std::uint32_t>(-upper) % upper;
  for (;;) {
    std::uint8_t b[4];
    Fill(b);
    const std::uint32_t v = static_cast<std::uint32_t>(b[0]) | (static_cast<std::uint32_t>(b[1]) << 8) |
                            (static_cast<std::uint32_t>(b[2]) << 16) |
                            (static_cast<std::uint32_t>(b[3]) << 24);
    sodium_memzero(b, sizeof b);
    if (v >= limit) return v % upper;
  }
}

Rng& SystemRng() {
  KR_CHECK(sodium_init() >= 0);
  static OsRng rng;
  return rng;
}

SeededRng::SeededRng(std::uint64_t seed) {
  for (int i = 0; i < 8; ++i) key_[i] = static_cast<std::uint8_t>(seed >> (8 * i));
}

SeededRng::SeededRng(const std::array<std::uint8_t, 32>& seed) : key_(seed) {}

SeededRng::~SeededRng() { sodium_memzero(key_.data(), key_.size()); }

void SeededRng::Fill(std::span<std::uint8_t> out) {
  KR_CHECK(sodium_init() >= 0);
  std::uint8_t nonce[crypto_stream_chacha20_NONCEBYTES] = {};
  for (int i = 0; i < 8; ++i) nonce[i] = static_cast<std::uint8_t>(counter_ >> (8 * i));
  ++counter_;
  if (!out.empty()) crypto_stream_chacha20(out.data(), out.size(), nonce, key_.data());
}

}  // namespace keyrite
