#include "stream/stream_internal.h"

#include <algorithm>
#include <cstring>

#include "gf256/gf256.h"
#include "stream/direct_io.h"

namespace keyrite::stream::internal {

std::size_t ChunkBytes(std::size_t streams) {
  // Each stream's window is a chunk and ChunkBuffers' slack.
  const std::size_t share =
      kBufferBudget / std::max<std::size_t>(streams, 1) - ChunkBuffers::kSlackBytes;
  return std::clamp(share / kTileBytes * kTileBytes, kTileBytes, kMaxChunkBytes);
}

bool Reveal(bool secret_bit) { return secret_bit; }

std::uint8_t LagrangeWeight(std::span<const std::uint8_t> xs, std::size_t i, std::uint8_t at) {
  std::uint8_t numerator = 1;
  std::uint8_t denominator = 1;
  for (std::size_t j = 0; j < xs.size(); ++j) {
    if (j == i) continue;
    numerator = gf256::Mul(numerator, gf256::Add(at, xs[j]));
    denominator = gf256::Mul(denominator, gf256::Add(xs[i], xs[j]));
  }
  return gf256::Mul(numerator, gf256::Inv(denominator));
}

std::uint8_t OrOfBytes(std::span<const std::uint8_t> bytes) {
  std::uint64_t acc = 0;
  std::size_t k = 0;
  for (; k + 8 <= bytes.size(); k += 8) {
    std::uint64_t word;
    std::memcpy(&word, bytes.data() + k, sizeof word);
    acc |= word;
  }
  for (; k < bytes.size(); ++k) acc |= bytes[k];
  for (int shift = 32; shift >= 8; shift /= 2) acc |= acc >> shift;
  return static_cast<std::uint8_t>(acc);
}

}  // namespace keyrite::stream::internal
