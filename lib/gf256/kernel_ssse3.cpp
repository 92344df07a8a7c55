// The SSSE3 kernel: the split-nibble method of kernel_nibble.inc on 16 bytes at a time (pshufb).
// Only this file is compiled for SSSE3 (function attributes); the rest stays baseline.

#if defined(__x86_64__)

#include <immintrin.h>

#include <algorithm>
#include <array>

#include "gf256/gf256.h"
#include "gf256/kernel_impl.h"
#include "secmem/secure_bytes.h"

namespace keyrite::gf256::internal {
namespace {

#define KR_NIBBLE_TARGET __attribute__((target("ssse3")))

struct Vec {
  using V = __m128i;
  static constexpr std::size_t kBytes = 16;
  KR_NIBBLE_TARGET static V Load(const std::uint8_t* p) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  }
  KR_NIBBLE_TARGET static void Store(std::uint8_t* p, V v) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(p), v);
  }
  KR_NIBBLE_TARGET static V Zero() { return _mm_setzero_si128(); }
  KR_NIBBLE_TARGET static V Xor(V a, V b) { return _mm_xor_si128(a, b); }
  // Half 0: the low-nibble table, half 1: the high-nibble one.
  KR_NIBBLE_TARGET static V Table(const NibbleTables& t, int half) {
    return _mm_load_si128(reinterpret_cast<const __m128i*>(t.bytes + 16 * half));
  }
  KR_NIBBLE_TARGET static V Multiply(V v, V low_table, V high_table) {
    const V nibble = _mm_set1_epi8(0x0F);
    const V low = _mm_and_si128(v, nibble);
    const V high = _mm_and_si128(_mm_srli_epi16(v, 4), nibble);
    return Xor(_mm_shuffle_epi8(low_table, low), _mm_shuffle_epi8(high_table, high));
  }
};

#include "gf256/kernel_nibble.inc"

}  // namespace

bool Ssse3Supported() { return __builtin_cpu_supports("ssse3"); }

KR_NIBBLE_TARGET void Ssse3MulAdd(std::uint8_t* acc, const std::uint8_t* x, std::size_t len,
                                  std::uint8_t scalar) {
  NibbleMulAdd(acc, x, len, scalar);
}

KR_NIBBLE_TARGET void Ssse3LinearCombination(std::uint8_t* out, const std::uint8_t* const* inputs,
                                             const std::uint8_t* scalars, std::size_t count,
                                             std::size_t len) {
  NibbleLinearCombination(out, inputs, scalars, count, len);
}

}  // namespace keyrite::gf256::internal

#endif  // __x86_64__
