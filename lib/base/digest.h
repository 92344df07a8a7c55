#pragma once
// SHA-256 digests of data and files, on the CPU's SHA extensions when present (sha256_stream.h).
// For secret inputs the digest itself is treated as public only where a format says so (e.g. a
// commitment inside a Shamir payload); the hash state is wiped before returning.

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "base/status.h"

namespace keyrite {

using Sha256Digest = std::array<std::uint8_t, 32>;

Sha256Digest Sha256(std::span<const std::uint8_t> data);
Sha256Digest Sha256(std::string_view data);
// Streams the file; fails with NotFound or IoError naming the path.
Result<Sha256Digest> Sha256File(const std::string& path);

}  // namespace keyrite
