#pragma once
// The check value keyrite records beside Vault shares, because Vault shares carry no integrity
// check of their own: BLAKE2b-256 of the secret with a random 16-byte salt and the personal string
// "keyrite-vaultchk" (docs/formats/vault-shares.md says why this reveals nothing usable). The
// check file is public JSON; the secret passes in and never out.

#include <array>
#include <cstdint>
#include <span>
#include <string>

#include "base/rng.h"
#include "base/status.h"

namespace keyrite::legacy {

inline constexpr std::string_view kVaultCheckFormat = "keyrite-vault-check";
inline constexpr unsigned kVaultCheckVersion = 1;

struct VaultCheck {
  unsigned threshold = 0;
  unsigned count = 0;
  std::size_t secret_bytes = 0;
  std::array<std::uint8_t, 16> salt{};
  std::array<std::uint8_t, 32> digest{};
};

VaultCheck MakeVaultCheck(std::span<const std::uint8_t> secret, unsigned threshold, unsigned count,
                          Rng& rng);
// Ok when `secret` is the one the check was made for; Corrupt (naming `path`) otherwise.
// Constant time in the secret.
Status VerifyVaultCheck(const VaultCheck& check, std::span<const std::uint8_t> secret,
                        const std::string& path);

std::string FormatVaultCheck(const VaultCheck& check);  // JSON text, newline-terminated
// InvalidInput naming `path` for malformed JSON or fields; Unsupported for another version.
Result<VaultCheck> ParseVaultCheck(std::string_view text, const std::string& path);

}  // namespace keyrite::legacy
