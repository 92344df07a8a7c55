// ssss's diffusion layer, from its published description: the element is laid out as 16-bit
// words, least significant word first, each word's high byte first (a single top byte, when the
// field has an odd number of bytes, goes last). Then, for every even offset i below 40 * bytes,
// the 8 bytes at positions i .. i+7 (wrapping around) are read as two big-endian 32-bit words,
// enciphered with XTEA (32 cycles, all-zero key) and written back. Undiffuse runs the passes in
// reverse order with XTEA decipherment.
#include "legacy/ssss_diffusion.h"

#include <array>

#include "base/check.h"
#include "secmem/secure_bytes.h"

namespace keyrite::legacy {
namespace {

constexpr std::uint32_t kDelta = 0x9E3779B9;
constexpr unsigned kCycles = 32;
constexpr std::size_t kMaxBytes = 128;

// The zero key makes every key word 0, so no key schedule (and no table index) remains.
std::uint32_t Mix(std::uint32_t v, std::uint32_t sum) { return (((v << 4) ^ (v >> 5)) + v) ^ sum; }

void Encipher(std::uint32_t& v0, std::uint32_t& v1) {
  std::uint32_t sum = 0;
  for (unsigned i = 0; i < kCycles; ++i) {
    v0 += Mix(v1, sum);
    sum += kDelta;
    v1 += Mix(v0, sum);
  }
}

void Decipher(std::uint32_t& v0, std::uint32_t& v1) {
  std::uint32_t sum = kDelta * kCycles;
  for (unsigned i = 0; i < kCycles; ++i) {
    v1 -= Mix(v0, sum);
    sum -= kDelta;
    v0 -= Mix(v1, sum);
  }
}

std::uint32_t ReadWord(const std::uint8_t* buf, std::size_t at, std::size_t len) {
  std::uint32_t w = 0;
  for (std::size_t j = 0; j < 4; ++j) w = (w << 8) | buf[(at + j) % len];
  return w;
}

void WriteWord(std::uint8_t* buf, std::size_t at, std::size_t len, std::uint32_t w) {
  for (std::size_t j = 0; j < 4; ++j)
    buf[(at + j) % len] = static_cast<std::uint8_t>(w >> (24 - 8 * j));
}

void Slice(std::uint8_t* buf, std::size_t at, std::size_t len, bool forward) {
  secmem::Wiped<std::array<std::uint32_t, 2>> v;
  v.value[0] = ReadWord(buf, at, len);
  v.value[1] = ReadWord(buf, at + 4, len);
  if (forward) {
    Encipher(v.value[0], v.value[1]);
  } else {
    Decipher(v.value[0], v.value[1]);
  }
  WriteWord(buf, at, len, v.value[0]);
  WriteWord(buf, at + 4, len, v.value[1]);
}

// Big-endian element bytes to ssss's word layout and back (a permutation of positions).
std::size_t LayoutPosition(std::size_t be_index, std::size_t len) {
  if (len % 2 == 1 && be_index == 0) return len - 1;
  const std::size_t from_end = len - 1 - be_index;  // 0 for the least significant byte
  return from_end % 2 == 0 ? from_end + 1 : from_end - 1;
}

void Run(std::span<std::uint8_t> secret, bool forward) {
  const std::size_t len = secret.size();
  KR_CHECK(len >= kMinDiffusionBytes && len <= kMaxBytes);
  secmem::Wiped<std::array<std::uint8_t, kMaxBytes>> buf;
  for (std::size_t i = 0; i < len; ++i) buf.value[LayoutPosition(i, len)] = secret[i];
  const std::size_t passes = 40 * len;
  for (std::size_t k = 0; k < passes; k += 2) {
    Slice(buf.value.data(), forward ? k : passes - 2 - k, len, forward);
  }
  for (std::size_t i = 0; i < len; ++i) secret[i] = buf.value[LayoutPosition(i, len)];
}

}  // namespace

void Diffuse(std::span<std::uint8_t> secret) { Run(secret, true); }
void Undiffuse(std::span<std::uint8_t> secret) { Run(secret, false); }

}  // namespace keyrite::legacy
