#include "keys/base58.h"

#include <algorithm>
#include <array>

#include "base/digest.h"

namespace keyrite::keys {
namespace {

constexpr std::string_view kAlphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

// Maps an ASCII character to its digit, or -1 for a character outside the alphabet.
constexpr std::array<std::int8_t, 128> MakeDigitTable() {
  std::array<std::int8_t, 128> table{};
  table.fill(-1);
  for (std::size_t i = 0; i < kAlphabet.size(); ++i) {
    table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::int8_t>(i);
  }
  return table;
}
constexpr auto kDigits = MakeDigitTable();

// Multiplies the big-endian number in `digits` (each digit < base) by `multiplier` and adds
// `carry`, growing it at the front as needed.
void MultiplyAdd(std::vector<std::uint8_t>& digits, unsigned base, unsigned multiplier,
                 unsigned carry) {
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    carry += *it * multiplier;
    *it = static_cast<std::uint8_t>(carry % base);
    carry /= base;
  }
  for (; carry > 0; carry /= base) {
    digits.insert(digits.begin(), static_cast<std::uint8_t>(carry % base));
  }
}

std::size_t LeadingZeros(std::span<const std::uint8_t> bytes) {
  return static_cast<std::size_t>(
      std::find_if(bytes.begin(), bytes.end(), [](std::uint8_t b) { return b != 0; }) -
      bytes.begin());
}

std::array<std::uint8_t, kBase58CheckBytes> Checksum(std::span<const std::uint8_t> payload) {
  const Sha256Digest twice = Sha256(Sha256(payload));
  std::array<std::uint8_t, kBase58CheckBytes> out;
  std::copy_n(twice.begin(), out.size(), out.begin());
  return out;
}

}  // namespace

std::string Base58Encode(std::span<const std::uint8_t> bytes) {
  const std::size_t zeros = LeadingZeros(bytes);
  std::vector<std::uint8_t> digits;  // base-58 digits, most significant first
  for (std::size_t i = zeros; i < bytes.size(); ++i) MultiplyAdd(digits, 58, 256, bytes[i]);
  std::string text(zeros, kAlphabet[0]);
  for (std::uint8_t d : digits) text.push_back(kAlphabet[d]);
  return text;
}

Result<std::vector<std::uint8_t>> Base58Decode(std::string_view text) {
  const std::size_t ones = text.find_first_not_of(kAlphabet[0]);
  const std::size_t zeros = ones == std::string_view::npos ? text.size() : ones;
  std::vector<std::uint8_t> value;  // base-256, most significant first
  for (std::size_t i = zeros; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const int digit = c < kDigits.size() ? kDigits[c] : -1;
    if (digit < 0) {
      return InvalidInput("character " + std::to_string(i + 1) +
                          " is not base58 (allowed: 1-9, A-Z, a-z without 0, O, I, l)");
    }
    MultiplyAdd(value, 256, 58, static_cast<unsigned>(digit));
  }
  value.insert(value.begin(), zeros, 0);
  return value;
}

std::string Base58CheckEncode(std::span<const std::uint8_t> payload) {
  std::vector<std::uint8_t> framed(payload.begin(), payload.end());
  const auto checksum = Checksum(payload);
  framed.insert(framed.end(), checksum.begin(), checksum.end());
  return Base58Encode(framed);
}

Result<std::vector<std::uint8_t>> Base58CheckDecode(std::string_view text) {
  KR_ASSIGN_OR_RETURN(std::vector<std::uint8_t> framed, Base58Decode(text));
  if (framed.size() < kBase58CheckBytes) {
    return InvalidInput("base58check text is too short to hold its 4-byte checksum");
  }
  const std::size_t payload_size = framed.size() - kBase58CheckBytes;
  const auto payload = std::span(framed).first(payload_size);
  const auto expected = Checksum(payload);
  if (!std::equal(expected.begin(), expected.end(), framed.begin() + payload_size)) {
    return Corrupt("base58check checksum does not match; the text is mistyped or truncated");
  }
  framed.resize(payload_size);
  return framed;
}

}  // namespace keyrite::keys
