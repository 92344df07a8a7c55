// The harness's own check: a deliberately leaky GF(2^8) inverse (a table indexed by the secret,
// as fast implementations do). Under `valgrind --error-exitcode=1` it must fail, proving that
// the ctime test would catch such a leak; run without valgrind it succeeds.

#include <valgrind/memcheck.h>

#include <array>
#include <cstdint>
#include <cstdio>

namespace {

std::uint8_t SlowMul(std::uint8_t a, std::uint8_t b) {
  unsigned product = 0;
  for (int i = 0; i < 8; ++i) product ^= ((b >> i) & 1u) * (static_cast<unsigned>(a) << i);
  for (int degree = 14; degree >= 8; --degree) {
    product ^= ((product >> degree) & 1u) * (0x11Bu << (degree - 8));
  }
  return static_cast<std::uint8_t>(product);
}

std::array<std::uint8_t, 256> InverseTable() {
  std::array<std::uint8_t, 256> table{};
  for (unsigned a = 1; a < 256; ++a) {
    for (unsigned b = 1; b < 256; ++b) {
      if (SlowMul(static_cast<std::uint8_t>(a), static_cast<std::uint8_t>(b)) == 1) {
        table[a] = static_cast<std::uint8_t>(b);
      }
    }
  }
  return table;
}

}  // namespace

int main() {
  const std::array<std::uint8_t, 256> inverse = InverseTable();
  std::array<std::uint8_t, 32> secret{};
  for (std::size_t i = 0; i < secret.size(); ++i) secret[i] = static_cast<std::uint8_t>(i * 37 + 1);
  VALGRIND_MAKE_MEM_UNDEFINED(secret.data(), secret.size());
  unsigned sum = 0;
  for (const std::uint8_t s : secret) sum += inverse[s];  // the leak: an index that is secret
  VALGRIND_MAKE_MEM_DEFINED(&sum, sizeof sum);
  std::printf("ctime_negative: %u\n", sum);
  return 0;
}
