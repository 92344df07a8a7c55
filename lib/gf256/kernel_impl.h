#pragma once
// Internal to lib/gf256: the entry points of each kernel (gf256_kernels.h lists them) and the
// helpers they share. The SIMD kernels hand the last few bytes of a vector to the portable code,
// so every kernel is constant time for the same reasons the portable one is.

#include <cstddef>
#include <cstdint>

namespace keyrite::gf256::internal {

// Scalar times each nibble value: table[n] = scalar * n and table[16 + n] = scalar * (n << 4),
// n = 0..15; then scalar * v = table[v & 15] ^ table[16 + (v >> 4)]. Built without branches or
// indices on the scalar; the SIMD kernels index it with shuffles (register-only, no memory
// access), never with a load.
void BuildNibbleTables(std::uint8_t scalar, std::uint8_t table[32]);

// The two tables of one scalar, aligned for a vector load.
struct alignas(16) NibbleTables {
  std::uint8_t bytes[32];
};

// The SIMD kernels' common tail: out[k] = sum_i scalars[i] * inputs[i][offset + k], k < len,
// written to out + offset.
void LinearCombinationTail(std::uint8_t* out, const std::uint8_t* const* inputs,
                           const std::uint8_t* scalars, std::size_t count, std::size_t offset,
                           std::size_t len);

void PortableMulAdd(std::uint8_t* acc, const std::uint8_t* x, std::size_t len, std::uint8_t scalar);
void PortableLinearCombination(std::uint8_t* out, const std::uint8_t* const* inputs,
                               const std::uint8_t* scalars, std::size_t count, std::size_t len);

#if defined(__x86_64__)
bool Ssse3Supported();
void Ssse3MulAdd(std::uint8_t* acc, const std::uint8_t* x, std::size_t len, std::uint8_t scalar);
void Ssse3LinearCombination(std::uint8_t* out, const std::uint8_t* const* inputs,
                            const std::uint8_t* scalars, std::size_t count, std::size_t len);

bool Avx2Supported();
void Avx2MulAdd(std::uint8_t* acc, const std::uint8_t* x, std::size_t len, std::uint8_t scalar);
void Avx2LinearCombination(std::uint8_t* out, const std::uint8_t* const* inputs,
                           const std::uint8_t* scalars, std::size_t count, std::size_t len);

bool GfniSupported();
void GfniMulAdd(std::uint8_t* acc, const std::uint8_t* x, std::size_t len, std::uint8_t scalar);
void GfniLinearCombination(std::uint8_t* out, const std::uint8_t* const* inputs,
                           const std::uint8_t* scalars, std::size_t count, std::size_t len);
#endif

}  // namespace keyrite::gf256::internal
