#pragma once
// Share codec v1: one Share as one line of text that a person can copy to paper and type back
// ("KR1-ABCDx-EFGHy-..."; spec in docs/formats/share-v1.md). The line and the binary body inside
// it carry the payload, so both live only in SecureBytes; parsing is constant time in the payload
// characters (only the position of a bad character or failing group, which is public, may leak).

#include <cstddef>
#include <string>
#include <string_view>

#include "base/base32.h"
#include "base/status.h"
#include "secmem/secure_bytes.h"
#include "share/share.h"

namespace keyrite::share {

// --- Format constants: the one place reader and writer take them from. ---
inline constexpr std::string_view kShareV1Magic = "KR";
inline constexpr char kShareV1VersionDigit = '1';
inline constexpr std::string_view kShareV1Prefix = "KR1-";
inline constexpr char kShareV1GroupSeparator = '-';
inline constexpr std::size_t kShareV1GroupDataChars = 4;
inline constexpr std::size_t kShareV1GroupChars = kShareV1GroupDataChars + 1;  // + check char
// Body: set id || threshold || index || payload || check.
inline constexpr std::size_t kShareV1HeaderBytes = kSetIdBytes + 2;
inline constexpr std::size_t kShareV1CheckBytes = 4;
inline constexpr std::string_view kShareV1CheckTag = "keyrite share v1";  // SHA-256 domain
inline constexpr std::size_t kShareV1MinPayloadBytes = 1;
// Bounds the locked memory one parse may take; 64 KiB secrets plus their tag fit with room.
inline constexpr std::size_t kShareV1MaxPayloadBytes = std::size_t{1} << 17;
// GF(32) for the group check characters: x^5 + x^2 + 1 (primitive), alpha = x.
inline constexpr unsigned kShareV1Gf32Polynomial = 0x25;
// The group position term alpha^(g mod 31) repeats after this many groups.
inline constexpr std::size_t kShareV1GroupPeriod = 31;

constexpr std::size_t ShareV1BodyBytes(std::size_t payload_bytes) {
  return kShareV1HeaderBytes + payload_bytes + kShareV1CheckBytes;
}
constexpr std::size_t ShareV1GroupCount(std::size_t data_chars) {
  return (data_chars + kShareV1GroupDataChars - 1) / kShareV1GroupDataChars;
}
// Characters of the whole line (prefix, groups with their check characters, separators).
constexpr std::size_t ShareV1LineChars(std::size_t payload_bytes) {
  const std::size_t data_chars = Base32EncodedLength(ShareV1BodyBytes(payload_bytes));
  const std::size_t groups = ShareV1GroupCount(data_chars);
  return kShareV1Prefix.size() + data_chars + groups + (groups - 1);
}
inline constexpr std::size_t kShareV1MaxLineChars = ShareV1LineChars(kShareV1MaxPayloadBytes);

// --- Codec ---

// The line for `share`, without a newline. Requires threshold >= 1, index >= 1 and a payload of
// kShareV1MinPayloadBytes..kShareV1MaxPayloadBytes (a bug otherwise: aborts).
secmem::SecureBytes FormatShareV1(const Share& share);

// Reads a line as typed or scanned: NormalizeShareV1Text first, then the checks of the spec.
// Fails with InvalidInput (shape, alphabet, lengths, zero threshold/index), Unsupported (another
// version "KR2-"), or Corrupt (a group check character or the 4-byte checksum fails); the message
// names the first failing group (1-based) and never contains share characters.
Result<Share> ParseShareV1(std::string_view line);

// Trims surrounding whitespace, upper-cases letters and drops spaces and tabs inside (people type
// "kr1-abcdx efghy"). Never maps look-alikes (0/O, 1/I/L, 8/B): the parser asks instead.
secmem::SecureBytes NormalizeShareV1Text(std::string_view text);

// Checks one group as typed (2..5 characters, normalized like a line) against its 1-based group
// number, so typed entry can flag a wrong group at once. Same messages as ParseShareV1.
Status CheckGroupV1(std::string_view group_text, std::size_t group_number);

// The check character of group `group_number` holding 1..4 base32 `data_chars` (upper case,
// already valid). Constant time in the characters.
char ShareV1CheckChar(std::string_view data_chars, std::size_t group_number);

// The set id as shown to people: base32 of its 8 bytes (13 characters). Its first 12 characters
// are the first 12 data characters of every share line of the set.
std::string FormatSetId(const SetId& set_id);

// Multiplication in GF(32) modulo kShareV1Gf32Polynomial; a, b < 32. Constant time.
unsigned Gf32Mul(unsigned a, unsigned b);

}  // namespace keyrite::share
