#pragma once
// Sealing: authenticated encryption of one small secret under a 32-byte key, with associated data
// that binds it to where it belongs (libsodium XChaCha20-Poly1305-IETF, random 24-byte nonce).
// The sealed form, nonce ‖ ciphertext ‖ tag, is public; the opened bytes are SecureBytes.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/rng.h"
#include "base/status.h"
#include "secmem/secure_bytes.h"

namespace keyrite::unsealer {

std::vector<std::uint8_t> Seal(const secmem::SecureBytes& key,
                               std::span<const std::uint8_t> plaintext,
                               std::string_view associated_data, Rng& rng);

// Corrupt naming `what` when the sealed bytes were changed, belong elsewhere (other associated
// data) or were sealed under another key.
Result<secmem::SecureBytes> Open(const secmem::SecureBytes& key,
                                 std::span<const std::uint8_t> sealed,
                                 std::string_view associated_data, std::string_view what);

}  // namespace keyrite::unsealer
