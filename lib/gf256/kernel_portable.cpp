// The portable kernel: eight field elements at a time in a 64-bit word, with masks instead of
// branches and no tables, so it is constant time on any CPU. Also the SIMD kernels' tail code.

#include <array>
#include <cstring>

#include "gf256/gf256.h"
#include "gf256/kernel_impl.h"
#include "secmem/secure_bytes.h"

namespace keyrite::gf256::internal {
namespace {

constexpr std::uint64_t kLowBits = 0x0101010101010101ull;

// scalar * 2^k for k = 0..7, each copied into all eight bytes of a word. Product of a word v by
// the scalar: the xor over k of powers[k] masked to the bytes of v whose bit k is set.
using Powers = std::array<std::uint64_t, 8>;

std::uint8_t XTime(std::uint8_t v) {
  const unsigned top = 0u - (static_cast<unsigned>(v) >> 7);  // all ones when the top bit is set
  return static_cast<std::uint8_t>((static_cast<unsigned>(v) << 1) ^ (kPolynomial & top));
}

// Shifts and ors only: a multiply could take data-dependent time on some CPUs.
std::uint64_t Broadcast(std::uint8_t byte) {
  std::uint64_t v = byte;
  v |= v << 8;
  v |= v << 16;
  return v | (v << 32);
}

void ScalarPowers(std::uint8_t scalar, Powers& powers) {
  std::uint8_t power = scalar;
  for (std::uint64_t& p : powers) {
    p = Broadcast(power);
    power = XTime(power);
  }
}

std::uint64_t MulWord(std::uint64_t v, const Powers& powers) {
  std::uint64_t product = 0;
  for (unsigned k = 0; k < 8; ++k) {
    // 0xFF in each byte whose bit k is set: (bits << 8) - bits, exact modulo 2^64.
    const std::uint64_t bits = (v >> k) & kLowBits;
    const std::uint64_t byte_mask = (bits << 8) - bits;
    product ^= powers[k] & byte_mask;
  }
  return product;
}

std::uint64_t Load(const std::uint8_t* p) {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

void Store(std::uint8_t* p, std::uint64_t v) { std::memcpy(p, &v, sizeof v); }

}  // namespace

void BuildNibbleTables(std::uint8_t scalar, std::uint8_t table[32]) {
  // scalar * n is linear in n over GF(2): for n = 2^k + j with j < 2^k, entry n is entry j xor
  // scalar * 2^k. Fifteen xors per half, no branch on the scalar (k and j are public).
  std::uint8_t low = scalar;  // scalar * 2^k
  std::uint8_t high = XTime(XTime(XTime(XTime(scalar))));  // scalar * 2^(k + 4)
  table[0] = 0;
  table[16] = 0;
  for (unsigned k = 0; k < 4; ++k) {
    const unsigned base = 1u << k;
    for (unsigned j = 0; j < base; ++j) {
      table[base + j] = static_cast<std::uint8_t>(table[j] ^ low);
      table[16 + base + j] = static_cast<std::uint8_t>(table[16 + j] ^ high);
    }
    low = XTime(low);
    high = XTime(high);
  }
}

void PortableMulAdd(std::uint8_t* acc, const std::uint8_t* x, std::size_t len,
                    std::uint8_t scalar) {
  Powers powers;
  ScalarPowers(scalar, powers);
  std::size_t k = 0;
  for (; k + 8 <= len; k += 8) Store(acc + k, Load(acc + k) ^ MulWord(Load(x + k), powers));
  for (; k < len; ++k) acc[k] ^= static_cast<std::uint8_t>(MulWord(x[k], powers));
  secmem::Wipe(powers.data(), sizeof powers);
}

void PortableLinearCombination(std::uint8_t* out, const std::uint8_t* const* inputs,
                               const std::uint8_t* scalars, std::size_t count, std::size_t len) {
  LinearCombinationTail(out, inputs, scalars, count, 0, len);
}

void LinearCombinationTail(std::uint8_t* out, const std::uint8_t* const* inputs,
                           const std::uint8_t* scalars, std::size_t count, std::size_t offset,
                           std::size_t len) {
  if (len == 0) return;
  std::array<Powers, kMaxTerms> powers;
  for (std::size_t i = 0; i < count; ++i) ScalarPowers(scalars[i], powers[i]);
  std::size_t k = offset;
  const std::size_t end = offset + len;
  for (; k + 8 <= end; k += 8) {
    std::uint64_t sum = 0;
    for (std::size_t i = 0; i < count; ++i) sum ^= MulWord(Load(inputs[i] + k), powers[i]);
    Store(out + k, sum);
  }
  for (; k < end; ++k) {
    std::uint64_t sum = 0;
    for (std::size_t i = 0; i < count; ++i) sum ^= MulWord(inputs[i][k], powers[i]);
    out[k] = static_cast<std::uint8_t>(sum);
  }
  secmem::Wipe(powers.data(), count * sizeof(Powers));
}

}  // namespace keyrite::gf256::internal
