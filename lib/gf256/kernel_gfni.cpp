// The GFNI kernel: gf2p8mulb multiplies 32 pairs of bytes in GF(2^8) reduced by
// x^8 + x^4 + x^3 + x + 1, exactly keyrite's field (0x11B), in one instruction whose timing does
// not depend on its operands: no tables at all. The 256-bit (VEX) form needs AVX as well, so the
// kernel runs when the CPU has both GFNI and AVX2. Only this file is compiled for them.

#if defined(__x86_64__)

#include <immintrin.h>

#include "gf256/gf256.h"
#include "gf256/kernel_impl.h"
#include "secmem/secure_bytes.h"

namespace keyrite::gf256::internal {
namespace {

#define KR_GFNI __attribute__((target("gfni,avx2")))

KR_GFNI inline __m256i LoadU(const std::uint8_t* p) {
  return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
}

KR_GFNI inline void StoreU(std::uint8_t* p, __m256i v) {
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), v);
}

KR_GFNI inline __m256i Broadcast(std::uint8_t scalar) {
  return _mm256_set1_epi8(static_cast<char>(scalar));
}

}  // namespace

bool GfniSupported() { return __builtin_cpu_supports("gfni") && __builtin_cpu_supports("avx2"); }

KR_GFNI void GfniMulAdd(std::uint8_t* acc, const std::uint8_t* x, std::size_t len,
                        std::uint8_t scalar) {
  const __m256i s = Broadcast(scalar);
  std::size_t k = 0;
  for (; k + 32 <= len; k += 32) {
    StoreU(acc + k, _mm256_xor_si256(LoadU(acc + k), _mm256_gf2p8mul_epi8(LoadU(x + k), s)));
  }
  PortableMulAdd(acc + k, x + k, len - k, scalar);
}

KR_GFNI void GfniLinearCombination(std::uint8_t* out, const std::uint8_t* const* inputs,
                                   const std::uint8_t* scalars, std::size_t count,
                                   std::size_t len) {
  __m256i broadcast[kMaxTerms];
  for (std::size_t i = 0; i < count; ++i) broadcast[i] = Broadcast(scalars[i]);
  std::size_t k = 0;
  for (; k + 32 <= len; k += 32) {
    __m256i sum = _mm256_setzero_si256();
    for (std::size_t i = 0; i < count; ++i) {
      sum = _mm256_xor_si256(sum, _mm256_gf2p8mul_epi8(LoadU(inputs[i] + k), broadcast[i]));
    }
    StoreU(out + k, sum);
  }
  LinearCombinationTail(out, inputs, scalars, count, k, len - k);
  secmem::Wipe(broadcast, count * sizeof(__m256i));
}

}  // namespace keyrite::gf256::internal

#endif  // __x86_64__
