#pragma once
// Shares written by ssss-split (B. Poettering's ssss, Debian package "ssss"): one line each,
// "N-HEX" or "TOKEN-N-HEX", where N is the share's x coordinate and HEX its y value, an element of
// GF(2^(4 * hex digits)). y values and the recovered secret are secret (SecureBytes); the token,
// index and size are public. Recombination is constant time in the y values (docs/formats/ssss.md).

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "base/status.h"
#include "secmem/secure_bytes.h"

namespace keyrite::legacy {

struct SsssShare {
  std::string origin;  // where it came from, for messages: "shares.txt line 2"
  std::string token;   // "" without one
  std::uint32_t index = 0;
  secmem::SecureBytes y;  // big-endian, bits / 8 bytes
};

// One share line (surrounding blanks ignored). InvalidInput naming `origin` and the part at fault.
Result<SsssShare> ParseSsssShare(std::string_view line, std::string origin);

struct SsssCombineOptions {
  unsigned threshold = 0;  // ssss shares do not record it: the -t given to ssss-split
  bool diffusion = true;   // false for shares made with ssss-split -D (or ssss 0.1)
};

// The secret, bits / 8 bytes, big-endian as ssss holds it (a text secret split with -s larger
// than itself comes back with leading zero bytes). Needs at least `threshold` shares of one size,
// token and distinct indices; shares beyond the threshold must lie on the same polynomial
// (Corrupt otherwise), which catches a wrong -t or a damaged share when more are given.
Result<secmem::SecureBytes> CombineSsss(std::span<const SsssShare> shares,
                                        const SsssCombineOptions& options);

}  // namespace keyrite::legacy
