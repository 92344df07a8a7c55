#pragma once
// Fingerprint text: the canonical form (40 uppercase hex digits) and the display form read aloud
// at a ceremony ("3F2A 9C11 ..."). Fingerprints are public.

#include <string>
#include <string_view>

#include "base/status.h"

namespace keyrite::pgp {

// "3F2A9C11..." -> "3F2A 9C11 ..." (groups of four, single spaces).
std::string FingerprintGroups(std::string_view fingerprint);

// Accepts any case, spaces and an optional "0x" prefix; InvalidArgument unless 40 hex digits
// remain. Returns them uppercase.
Result<std::string> NormalizeFingerprint(std::string_view text);

// "0x" + the 16-hex-digit key id, the way gpg prints it.
std::string DisplayKeyId(std::string_view key_id);

}  // namespace keyrite::pgp
