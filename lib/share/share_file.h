#pragma once
// Share files: UTF-8 text holding one or more share lines. Lines that are blank or start with '#'
// are comments (keyrite writes one naming the share, the set and the threshold; it is public).
// A file read for combine may hold several shares (e.g. all lines piped through stdin).

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "secmem/secure_bytes.h"
#include "share/share.h"

namespace keyrite::share {

inline constexpr std::size_t kMaxShareFileBytes = 256 * 1024;

// "# keyrite share 2 of 5 (set ABCD…; any 3 recover)\nKR1-…\n". Secret: holds the share line.
secmem::SecureBytes FormatShareFile(const Share& share, std::uint8_t count);

// Every share line in `text`; each share's origin is `origin`, with " line N" when the text has
// more than one share. Errors name the origin and line.
Result<std::vector<SourcedShare>> ParseShareText(std::string_view origin, std::string_view text);

}  // namespace keyrite::share
