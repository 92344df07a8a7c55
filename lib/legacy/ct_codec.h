#pragma once
// Hex and base64 for secret bytes (share values), through libsodium's constant-time codecs: no
// branch or table index depends on the data. Decoded bytes go straight into SecureBytes; encoded
// text comes back in SecureBytes too. Errors say only that the text is not valid, never where.

#include <cstdint>
#include <span>
#include <string_view>

#include "base/status.h"
#include "secmem/secure_bytes.h"

namespace keyrite::legacy {

// Either case; the whole text must be hex digits, an even number of them.
Result<secmem::SecureBytes> DecodeSecretHex(std::string_view text);
// RFC 4648 base64 with padding (Go's StdEncoding, as Vault prints it).
Result<secmem::SecureBytes> DecodeSecretBase64(std::string_view text);

secmem::SecureBytes EncodeSecretHex(std::span<const std::uint8_t> bytes);  // lowercase
secmem::SecureBytes EncodeSecretBase64(std::span<const std::uint8_t> bytes);

// True when every character is a hex digit (a public property of the share's shape).
bool IsHexText(std::string_view text);

}  // namespace keyrite::legacy
