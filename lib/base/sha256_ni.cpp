// SHA-256 compression on the SHA extensions: sha256rnds2 does two rounds on the state held as
// (A, B, E, F) and (C, D, G, H); sha256msg1/sha256msg2 extend the message schedule. Data only
// moves through registers and fixed-latency instructions. Compiled for "sha,sse4.1" by function
// attributes; off x86-64 it is never supported.

#include "base/sha256_ni.h"

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#endif

namespace keyrite::internal {

#if defined(__x86_64__)
namespace {

#define KR_SHA __attribute__((target("sha,sse4.1")))

// FIPS 180-4 section 4.2.2: the 64 round constants.
alignas(16) constexpr std::uint32_t kRound[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

// The message words are big-endian; this shuffle swaps the bytes of each 32-bit lane.
KR_SHA inline __m128i LoadBigEndianWords(const std::uint8_t* p) {
  const __m128i swap = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);
  return _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), swap);
}

// Four rounds with the schedule words w (W[4g..4g+3]). After two rounds the new (C, D, G, H)
// is the old (A, B, E, F), so the two registers swap roles and are back in place after four.
KR_SHA inline void FourRounds(__m128i& abef, __m128i& cdgh, __m128i w, int group) {
  __m128i wk =
      _mm_add_epi32(w, _mm_load_si128(reinterpret_cast<const __m128i*>(kRound + 4 * group)));
  cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);  // (A, B, E, F) after two rounds
  wk = _mm_shuffle_epi32(wk, 0x0E);              // the upper two words
  abef = _mm_sha256rnds2_epu32(abef, cdgh, wk);  // (A, B, E, F) after four
}

KR_SHA void CompressBlock(__m128i& abef, __m128i& cdgh, const std::uint8_t* block) {
  const __m128i abef_in = abef, cdgh_in = cdgh;
  __m128i w[4];
  // Fully unrolled, w[] lives in registers and the schedule overlaps the rounds.
#pragma GCC unroll 16
  for (int g = 0; g < 16; ++g) {
    if (g < 4) {
      w[g] = LoadBigEndianWords(block + 16 * g);
    } else {
      // W[t] = s1(W[t-2]) + W[t-7] + s0(W[t-15]) + W[t-16], four at a time.
      const __m128i previous = w[(g + 3) % 4], before = w[(g + 2) % 4];
      __m128i next = _mm_sha256msg1_epu32(w[g % 4], w[(g + 1) % 4]);
      next = _mm_add_epi32(next, _mm_alignr_epi8(previous, before, 4));
      w[g % 4] = _mm_sha256msg2_epu32(next, previous);
    }
    FourRounds(abef, cdgh, w[g % 4], g);
  }
  abef = _mm_add_epi32(abef, abef_in);
  cdgh = _mm_add_epi32(cdgh, cdgh_in);
}

}  // namespace

bool Sha256NiSupported() {
  // CPUID directly: clang 14's __builtin_cpu_supports does not know "sha".
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) == 0 || (ecx & bit_SSE4_1) == 0) return false;
  if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) == 0) return false;
  return (ebx & bit_SHA) != 0;
}

KR_SHA void Sha256NiCompress(std::uint32_t state[8], const std::uint8_t* data, std::size_t blocks) {
  // H0..H7 are A..H. Registers list lanes high to low: memory gives (D, C, B, A) and
  // (H, G, F, E); the instructions want (A, B, E, F) and (C, D, G, H).
  const __m128i cdab =
      _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(state)), 0xB1);
  const __m128i ghef =
      _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(state + 4)), 0xB1);
  __m128i abef = _mm_unpacklo_epi64(ghef, cdab);
  __m128i cdgh = _mm_unpackhi_epi64(ghef, cdab);
  for (std::size_t b = 0; b < blocks; ++b) CompressBlock(abef, cdgh, data + 64 * b);
  const __m128i bafe = _mm_shuffle_epi32(abef, 0xB1);
  const __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(state), _mm_unpackhi_epi64(bafe, dchg));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(state + 4), _mm_unpacklo_epi64(bafe, dchg));
}

#else

bool Sha256NiSupported() { return false; }
void Sha256NiCompress(std::uint32_t*, const std::uint8_t*, std::size_t) {}

#endif

}  // namespace keyrite::internal
