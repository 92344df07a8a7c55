#include "base/hex.h"

#include <sodium.h>

namespace keyrite {

std::string ToHex(std::span<const std::uint8_t> bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
  out.pop_back();
  return out;
}

Result<std::vector<std::uint8_t>> FromHex(std::string_view text) {
  if (text.starts_with("0x") || text.starts_with("0X")) text.remove_prefix(2);
  if (text.size() % 2 != 0) return InvalidInput("hex text has an odd number of digits");
  if (text.empty()) return std::vector<std::uint8_t>();
  std::vector<std::uint8_t> out(text.size() / 2);
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, &end) != 0 ||
      len != out.size()) {
    const size_t pos = end ? static_cast<size_t>(end - text.data()) : 0;
    return InvalidInput("not a hex digit at position " + std::to_string(pos + 1));
  }
  return out;
}

std::string ToBase64(std::span<const std::uint8_t> bytes) {
  const size_t n = sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  std::string out(n, '\0');
  sodium_bin2base64(out.data(), n, bytes.data(), bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(n - 1);
  return out;
}

Result<std::vector<std::uint8_t>> FromBase64(std::string_view text) {
  std::vector<std::uint8_t> out(text.size() / 4 * 3 + 3);
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, &end,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    return InvalidInput("not valid base64");
  }
  out.resize(len);
  return out;
}

}  // namespace keyrite
