#include "keys/keccak.h"

#include <bit>
#include <cstring>

#include "secmem/secure_bytes.h"

namespace keyrite::keys {
namespace {

using State = std::array<std::uint64_t, 25>;  // lane (x, y) lives at index x + 5 * y

// Keccak-256: capacity 512 bits, so each block absorbs 1600 - 512 bits = 136 bytes.
constexpr std::size_t kRateBytes = 136;
constexpr int kRounds = 24;

// The round constants and rotation offsets are computed from their definitions in FIPS 202
// (Algorithm 5 for rc(t), Section 3.2.2 for rho) rather than typed in, so a typo cannot hide.
constexpr bool RoundConstantBit(int t) {
  unsigned r = 1;  // bit i of r is R[i]
  for (int i = 0; i < t % 255; ++i) {
    r <<= 1;
    const unsigned r8 = (r >> 8) & 1u;
    r ^= r8 | (r8 << 4) | (r8 << 5) | (r8 << 6);
    r &= 0xffu;
  }
  return (r & 1u) != 0;
}

constexpr std::array<std::uint64_t, kRounds> MakeRoundConstants() {
  std::array<std::uint64_t, kRounds> rc{};
  for (int round = 0; round < kRounds; ++round) {
    for (int j = 0; j <= 6; ++j) {
      if (RoundConstantBit(j + 7 * round)) rc[round] |= std::uint64_t{1} << ((1 << j) - 1);
    }
  }
  return rc;
}

constexpr std::array<int, 25> MakeRhoOffsets() {
  std::array<int, 25> offsets{};
  int x = 1, y = 0;
  for (int t = 0; t < 24; ++t) {
    offsets[x + 5 * y] = ((t + 1) * (t + 2) / 2) % 64;
    const int next_y = (2 * x + 3 * y) % 5;
    x = y;
    y = next_y;
  }
  return offsets;
}

constexpr auto kRoundConstants = MakeRoundConstants();
constexpr auto kRhoOffsets = MakeRhoOffsets();
static_assert(kRoundConstants[0] == 0x0000000000000001ull);
static_assert(kRoundConstants[23] == 0x8000000080008008ull);
static_assert(kRhoOffsets[1] == 1 && kRhoOffsets[24] == 14);

void Theta(State& a) {
  std::uint64_t c[5];
  for (int x = 0; x < 5; ++x) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
  for (int x = 0; x < 5; ++x) {
    const std::uint64_t d = c[(x + 4) % 5] ^ std::rotl(c[(x + 1) % 5], 1);
    for (int y = 0; y < 25; y += 5) a[x + y] ^= d;
  }
  secmem::Wipe(c, sizeof c);
}

// Rho rotates each lane, pi moves lane (x, y) to (y, 2x + 3y).
void RhoPi(State& a) {
  State b;
  for (int x = 0; x < 5; ++x) {
    for (int y = 0; y < 5; ++y) {
      b[y + 5 * ((2 * x + 3 * y) % 5)] = std::rotl(a[x + 5 * y], kRhoOffsets[x + 5 * y]);
    }
  }
  a = b;
  secmem::Wipe(b.data(), sizeof b);
}

void Chi(State& a) {
  for (int y = 0; y < 25; y += 5) {
    std::uint64_t row[5];
    for (int x = 0; x < 5; ++x) row[x] = a[x + y];
    for (int x = 0; x < 5; ++x) a[x + y] = row[x] ^ (~row[(x + 1) % 5] & row[(x + 2) % 5]);
    secmem::Wipe(row, sizeof row);
  }
}

void KeccakF1600(State& a) {
  for (int round = 0; round < kRounds; ++round) {
    Theta(a);
    RhoPi(a);
    Chi(a);
    a[0] ^= kRoundConstants[round];  // iota
  }
}

std::uint64_t LoadLittleEndian(const std::uint8_t* p) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

void AbsorbBlock(State& a, const std::uint8_t* block) {
  for (std::size_t i = 0; i < kRateBytes / 8; ++i) a[i] ^= LoadLittleEndian(block + 8 * i);
  KeccakF1600(a);
}

// The final (possibly empty) partial block with the legacy Keccak pad10*1: 0x01 after the
// data, 0x80 in the last byte of the block (the same byte when only one byte is left).
void AbsorbLastBlock(State& a, std::span<const std::uint8_t> tail) {
  secmem::Wiped<std::array<std::uint8_t, kRateBytes>> block;
  if (!tail.empty()) std::memcpy(block.value.data(), tail.data(), tail.size());
  block.value[tail.size()] ^= 0x01;
  block.value[kRateBytes - 1] ^= 0x80;
  AbsorbBlock(a, block.value.data());
}

Keccak256Digest Squeeze(const State& a) {
  Keccak256Digest digest;
  for (std::size_t i = 0; i < digest.size(); ++i) {
    digest[i] = static_cast<std::uint8_t>(a[i / 8] >> (8 * (i % 8)));
  }
  return digest;
}

}  // namespace

Keccak256Digest Keccak256(std::span<const std::uint8_t> data) {
  secmem::Wiped<State> state;
  while (data.size() >= kRateBytes) {
    AbsorbBlock(state.value, data.data());
    data = data.subspan(kRateBytes);
  }
  AbsorbLastBlock(state.value, data);
  return Squeeze(state.value);
}

Keccak256Digest Keccak256(std::string_view text) {
  return Keccak256(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

}  // namespace keyrite::keys
