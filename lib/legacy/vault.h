#pragma once
// HashiCorp Vault's unseal-key shares (its shamir package): Shamir over GF(2^8) with the AES
// polynomial, byte by byte; a share is the y bytes followed by its x coordinate as the last byte,
// x distinct, non-zero and random. Shown as base64 (`vault operator init`) or hex. Share bytes
// and the secret are secret (SecureBytes); x coordinates and lengths are public.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/rng.h"
#include "base/status.h"
#include "secmem/secure_bytes.h"

namespace keyrite::legacy {

struct VaultShare {
  std::string origin;         // "shares.txt line 2", for messages
  secmem::SecureBytes bytes;  // y bytes, then x
};

enum class VaultEncoding { kBase64, kHex };

// Vault's limits: 2 <= threshold <= count <= 255, a non-empty secret. x coordinates are the
// first `count` of a random permutation of 1..255, as Vault draws them.
Result<std::vector<VaultShare>> SplitVault(std::span<const std::uint8_t> secret,
                                           std::uint8_t threshold, std::uint8_t count, Rng& rng);

// One share as Vault prints it (no newline).
secmem::SecureBytes FormatVaultShare(const VaultShare& share, VaultEncoding encoding);

// A base64 or hex line (blanks around it ignored; hex when every character is a hex digit).
// InvalidInput naming `origin`. The share must be 2 or more bytes with a non-zero x.
Result<VaultShare> ParseVaultShare(std::string_view text, std::string origin);

// Interpolates all given shares at 0. Needs 2 or more shares of one length with distinct x
// (Mismatch naming the share otherwise). With threshold > 0 (known from a check file or -t):
// fewer shares is Insufficient, and shares beyond it must lie on the polynomial of the first
// `threshold` (Corrupt otherwise). Vault shares carry no checksum: without a threshold or a check
// value (vault_check.h) too few shares give a wrong secret silently.
Result<secmem::SecureBytes> CombineVault(std::span<const VaultShare> shares, unsigned threshold);

}  // namespace keyrite::legacy
