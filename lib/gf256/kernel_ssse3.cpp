// The SSSE3 kernel: 16 bytes at a time by split-nibble shuffles. scalar * v is
// table_low[v & 15] ^ table_high[v >> 4], where the two 16-byte tables are built from the scalar
// (kernel_impl.h) and looked up with pshufb, which selects bytes inside a register: the data
// bytes choose lanes, never memory addresses, and the instruction's timing does not depend on
// them. Only this file is compiled for SSSE3 (function attributes); the rest stays baseline.

#if defined(__x86_64__)

#include <immintrin.h>

#include <array>

#include "gf256/gf256.h"
#include "gf256/kernel_impl.h"
#include "secmem/secure_bytes.h"

namespace keyrite::gf256::internal {
namespace {

#define KR_SSSE3 __attribute__((target("ssse3")))

struct alignas(16) Tables {
  std::uint8_t bytes[32];
};

KR_SSSE3 inline __m128i Multiply(__m128i v, __m128i low_table, __m128i high_table) {
  const __m128i nibble = _mm_set1_epi8(0x0F);
  const __m128i low = _mm_and_si128(v, nibble);
  const __m128i high = _mm_and_si128(_mm_srli_epi16(v, 4), nibble);
  return _mm_xor_si128(_mm_shuffle_epi8(low_table, low), _mm_shuffle_epi8(high_table, high));
}

KR_SSSE3 inline __m128i LoadTable(const Tables& t, int half) {
  return _mm_load_si128(reinterpret_cast<const __m128i*>(t.bytes + 16 * half));
}

KR_SSSE3 inline __m128i LoadU(const std::uint8_t* p) {
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}

KR_SSSE3 inline void StoreU(std::uint8_t* p, __m128i v) {
  _mm_storeu_si128(reinterpret_cast<__m128i*>(p), v);
}

}  // namespace

bool Ssse3Supported() { return __builtin_cpu_supports("ssse3"); }

KR_SSSE3 void Ssse3MulAdd(std::uint8_t* acc, const std::uint8_t* x, std::size_t len,
                          std::uint8_t scalar) {
  Tables t;
  BuildNibbleTables(scalar, t.bytes);
  const __m128i low_table = LoadTable(t, 0), high_table = LoadTable(t, 1);
  std::size_t k = 0;
  for (; k + 16 <= len; k += 16) {
    StoreU(acc + k, _mm_xor_si128(LoadU(acc + k), Multiply(LoadU(x + k), low_table, high_table)));
  }
  PortableMulAdd(acc + k, x + k, len - k, scalar);
  secmem::Wipe(&t, sizeof t);
}

KR_SSSE3 void Ssse3LinearCombination(std::uint8_t* out, const std::uint8_t* const* inputs,
                                     const std::uint8_t* scalars, std::size_t count,
                                     std::size_t len) {
  std::array<Tables, kMaxTerms> tables;
  for (std::size_t i = 0; i < count; ++i) BuildNibbleTables(scalars[i], tables[i].bytes);
  std::size_t k = 0;
  for (; k + 16 <= len; k += 16) {
    __m128i sum = _mm_setzero_si128();
    for (std::size_t i = 0; i < count; ++i) {
      const __m128i product =
          Multiply(LoadU(inputs[i] + k), LoadTable(tables[i], 0), LoadTable(tables[i], 1));
      sum = _mm_xor_si128(sum, product);
    }
    StoreU(out + k, sum);
  }
  LinearCombinationTail(out, inputs, scalars, count, k, len - k);
  secmem::Wipe(tables.data(), count * sizeof(Tables));
}

}  // namespace keyrite::gf256::internal

#endif  // __x86_64__
