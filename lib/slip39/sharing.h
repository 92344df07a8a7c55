#pragma once
// One level of SLIP-39 sharing: Shamir over GF(256) (keyrite's gf256 field) with x = 0..count-1
// for the shares, the secret at x = 255 and a digest share at x = 254 (4 bytes of
// HMAC-SHA256(key = its random rest, secret), then that random rest), so that a recovered secret
// is checked. The secret, the share values and the random bytes are secret (SecureBytes).

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "base/rng.h"
#include "base/status.h"
#include "secmem/secure_bytes.h"
#include "shamir/shamir.h"

namespace keyrite::slip39 {

inline constexpr std::uint8_t kDigestIndex = 254;
inline constexpr std::uint8_t kSecretIndex = 255;
inline constexpr std::size_t kDigestBytes = 4;

// `count` shares at x = 0..count-1, any `threshold` of which recover `secret` (at least
// kDigestBytes + 1 bytes). Needs 1 <= threshold <= count <= 16 (a caller bug otherwise). With
// threshold 1 every share is the secret itself, as SLIP-39 says.
std::vector<shamir::Point> SplitLevel(std::span<const std::uint8_t> secret, std::uint8_t threshold,
                                      std::uint8_t count, Rng& rng);

// The secret behind exactly `threshold` points of distinct x (a caller bug otherwise), its digest
// checked when threshold > 1: Corrupt when the digest does not match.
Result<secmem::SecureBytes> RecoverLevel(std::span<const shamir::Point> points);

// SLIP-39's digest: the first kDigestBytes of HMAC-SHA256(key = random_part, message = secret).
std::array<std::uint8_t, kDigestBytes> ShareDigest(std::span<const std::uint8_t> random_part,
                                                   std::span<const std::uint8_t> secret);

}  // namespace keyrite::slip39
