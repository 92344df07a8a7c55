// The AVX2 kernel: the split-nibble method of kernel_nibble.inc on 32 bytes at a time (vpshufb
// shuffles each 128-bit lane with the same two tables). Only this file is compiled for AVX2
// (function attributes).

#if defined(__x86_64__)

#include <immintrin.h>

#include <algorithm>
#include <array>

#include "gf256/gf256.h"
#include "gf256/kernel_impl.h"
#include "secmem/secure_bytes.h"

namespace keyrite::gf256::internal {
namespace {

#define KR_NIBBLE_TARGET __attribute__((target("avx2")))

struct Vec {
  using V = __m256i;
  static constexpr std::size_t kBytes = 32;
  KR_NIBBLE_TARGET static V Load(const std::uint8_t* p) {
    return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  }
  KR_NIBBLE_TARGET static void Store(std::uint8_t* p, V v) {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), v);
  }
  KR_NIBBLE_TARGET static V Zero() { return _mm256_setzero_si256(); }
  KR_NIBBLE_TARGET static V Xor(V a, V b) { return _mm256_xor_si256(a, b); }
  // Both 128-bit lanes hold the same table (half 0: low nibbles, half 1: high nibbles).
  KR_NIBBLE_TARGET static V Table(const NibbleTables& t, int half) {
    return _mm256_broadcastsi128_si256(
        _mm_load_si128(reinterpret_cast<const __m128i*>(t.bytes + 16 * half)));
  }
  KR_NIBBLE_TARGET static V Multiply(V v, V low_table, V high_table) {
    const V nibble = _mm256_set1_epi8(0x0F);
    const V low = _mm256_and_si256(v, nibble);
    const V high = _mm256_and_si256(_mm256_srli_epi16(v, 4), nibble);
    return Xor(_mm256_shuffle_epi8(low_table, low), _mm256_shuffle_epi8(high_table, high));
  }
};

#include "gf256/kernel_nibble.inc"

}  // namespace

bool Avx2Supported() { return __builtin_cpu_supports("avx2"); }

KR_NIBBLE_TARGET void Avx2MulAdd(std::uint8_t* acc, const std::uint8_t* x, std::size_t len,
                                 std::uint8_t scalar) {
  NibbleMulAdd(acc, x, len, scalar);
}

KR_NIBBLE_TARGET void Avx2LinearCombination(std::uint8_t* out, const std::uint8_t* const* inputs,
                                            const std::uint8_t* scalars, std::size_t count,
                                            std::size_t len) {
  NibbleLinearCombination(out, inputs, scalars, count, len);
}

}  // namespace keyrite::gf256::internal

#endif  // __x86_64__
