// AES-256-CTR: the key schedule by aeskeygenassist (FIPS 197 section 5.2), then eight counter
// blocks encrypted side by side so the AES units stay busy.

#include "base/aes256_ctr.h"

#include <sodium.h>

#include <cstring>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#endif

namespace keyrite::internal {

#if defined(__x86_64__)
namespace {

#define KR_AES __attribute__((target("aes,sse4.1")))

constexpr int kRounds = 14;
constexpr std::size_t kBlock = 16;
constexpr std::size_t kLanes = 8;

// One step of the schedule: w ^ (w << 32) ^ (w << 64) ^ (w << 96) ^ assist.
KR_AES inline __m128i NextWord(__m128i w, __m128i assist) {
  w = _mm_xor_si128(w, _mm_slli_si128(w, 4));
  w = _mm_xor_si128(w, _mm_slli_si128(w, 4));
  w = _mm_xor_si128(w, _mm_slli_si128(w, 4));
  return _mm_xor_si128(w, assist);
}

// Round keys 2i and 2i + 1 from 2i - 2 and 2i - 1; the round constant must be an immediate.
template <int kRcon>
KR_AES inline void ExpandPair(__m128i* rk, int i) {
  rk[2 * i] = NextWord(rk[2 * i - 2],
                       _mm_shuffle_epi32(_mm_aeskeygenassist_si128(rk[2 * i - 1], kRcon), 0xFF));
  if (2 * i + 1 > kRounds) return;
  rk[2 * i + 1] =
      NextWord(rk[2 * i - 1], _mm_shuffle_epi32(_mm_aeskeygenassist_si128(rk[2 * i], 0), 0xAA));
}

KR_AES void ExpandKey(const std::uint8_t key[32], __m128i rk[kRounds + 1]) {
  rk[0] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(key));
  rk[1] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(key + 16));
  ExpandPair<0x01>(rk, 1);
  ExpandPair<0x02>(rk, 2);
  ExpandPair<0x04>(rk, 3);
  ExpandPair<0x08>(rk, 4);
  ExpandPair<0x10>(rk, 5);
  ExpandPair<0x20>(rk, 6);
  ExpandPair<0x40>(rk, 7);
}

// The counter block with counter value c: the iv's first 8 bytes, then c big-endian.
KR_AES inline __m128i CounterBlock(std::uint64_t prefix, std::uint64_t c) {
  return _mm_set_epi64x(static_cast<long long>(__builtin_bswap64(c)),
                        static_cast<long long>(prefix));
}

}  // namespace

bool Aes256CtrSupported() {
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) == 0) return false;
  return (ecx & bit_AES) != 0 && (ecx & bit_SSE4_1) != 0;
}

namespace {

// The compiler keeps some round keys in stack slots of its own besides rk; the caller wipes the
// whole frame after it returns (sodium_stackzero), hence noinline.
__attribute__((noinline)) KR_AES void Keystream(const std::uint8_t key[32],
                                                const std::uint8_t iv[16], std::uint8_t* out,
                                                std::size_t size) {
  __m128i rk[kRounds + 1];
  ExpandKey(key, rk);
  std::uint64_t prefix = 0, counter = 0;
  std::memcpy(&prefix, iv, 8);
  std::memcpy(&counter, iv + 8, 8);
  counter = __builtin_bswap64(counter);

  std::size_t done = 0;
  for (; size - done >= kLanes * kBlock; done += kLanes * kBlock) {
    // Fully unrolled, so that the eight states live in registers, not in memory.
    __m128i x[kLanes];
#pragma GCC unroll 8
    for (std::size_t j = 0; j < kLanes; ++j) {
      x[j] = _mm_xor_si128(CounterBlock(prefix, counter++), rk[0]);
    }
#pragma GCC unroll 14
    for (int r = 1; r < kRounds; ++r) {
#pragma GCC unroll 8
      for (std::size_t j = 0; j < kLanes; ++j) x[j] = _mm_aesenc_si128(x[j], rk[r]);
    }
#pragma GCC unroll 8
    for (std::size_t j = 0; j < kLanes; ++j) {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out + done + j * kBlock),
                       _mm_aesenclast_si128(x[j], rk[kRounds]));
    }
  }
  for (; done < size; done += kBlock) {  // the last blocks, one at a time; the last may be cut
    __m128i x = _mm_xor_si128(CounterBlock(prefix, counter++), rk[0]);
    for (int r = 1; r < kRounds; ++r) x = _mm_aesenc_si128(x, rk[r]);
    alignas(16) std::uint8_t block[kBlock];
    _mm_store_si128(reinterpret_cast<__m128i*>(block), _mm_aesenclast_si128(x, rk[kRounds]));
    std::memcpy(out + done, block, size - done < kBlock ? size - done : kBlock);
    sodium_memzero(block, sizeof block);
  }
  sodium_memzero(rk, sizeof rk);
}

constexpr std::size_t kFrameBytes = 2048;  // more than Keystream's frame (about 450 bytes)

}  // namespace

void Aes256CtrKeystream(const std::uint8_t key[32], const std::uint8_t iv[16], std::uint8_t* out,
                        std::size_t size) {
  Keystream(key, iv, out, size);
  sodium_stackzero(kFrameBytes);
}

#else

bool Aes256CtrSupported() { return false; }
void Aes256CtrKeystream(const std::uint8_t*, const std::uint8_t*, std::uint8_t*, std::size_t) {}

#endif

}  // namespace keyrite::internal
