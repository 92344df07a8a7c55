#pragma once
// Random secrets: N bytes straight from the Rng (a master key, a vault secret), returned only in
// SecureBytes.

#include <cstdint>

#include "base/rng.h"
#include "base/status.h"
#include "secmem/secure_bytes.h"

namespace keyrite::keys {

inline constexpr std::size_t kDefaultRandomBytes = 32;
inline constexpr std::size_t kMinRandomBytes = 1;
inline constexpr std::size_t kMaxRandomBytes = 65536;

// InvalidArgument when `size` is outside [kMinRandomBytes, kMaxRandomBytes].
Result<secmem::SecureBytes> GenerateRandomSecret(std::size_t size, Rng& rng);

}  // namespace keyrite::keys
