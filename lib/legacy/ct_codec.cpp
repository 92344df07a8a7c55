#include "legacy/ct_codec.h"

#include <sodium.h>

namespace keyrite::legacy {

Result<secmem::SecureBytes> DecodeSecretHex(std::string_view text) {
  if (text.empty() || text.size() % 2 != 0) {
    return InvalidInput("not hex: " + std::to_string(text.size()) + " digits, an odd number");
  }
  secmem::SecureBytes out(text.size() / 2);
  std::size_t written = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(out.data(), out.size(), text.data(), text.size(), nullptr, &written, &end) !=
          0 ||
      written != out.size() || end != text.data() + text.size()) {
    return InvalidInput("not hex: a character is not a hex digit");
  }
  return out;
}

Result<secmem::SecureBytes> DecodeSecretBase64(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) {
    return InvalidInput("not base64: " + std::to_string(text.size()) +
                        " characters, not a multiple of 4");
  }
  secmem::SecureBytes buffer(text.size() / 4 * 3);
  std::size_t written = 0;
  const char* end = nullptr;
  if (sodium_base642bin(buffer.data(), buffer.size(), text.data(), text.size(), nullptr, &written,
                        &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size() || written == 0) {
    return InvalidInput("not base64: a character is outside the base64 alphabet or misplaced");
  }
  return buffer.Slice(0, written);
}

secmem::SecureBytes EncodeSecretHex(std::span<const std::uint8_t> bytes) {
  secmem::SecureBytes text(bytes.size() * 2 + 1);
  sodium_bin2hex(reinterpret_cast<char*>(text.data()), text.size(), bytes.data(), bytes.size());
  return text.Slice(0, bytes.size() * 2);
}

secmem::SecureBytes EncodeSecretBase64(std::span<const std::uint8_t> bytes) {
  const std::size_t size = sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  secmem::SecureBytes text(size);
  sodium_bin2base64(reinterpret_cast<char*>(text.data()), text.size(), bytes.data(), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  return text.Slice(0, size - 1);
}

// Every character is looked at, whatever the earlier ones were.
bool IsHexText(std::string_view text) {
  unsigned all = 1;
  for (const char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    const unsigned lower = u | 0x20u;
    all &= static_cast<unsigned>((u >= '0') & (u <= '9')) |
           static_cast<unsigned>((lower >= 'a') & (lower <= 'f'));
  }
  return (all & static_cast<unsigned>(!text.empty())) != 0;
}

}  // namespace keyrite::legacy
