// The AVX2 kernel: the SSSE3 split-nibble method on 32 bytes at a time (vpshufb shuffles each
// 128-bit lane with the same two tables). Like pshufb, the data bytes select lanes inside a
// register, not addresses, so it is constant time in them; the tables are built from the scalar
// without branches. Only this file is compiled for AVX2 (function attributes).

#if defined(__x86_64__)

#include <immintrin.h>

#include <algorithm>
#include <array>

#include "gf256/gf256.h"
#include "gf256/kernel_impl.h"
#include "secmem/secure_bytes.h"

namespace keyrite::gf256::internal {
namespace {

#define KR_AVX2 __attribute__((target("avx2")))

struct alignas(16) Tables {
  std::uint8_t bytes[32];
};

// Both 128-bit lanes hold the same table (half 0: low nibbles, half 1: high nibbles).
KR_AVX2 inline __m256i LoadTable(const Tables& t, int half) {
  return _mm256_broadcastsi128_si256(
      _mm_load_si128(reinterpret_cast<const __m128i*>(t.bytes + 16 * half)));
}

KR_AVX2 inline __m256i Multiply(__m256i v, __m256i low_table, __m256i high_table) {
  const __m256i nibble = _mm256_set1_epi8(0x0F);
  const __m256i low = _mm256_and_si256(v, nibble);
  const __m256i high = _mm256_and_si256(_mm256_srli_epi16(v, 4), nibble);
  return _mm256_xor_si256(_mm256_shuffle_epi8(low_table, low),
                          _mm256_shuffle_epi8(high_table, high));
}

KR_AVX2 inline __m256i LoadU(const std::uint8_t* p) {
  return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
}

KR_AVX2 inline void StoreU(std::uint8_t* p, __m256i v) {
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), v);
}

// out[k] (^)= sum over i < kTerms of tables[i] * inputs[i][k], 64 and then 32 bytes at a time;
// returns how many bytes that covered (len rounded down to 32). Every table stays in a register:
// reloading and broadcasting them for each 32 bytes cost as much as the products. `accumulate`
// (public) says whether out already holds a partial sum.
template <std::size_t kTerms>
KR_AVX2 std::size_t CombineGroup(std::uint8_t* out, const std::uint8_t* const* inputs,
                                 const Tables* tables, std::size_t len, bool accumulate) {
  __m256i low[kTerms], high[kTerms];
  for (std::size_t i = 0; i < kTerms; ++i) {
    low[i] = LoadTable(tables[i], 0);
    high[i] = LoadTable(tables[i], 1);
  }
  std::size_t k = 0;
  for (; k + 64 <= len; k += 64) {
    __m256i sum0 = accumulate ? LoadU(out + k) : _mm256_setzero_si256();
    __m256i sum1 = accumulate ? LoadU(out + k + 32) : _mm256_setzero_si256();
    for (std::size_t i = 0; i < kTerms; ++i) {
      sum0 = _mm256_xor_si256(sum0, Multiply(LoadU(inputs[i] + k), low[i], high[i]));
      sum1 = _mm256_xor_si256(sum1, Multiply(LoadU(inputs[i] + k + 32), low[i], high[i]));
    }
    StoreU(out + k, sum0);
    StoreU(out + k + 32, sum1);
  }
  for (; k + 32 <= len; k += 32) {
    __m256i sum = accumulate ? LoadU(out + k) : _mm256_setzero_si256();
    for (std::size_t i = 0; i < kTerms; ++i) {
      sum = _mm256_xor_si256(sum, Multiply(LoadU(inputs[i] + k), low[i], high[i]));
    }
    StoreU(out + k, sum);
  }
  return k;
}

}  // namespace

bool Avx2Supported() { return __builtin_cpu_supports("avx2"); }

KR_AVX2 void Avx2MulAdd(std::uint8_t* acc, const std::uint8_t* x, std::size_t len,
                        std::uint8_t scalar) {
  Tables t;
  BuildNibbleTables(scalar, t.bytes);
  const std::size_t k = CombineGroup<1>(acc, &x, &t, len, true);
  PortableMulAdd(acc + k, x + k, len - k, scalar);
  secmem::Wipe(&t, sizeof t);
}

// Terms go four at a time (eight tables, two sums and the products fit the 16 registers); a
// second group onwards adds into what the first wrote.
KR_AVX2 void Avx2LinearCombination(std::uint8_t* out, const std::uint8_t* const* inputs,
                                   const std::uint8_t* scalars, std::size_t count,
                                   std::size_t len) {
  std::array<Tables, kMaxTerms> tables;
  for (std::size_t i = 0; i < count; ++i) BuildNibbleTables(scalars[i], tables[i].bytes);
  std::size_t k = 0;
  for (std::size_t first = 0; first < count; first += 4) {
    const std::uint8_t* const* group = inputs + first;
    const Tables* t = tables.data() + first;
    const bool accumulate = first > 0;
    switch (std::min<std::size_t>(count - first, 4)) {
      case 1: k = CombineGroup<1>(out, group, t, len, accumulate); break;
      case 2: k = CombineGroup<2>(out, group, t, len, accumulate); break;
      case 3: k = CombineGroup<3>(out, group, t, len, accumulate); break;
      default: k = CombineGroup<4>(out, group, t, len, accumulate); break;
    }
  }
  LinearCombinationTail(out, inputs, scalars, count, k, len - k);
  secmem::Wipe(tables.data(), count * sizeof(Tables));
}

}  // namespace keyrite::gf256::internal

#endif  // __x86_64__
