#pragma once
// The SLIP-39 encryption of a master secret: a 4-round Feistel network whose round function is
// PBKDF2-HMAC-SHA256 keyed by the round number and the passphrase, salted with "shamir" and the
// share-set identifier (nothing for extendable sets), and (10000 << e) / 4 iterations per round.
// Inputs and outputs are secret; both directions return a new SecureBytes of the input's length.

#include <cstdint>
#include <span>

#include "secmem/secure_bytes.h"

namespace keyrite::slip39 {

inline constexpr std::uint32_t kBaseIterationCount = 10000;
inline constexpr std::uint32_t kRoundCount = 4;

struct CipherParameters {
  std::uint16_t identifier = 0;  // 15 bits
  bool extendable = false;
  std::uint8_t iteration_exponent = 0;  // 0..15
};

// `secret` has an even number of bytes (a caller bug otherwise). The passphrase is any bytes;
// SLIP-39 allows printable ASCII only, which the callers check.
secmem::SecureBytes Encrypt(std::span<const std::uint8_t> secret,
                            std::span<const std::uint8_t> passphrase, const CipherParameters& p);
secmem::SecureBytes Decrypt(std::span<const std::uint8_t> encrypted,
                            std::span<const std::uint8_t> passphrase, const CipherParameters& p);

}  // namespace keyrite::slip39
