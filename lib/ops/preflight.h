#pragma once
// The checks every secret-handling command makes before it touches a secret: no non-loopback
// network interface is up (unless allowed, which the caller records), and enough memory can be
// locked to keep secrets out of swap.

#include <string>
#include <vector>

#include "base/status.h"

namespace keyrite::ops {

// Locked memory a secret-handling command may need: a 64 KiB secret, its shares and temporaries.
inline constexpr std::size_t kLockBudgetBytes = 4 * 1024 * 1024;

// The names of the non-loopback interfaces that are up (empty when offline): with allow_online
// the command goes on and the caller must say so (and, once it exists, record it).
Result<std::vector<std::string>> PreflightSecretCommand(bool allow_online);

}  // namespace keyrite::ops
