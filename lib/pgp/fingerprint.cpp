#include "pgp/fingerprint.h"

#include <cctype>

namespace keyrite::pgp {
namespace {

constexpr std::size_t kV4FingerprintDigits = 40;

bool IsHexDigit(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }
char Upper(char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); }

std::string_view WithoutHexPrefix(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  if (text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    text.remove_prefix(2);
  }
  return text;
}

}  // namespace

std::string FingerprintGroups(std::string_view fingerprint) {
  std::string out;
  for (std::size_t i = 0; i < fingerprint.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += ' ';
    out += fingerprint[i];
  }
  return out;
}

Result<std::string> NormalizeFingerprint(std::string_view text) {
  std::string digits;
  for (char c : WithoutHexPrefix(text)) {
    if (c == ' ' || c == '\t') continue;
    if (!IsHexDigit(c)) {
      return InvalidArgument("fingerprint '" + std::string(text) + "' has a non-hex character '" +
                             std::string(1, c) + "'");
    }
    digits += Upper(c);
  }
  if (digits.size() != kV4FingerprintDigits) {
    return InvalidArgument("fingerprint '" + std::string(text) + "' has " +
                           std::to_string(digits.size()) + " hex digits; expected 40");
  }
  return digits;
}

std::string DisplayKeyId(std::string_view key_id) { return "0x" + std::string(key_id); }

}  // namespace keyrite::pgp
