// The kernel table and the run-time choice among its entries.

#include "gf256/gf256_kernels.h"
#include "gf256/kernel_impl.h"

namespace keyrite::gf256 {
namespace {

bool Always() { return true; }

constexpr Kernel kKernels[] = {
    {"portable", &Always, &internal::PortableMulAdd, &internal::PortableLinearCombination},
#if defined(__x86_64__)
    {"ssse3", &internal::Ssse3Supported, &internal::Ssse3MulAdd, &internal::Ssse3LinearCombination},
    {"avx2", &internal::Avx2Supported, &internal::Avx2MulAdd, &internal::Avx2LinearCombination},
    {"gfni", &internal::GfniSupported, &internal::GfniMulAdd, &internal::GfniLinearCombination},
#endif
};

const Kernel& Choose() {
  const Kernel* best = &kKernels[0];
  for (const Kernel& k : kKernels) {
    if (k.supported()) best = &k;
  }
  return *best;
}

}  // namespace

std::span<const Kernel> AllKernels() { return kKernels; }

const Kernel& ActiveKernel() {
  static const Kernel& active = Choose();  // initialized once, thread-safely
  return active;
}

}  // namespace keyrite::gf256
