// The AVX-512 engine of BLAKE3: sixteen inputs (chunks, or parent nodes) hashed side by side,
// lane i of every register holding input i's state word. Each 64-byte block of the sixteen inputs
// is loaded as sixteen rows and transposed in registers (unpacks within 128-bit lanes, then
// 128-bit shuffles) so that register j holds message word j of every input. Only additions,
// xors, rotations and fixed permutes touch the data. Compiled for AVX-512F/VL by function
// attributes; off x86-64 it is never supported.

#include "base/blake3.h"

#if defined(__x86_64__)
// GCC 12's 512-bit intrinsics pass a self-initialised "undefined" operand as the unused merge
// source, and after inlining it warns that this is used uninitialised (a false positive).
// Clang has no -Wmaybe-uninitialized and would refuse the pragma under -Werror.
#if !defined(__clang__)
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <immintrin.h>
#endif

namespace keyrite::internal {

#if defined(__x86_64__)
namespace {

#define KR_AVX512 __attribute__((target("avx512f,avx512vl,avx2")))
#define KR_AVX512_INLINE __attribute__((target("avx512f,avx512vl,avx2"), always_inline)) inline

constexpr int kLanes = 16;

KR_AVX512_INLINE __m512i Add(__m512i a, __m512i b) { return _mm512_add_epi32(a, b); }
KR_AVX512_INLINE __m512i Xor(__m512i a, __m512i b) { return _mm512_xor_si512(a, b); }

KR_AVX512_INLINE void G(__m512i v[16], int a, int b, int c, int d, __m512i x, __m512i y) {
  v[a] = Add(Add(v[a], v[b]), x);
  v[d] = _mm512_ror_epi32(Xor(v[d], v[a]), 16);
  v[c] = Add(v[c], v[d]);
  v[b] = _mm512_ror_epi32(Xor(v[b], v[c]), 12);
  v[a] = Add(Add(v[a], v[b]), y);
  v[d] = _mm512_ror_epi32(Xor(v[d], v[a]), 8);
  v[c] = Add(v[c], v[d]);
  v[b] = _mm512_ror_epi32(Xor(v[b], v[c]), 7);
}

template <int kRound>
KR_AVX512_INLINE void Round(__m512i v[16], const __m512i m[16]) {
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

// Transposes the 16 x 16 matrix of 32-bit words in r (row i in r[i]) in place.
KR_AVX512_INLINE void Transpose(__m512i r[16]) {
  // Within each 128-bit lane, 4 x 4 transposes of the groups of four rows: u[4 g + k] holds, in
  // lane l, word 4 l + k of rows 4 g .. 4 g + 3.
  __m512i u[16];
#pragma GCC unroll 16
  for (int g = 0; g < 4; ++g) {
    const __m512i t0 = _mm512_unpacklo_epi32(r[4 * g], r[4 * g + 1]);
    const __m512i t1 = _mm512_unpackhi_epi32(r[4 * g], r[4 * g + 1]);
    const __m512i t2 = _mm512_unpacklo_epi32(r[4 * g + 2], r[4 * g + 3]);
    const __m512i t3 = _mm512_unpackhi_epi32(r[4 * g + 2], r[4 * g + 3]);
    u[4 * g] = _mm512_unpacklo_epi64(t0, t2);
    u[4 * g + 1] = _mm512_unpackhi_epi64(t0, t2);
    u[4 * g + 2] = _mm512_unpacklo_epi64(t1, t3);
    u[4 * g + 3] = _mm512_unpackhi_epi64(t1, t3);
  }
// Then a 4 x 4 transpose of 128-bit lanes for each k: word 4 l + k of all rows.
#pragma GCC unroll 16
  for (int k = 0; k < 4; ++k) {
    const __m512i a = _mm512_shuffle_i32x4(u[k], u[4 + k], 0x44);
    const __m512i b = _mm512_shuffle_i32x4(u[k], u[4 + k], 0xEE);
    const __m512i c = _mm512_shuffle_i32x4(u[8 + k], u[12 + k], 0x44);
    const __m512i d = _mm512_shuffle_i32x4(u[8 + k], u[12 + k], 0xEE);
    r[k] = _mm512_shuffle_i32x4(a, c, 0x88);
    r[4 + k] = _mm512_shuffle_i32x4(a, c, 0xDD);
    r[8 + k] = _mm512_shuffle_i32x4(b, d, 0x88);
    r[12 + k] = _mm512_shuffle_i32x4(b, d, 0xDD);
  }
}

}  // namespace

bool Blake3Avx512Supported() {
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl");
}

// noinline: the caller wipes this frame (message and state spills) after it returns.
__attribute__((noinline)) KR_AVX512 void Blake3ManyAvx512(
    const std::uint8_t* const* inputs, std::size_t n, std::size_t blocks,
    const std::uint32_t key[8], std::uint64_t counter, bool increment, std::uint8_t flags,
    std::uint8_t flags_start, std::uint8_t flags_end, std::uint8_t* out) {
  alignas(64) std::uint32_t counter_words[2][kLanes];
#pragma GCC unroll 16
  for (int i = 0; i < kLanes; ++i) {
    const std::uint64_t c = counter + (increment ? static_cast<std::uint64_t>(i) : 0);
    counter_words[0][i] = static_cast<std::uint32_t>(c);
    counter_words[1][i] = static_cast<std::uint32_t>(c >> 32);
  }
  const __m512i counter_low = _mm512_load_si512(counter_words[0]);
  const __m512i counter_high = _mm512_load_si512(counter_words[1]);
  __m512i h[8];
#pragma GCC unroll 16
  for (int j = 0; j < 8; ++j) h[j] = _mm512_set1_epi32(static_cast<int>(key[j]));
  for (std::size_t b = 0; b < blocks; ++b) {
    __m512i m[16];
#pragma GCC unroll 16
    for (int i = 0; i < kLanes; ++i) {
      m[i] = _mm512_loadu_si512(inputs[i] + 64 * b);
      // Sixteen streams 1 KiB apart are more than the hardware prefetcher follows well.
      _mm_prefetch(reinterpret_cast<const char*>(inputs[i] + 64 * b + 256), _MM_HINT_T0);
    }
    Transpose(m);
    const std::uint32_t block_flags =
        flags | (b == 0 ? flags_start : 0) | (b + 1 == blocks ? flags_end : 0);
    __m512i v[16] = {h[0],
                     h[1],
                     h[2],
                     h[3],
                     h[4],
                     h[5],
                     h[6],
                     h[7],
                     _mm512_set1_epi32(static_cast<int>(kBlake3Iv[0])),
                     _mm512_set1_epi32(static_cast<int>(kBlake3Iv[1])),
                     _mm512_set1_epi32(static_cast<int>(kBlake3Iv[2])),
                     _mm512_set1_epi32(static_cast<int>(kBlake3Iv[3])),
                     counter_low,
                     counter_high,
                     _mm512_set1_epi32(64),
                     _mm512_set1_epi32(static_cast<int>(block_flags))};
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
  // Back to one row per input: row i's first eight words are input i's chaining value.
  __m512i rows[16];
#pragma GCC unroll 16
  for (int j = 0; j < 8; ++j) {
    rows[j] = h[j];
    rows[8 + j] = _mm512_setzero_si512();
  }
  Transpose(rows);
  for (std::size_t i = 0; i < n; ++i) {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + 32 * i), _mm512_castsi512_si256(rows[i]));
  }
}

#else

bool Blake3Avx512Supported() { return false; }
void Blake3ManyAvx512(const std::uint8_t* const*, std::size_t, std::size_t, const std::uint32_t*,
                      std::uint64_t, bool, std::uint8_t, std::uint8_t, std::uint8_t,
                      std::uint8_t*) {}

#endif

}  // namespace keyrite::internal
