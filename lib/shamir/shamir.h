#pragma once
// Shamir secret sharing over GF(2^8), byte by byte: each secret byte is the constant term of its
// own random polynomial of degree t-1, and share x holds the values at x. The y values and the
// coefficients are secret (SecureBytes); x coordinates, threshold and lengths are public. Both
// functions are constant time in the secret bytes, the coefficients and the y values.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "base/rng.h"
#include "base/status.h"
#include "secmem/secure_bytes.h"

namespace keyrite::shamir {

// 64 KiB of secret plus the 16-byte tag that the share-set layer appends.
inline constexpr std::size_t kMaxSecretBytes = 65536 + 16;

struct Point {
  std::uint8_t x = 0;
  secmem::SecureBytes y;
};

// Shares of `secret` at x = 1..count, any `threshold` of which recombine it. Needs
// 1 <= threshold <= count and 1..kMaxSecretBytes secret bytes, else InvalidArgument. Draws
// (threshold - 1) * secret.size() bytes from rng.
Result<std::vector<Point>> Split(std::span<const std::uint8_t> secret, std::uint8_t threshold,
                                 std::uint8_t count, Rng& rng);

// The polynomial through `points` evaluated at at_x (0 gives the secret). The x coordinates must
// be distinct (a broken caller aborts); the y values must have one non-zero length, else
// InvalidArgument.
Result<secmem::SecureBytes> Interpolate(std::span<const Point> points, std::uint8_t at_x);

}  // namespace keyrite::shamir
