#include "keys/key_text.h"

#include <cstring>

#include "base/check.h"

namespace keyrite::keys {
namespace {

constexpr std::string_view kSecretField = "secret: ";

// Constant time (no branch or table on the nibble): '0'..'9', 'a'..'f'.
char HexDigit(int nibble) {
  return static_cast<char>(nibble + '0' + (((9 - nibble) >> 8) & ('a' - '0' - 10)));
}

// Constant time: the digit's value, or -1 for a character that is not a hex digit.
int HexValue(unsigned char c) {
  const int d = c - '0';
  const int l = (c | 0x20) - 'a';
  const int is_d = ~((d | (9 - d)) >> 31);  // -1 when 0 <= d <= 9, else 0
  const int is_l = ~((l | (5 - l)) >> 31);
  return (d & is_d) | ((l + 10) & is_l) | ~(is_d | is_l);
}

// Appends to a SecureBytes through a fixed-size buffer sized in advance.
class SecureWriter {
 public:
  explicit SecureWriter(std::size_t capacity) : buffer_(capacity) {}
  void Put(std::string_view text) {
    KR_CHECK(used_ + text.size() <= buffer_.size());
    std::memcpy(buffer_.data() + used_, text.data(), text.size());
    used_ += text.size();
  }
  void PutHex(std::span<const std::uint8_t> bytes) {
    for (const std::uint8_t b : bytes) {
      const char pair[2] = {HexDigit(b >> 4), HexDigit(b & 15)};
      Put({pair, 2});
    }
  }
  secmem::SecureBytes Take() { return buffer_.Slice(0, used_); }

 private:
  secmem::SecureBytes buffer_;
  std::size_t used_ = 0;
};

void PutField(SecureWriter& w, std::string_view name, std::string_view value) {
  if (value.empty()) return;
  w.Put(name);
  w.Put(": ");
  w.Put(value);
  w.Put("\n");
}

// Hex digits of `text` (whitespace skipped, optional 0x) into bytes; false on anything else.
bool DecodeHex(std::string_view text, secmem::SecureBytes& out) {
  if (text.substr(0, 2) == "0x" || text.substr(0, 2) == "0X") text.remove_prefix(2);
  secmem::SecureBytes digits(text.size());
  std::size_t n = 0;
  int invalid = 0;  // checked once at the end, so no branch depends on a digit's value
  for (const char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;  // layout, not secret
    const int v = HexValue(static_cast<unsigned char>(c));
    invalid |= v;
    digits[n++] = static_cast<std::uint8_t>(v & 15);
  }
  if (invalid < 0 || n == 0 || n % 2 != 0) return false;
  out = secmem::SecureBytes(n / 2);
  for (std::size_t i = 0; i < n / 2; ++i) {
    out[i] = static_cast<std::uint8_t>((digits[2 * i] << 4) | digits[2 * i + 1]);
  }
  return true;
}

std::string_view TrimLine(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

// The value of the "secret: " line of a key text block.
std::string_view SecretLine(std::string_view text) {
  const std::size_t at = text.find("\nsecret: ");
  if (at == std::string_view::npos) return {};
  std::string_view rest = text.substr(at + 1 + kSecretField.size());
  return rest.substr(0, rest.find('\n'));
}

}  // namespace

secmem::SecureBytes FormatKeyText(const std::vector<NamedKey>& keys) {
  std::size_t capacity = 0;
  for (const NamedKey& k : keys) capacity += 512 + k.name.size() + 2 * k.key->secret.size();
  SecureWriter w(capacity);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const KeyMaterial& key = *keys[i].key;
    if (i > 0) w.Put("\n");
    w.Put(kKeyTextHeader);
    w.Put("\n");
    PutField(w, "name", keys[i].name);
    PutField(w, "kind", KeyKindName(key.kind));
    PutField(w, "public_key", key.public_key_hex);
    PutField(w, "address", key.address);
    PutField(w, "tezos_address", key.tezos_address);
    w.Put(kSecretField);
    if (key.kind == KeyKind::kPassword || key.kind == KeyKind::kBip39) {
      w.Put(key.secret.view());
    } else {
      w.PutHex(key.secret.span());
    }
    w.Put("\n");
  }
  return w.Take();
}

Result<secmem::SecureBytes> ParseSecretText(KeyKind kind, const secmem::SecureBytes& text,
                                            std::string_view origin) {
  std::string_view body = text.view();
  if (body.substr(0, kKeyTextHeader.size()) == kKeyTextHeader) {
    const std::string want = "\nkind: " + std::string(KeyKindName(kind)) + "\n";
    if (body.find(want) == std::string_view::npos) {
      return InvalidInput(std::string(origin) + ": a keyrite key of another kind");
    }
    body = SecretLine(body);
  }
  body = TrimLine(body);
  if (kind == KeyKind::kBip39) {  // the words; DescribeKey checks them and their checksum
    if (body.empty()) return InvalidInput(std::string(origin) + ": expected the mnemonic's words");
    return secmem::SecureBytes::CopyOf(body);
  }
  if (kind == KeyKind::kPassword) {
    if (body.empty() || body.find('\n') != std::string_view::npos) {
      return InvalidInput(std::string(origin) + ": a password must be one non-empty line");
    }
    return secmem::SecureBytes::CopyOf(body);
  }
  secmem::SecureBytes bytes;
  if (!DecodeHex(body, bytes)) {
    return InvalidInput(std::string(origin) + ": expected the key as hex digits");
  }
  return bytes;
}

}  // namespace keyrite::keys
