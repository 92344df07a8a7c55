// The AVX2 engine of BLAKE3: eight inputs (chunks, or parent nodes) hashed side by side, lane i of
// every register holding input i's state word; the same scheme as the AVX-512 engine at half the
// width. Each block's two halves of eight rows are transposed in registers (unpacks within 128-bit
// lanes, then a 128-bit permute). Rotations by 16 and 8 are byte shuffles, by 12 and 7 shifts.
// Compiled for AVX2 by function attributes; off x86-64 it is never supported.

#include "base/blake3.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace keyrite::internal {

#if defined(__x86_64__)
namespace {

#define KR_AVX2 __attribute__((target("avx2")))
#define KR_AVX2_INLINE __attribute__((target("avx2"), always_inline)) inline

constexpr int kLanes = 8;

KR_AVX2_INLINE __m256i Add(__m256i a, __m256i b) { return _mm256_add_epi32(a, b); }
KR_AVX2_INLINE __m256i Xor(__m256i a, __m256i b) { return _mm256_xor_si256(a, b); }

KR_AVX2_INLINE __m256i Rotr16(__m256i x) {
  const __m256i shuffle = _mm256_set_epi8(13, 12, 15, 14, 9, 8, 11, 10, 5, 4, 7, 6, 1, 0, 3, 2, 13,
                                          12, 15, 14, 9, 8, 11, 10, 5, 4, 7, 6, 1, 0, 3, 2);
  return _mm256_shuffle_epi8(x, shuffle);
}

KR_AVX2_INLINE __m256i Rotr8(__m256i x) {
  const __m256i shuffle = _mm256_set_epi8(12, 15, 14, 13, 8, 11, 10, 9, 4, 7, 6, 5, 0, 3, 2, 1, 12,
                                          15, 14, 13, 8, 11, 10, 9, 4, 7, 6, 5, 0, 3, 2, 1);
  return _mm256_shuffle_epi8(x, shuffle);
}

template <int kBits>
KR_AVX2_INLINE __m256i Rotr(__m256i x) {
  return _mm256_or_si256(_mm256_srli_epi32(x, kBits), _mm256_slli_epi32(x, 32 - kBits));
}

KR_AVX2_INLINE void G(__m256i v[16], int a, int b, int c, int d, __m256i x, __m256i y) {
  v[a] = Add(Add(v[a], v[b]), x);
  v[d] = Rotr16(Xor(v[d], v[a]));
  v[c] = Add(v[c], v[d]);
  v[b] = Rotr<12>(Xor(v[b], v[c]));
  v[a] = Add(Add(v[a], v[b]), y);
  v[d] = Rotr8(Xor(v[d], v[a]));
  v[c] = Add(v[c], v[d]);
  v[b] = Rotr<7>(Xor(v[b], v[c]));
}

template <int kRound>
KR_AVX2_INLINE void Round(__m256i v[16], const __m256i m[16]) {
  constexpr const std::uint8_t* s = kBlake3Schedule.at[kRound];
  G(v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
  G(v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
  G(v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
  G(v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
  G(v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
  G(v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
  G(v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
  G(v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
}

// Transposes the 8 x 8 matrix of 32-bit words in r (row i in r[i]) in place.
KR_AVX2_INLINE void Transpose(__m256i r[8]) {
  // u[4 g + k] holds, in 128-bit lane l, word 4 l + k of rows 4 g .. 4 g + 3.
  __m256i u[8];
#pragma GCC unroll 16
  for (int g = 0; g < 2; ++g) {
    const __m256i t0 = _mm256_unpacklo_epi32(r[4 * g], r[4 * g + 1]);
    const __m256i t1 = _mm256_unpackhi_epi32(r[4 * g], r[4 * g + 1]);
    const __m256i t2 = _mm256_unpacklo_epi32(r[4 * g + 2], r[4 * g + 3]);
    const __m256i t3 = _mm256_unpackhi_epi32(r[4 * g + 2], r[4 * g + 3]);
    u[4 * g] = _mm256_unpacklo_epi64(t0, t2);
    u[4 * g + 1] = _mm256_unpackhi_epi64(t0, t2);
    u[4 * g + 2] = _mm256_unpacklo_epi64(t1, t3);
    u[4 * g + 3] = _mm256_unpackhi_epi64(t1, t3);
  }
#pragma GCC unroll 16
  for (int k = 0; k < 4; ++k) {
    r[k] = _mm256_permute2x128_si256(u[k], u[4 + k], 0x20);
    r[4 + k] = _mm256_permute2x128_si256(u[k], u[4 + k], 0x31);
  }
}

}  // namespace

bool Blake3Avx2Supported() { return __builtin_cpu_supports("avx2"); }

// noinline: the caller wipes this frame (message and state spills) after it returns.
__attribute__((noinline)) KR_AVX2 void Blake3ManyAvx2(const std::uint8_t* const* inputs,
                                                      std::size_t n, std::size_t blocks,
                                                      const std::uint32_t key[8],
                                                      std::uint64_t counter, bool increment,
                                                      std::uint8_t flags, std::uint8_t flags_start,
                                                      std::uint8_t flags_end, std::uint8_t* out) {
  alignas(32) std::uint32_t counter_words[2][kLanes];
#pragma GCC unroll 16
  for (int i = 0; i < kLanes; ++i) {
    const std::uint64_t c = counter + (increment ? static_cast<std::uint64_t>(i) : 0);
    counter_words[0][i] = static_cast<std::uint32_t>(c);
    counter_words[1][i] = static_cast<std::uint32_t>(c >> 32);
  }
  const __m256i counter_low = _mm256_load_si256(reinterpret_cast<const __m256i*>(counter_words[0]));
  const __m256i counter_high =
      _mm256_load_si256(reinterpret_cast<const __m256i*>(counter_words[1]));
  __m256i h[8];
#pragma GCC unroll 16
  for (int j = 0; j < 8; ++j) h[j] = _mm256_set1_epi32(static_cast<int>(key[j]));
  for (std::size_t b = 0; b < blocks; ++b) {
    __m256i m[16];
#pragma GCC unroll 16
    for (int i = 0; i < kLanes; ++i) {
      const auto* p = reinterpret_cast<const __m256i*>(inputs[i] + 64 * b);
      m[i] = _mm256_loadu_si256(p);
      m[8 + i] = _mm256_loadu_si256(p + 1);
      _mm_prefetch(reinterpret_cast<const char*>(inputs[i] + 64 * b + 256), _MM_HINT_T0);
    }
    Transpose(m);
    Transpose(m + 8);
    const std::uint32_t block_flags =
        flags | (b == 0 ? flags_start : 0) | (b + 1 == blocks ? flags_end : 0);
    __m256i v[16] = {h[0],
                     h[1],
                     h[2],
                     h[3],
                     h[4],
                     h[5],
                     h[6],
                     h[7],
                     _mm256_set1_epi32(static_cast<int>(kBlake3Iv[0])),
                     _mm256_set1_epi32(static_cast<int>(kBlake3Iv[1])),
                     _mm256_set1_epi32(static_cast<int>(kBlake3Iv[2])),
                     _mm256_set1_epi32(static_cast<int>(kBlake3Iv[3])),
                     counter_low,
                     counter_high,
                     _mm256_set1_epi32(64),
                     _mm256_set1_epi32(static_cast<int>(block_flags))};
    Round<0>(v, m);
    Round<1>(v, m);
    Round<2>(v, m);
    Round<3>(v, m);
    Round<4>(v, m);
    Round<5>(v, m);
    Round<6>(v, m);
#pragma GCC unroll 16
    for (int j = 0; j < 8; ++j) h[j] = Xor(v[j], v[j + 8]);
  }
  Transpose(h);  // row i: input i's chaining value
  for (std::size_t i = 0; i < n; ++i) {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + 32 * i), h[i]);
  }
}

#else

bool Blake3Avx2Supported() { return false; }
void Blake3ManyAvx2(const std::uint8_t* const*, std::size_t, std::size_t, const std::uint32_t*,
                    std::uint64_t, bool, std::uint8_t, std::uint8_t, std::uint8_t, std::uint8_t*) {}

#endif

}  // namespace keyrite::internal
