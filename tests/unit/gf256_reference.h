#pragma once
// A slow GF(2^8) multiply written independently of lib/gf256, for checking it: the carry-less
// product of two polynomials over GF(2), reduced modulo the AES polynomial 0x11B.

#include <cstdint>

namespace keyrite::testing {

inline std::uint8_t ReferenceMul(std::uint8_t a, std::uint8_t b) {
  unsigned product = 0;
  for (int i = 0; i < 8; ++i) {
    if ((b >> i) & 1) product ^= static_cast<unsigned>(a) << i;
  }
  for (int degree = 14; degree >= 8; --degree) {
    if ((product >> degree) & 1) product ^= 0x11Bu << (degree - 8);
  }
  return static_cast<std::uint8_t>(product);
}

}  // namespace keyrite::testing
