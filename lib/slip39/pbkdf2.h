#pragma once
// PBKDF2 with HMAC-SHA256 (RFC 8018 section 5.2) over libsodium's crypto_auth_hmacsha256, for the
// SLIP-39 Feistel rounds. Password, salt and output may be secret: the HMAC states that hold the
// keyed pads are wiped; the output goes into caller-owned memory (a SecureBytes).

#include <cstdint>
#include <span>

namespace keyrite::slip39 {

// Fills `out` (1 or more bytes) with PBKDF2-HMAC-SHA256(password, salt, iterations >= 1).
void Pbkdf2HmacSha256(std::span<const std::uint8_t> password, std::span<const std::uint8_t> salt,
                      std::uint32_t iterations, std::span<std::uint8_t> out);

}  // namespace keyrite::slip39
