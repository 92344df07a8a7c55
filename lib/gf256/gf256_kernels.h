#pragma once
// The vector kernels behind gf256::MulAdd, LinearCombination and EvaluatePolynomials: a portable
// one and, on x86-64, SSSE3, AVX2 (split-nibble shuffles) and GFNI (gf2p8mulb, the same 0x11B
// field) ones, picked once at run time from what the CPU supports. Every kernel is constant time
// in all of its bytes and scalars; only lengths and counts are public. Listed here so that tests
// and benchmarks can run each one; other code calls the functions in gf256.h.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace keyrite::gf256 {

// acc[k] ^= scalar * x[k] for k < len.
using MulAddFn = void (*)(std::uint8_t* acc, const std::uint8_t* x, std::size_t len,
                          std::uint8_t scalar);

// out[k] = sum over i < count of scalars[i] * inputs[i][k], for k < len. 1 <= count <= kMaxTerms;
// out is overwritten and does not overlap an input.
using LinearCombinationFn = void (*)(std::uint8_t* out, const std::uint8_t* const* inputs,
                                     const std::uint8_t* scalars, std::size_t count,
                                     std::size_t len);

struct Kernel {
  std::string_view name;  // "portable", "ssse3", "avx2", "gfni"
  bool (*supported)();    // whether the CPU, as this process sees it, can run the kernel
  MulAddFn mul_add;
  LinearCombinationFn linear_combination;
};

// Every kernel compiled into this build, portable first, then in order of preference.
std::span<const Kernel> AllKernels();

// The last supported kernel of AllKernels(), chosen on first use and kept for the process.
const Kernel& ActiveKernel();

}  // namespace keyrite::gf256
