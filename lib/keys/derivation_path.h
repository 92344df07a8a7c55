#pragma once
// Derivation paths of BIP-32 / SLIP-10: "m/44'/60'/0'/0/0". A step is an index below 2^31,
// hardened when followed by ' or h or H (index + 2^31). Paths are public text: they go into
// messages, reports and state files.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace keyrite::keys {

inline constexpr std::uint32_t kHardenedOffset = 0x80000000U;
// BIP-32 serializes the depth in one byte.
inline constexpr std::size_t kMaxPathDepth = 255;

using DerivationPath = std::vector<std::uint32_t>;

inline bool IsHardened(std::uint32_t index) { return index >= kHardenedOffset; }

// "m" alone is the master key. InvalidArgument naming the path and the step at fault for a
// missing "m/", an empty step, a non-number, an index of 2^31 or more, or more than 255 steps.
Result<DerivationPath> ParseDerivationPath(std::string_view text);

// The canonical text, hardened steps written with ': "m/44'/60'/0'/0/0".
std::string FormatDerivationPath(std::span<const std::uint32_t> path);

}  // namespace keyrite::keys
