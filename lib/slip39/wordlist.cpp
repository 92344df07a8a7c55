#include "slip39/wordlist.h"

#include "base/check.h"
#include "secmem/secure_bytes.h"

namespace keyrite::slip39 {
namespace {

// All ones when a == b, else zero, without a branch.
std::uint32_t EqualMask(std::uint32_t a, std::uint32_t b) {
  const std::uint32_t diff = a ^ b;
  return static_cast<std::uint32_t>((static_cast<std::uint64_t>(diff) - 1) >> 32);
}

// Word `word` padded with zeros to kMaxWordLength letters.
std::array<char, kMaxWordLength> Padded(std::string_view word) {
  std::array<char, kMaxWordLength> out{};
  for (std::size_t i = 0; i < word.size() && i < kMaxWordLength; ++i) out[i] = word[i];
  return out;
}

}  // namespace

const std::array<std::string_view, kWordCount>& Words() {
  static const std::array<std::string_view, kWordCount> kWords = {
#include "slip39/wordlist.inc"
  };
  return kWords;
}

std::optional<std::uint16_t> WordIndex(std::string_view word) {
  if (word.size() > kMaxWordLength) return std::nullopt;
  secmem::Wiped<std::array<char, kMaxWordLength>> typed{Padded(word)};
  std::uint32_t found = 0;
  std::uint32_t index = 0;
  for (std::uint32_t w = 0; w < kWordCount; ++w) {
    const std::string_view candidate = Words()[w];
    std::uint32_t diff = static_cast<std::uint32_t>(candidate.size() ^ word.size());
    for (std::size_t i = 0; i < kMaxWordLength; ++i) {
      const char c = i < candidate.size() ? candidate[i] : '\0';
      diff |= static_cast<std::uint8_t>(c ^ typed.value[i]);
    }
    const std::uint32_t match = EqualMask(diff, 0);
    found |= match;
    index |= match & w;
  }
  if (found == 0) return std::nullopt;
  return static_cast<std::uint16_t>(index);
}

std::optional<std::uint16_t> WordIndexAnyCase(std::string_view word) {
  if (word.size() > kMaxWordLength) return std::nullopt;
  secmem::Wiped<std::array<char, kMaxWordLength>> lower;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const auto c = static_cast<unsigned char>(word[i]);
    const unsigned upper = static_cast<unsigned>(c - 'A') < 26u;  // no branch on the letter
    lower.value[i] = static_cast<char>(c | (upper << 5));
  }
  return WordIndex(std::string_view(lower.value.data(), word.size()));
}

std::size_t WordAt(std::uint16_t index, std::span<char, kMaxWordLength> out) {
  index = static_cast<std::uint16_t>(index & (kWordCount - 1));  // a mask, not a secret branch
  std::uint32_t length = 0;
  for (char& c : out) c = '\0';
  for (std::uint32_t w = 0; w < kWordCount; ++w) {
    const std::uint32_t match = EqualMask(w, index);
    const std::string_view candidate = Words()[w];
    for (std::size_t i = 0; i < candidate.size(); ++i) {
      out[i] = static_cast<char>(out[i] | (static_cast<std::uint32_t>(candidate[i]) & match));
    }
    length |= static_cast<std::uint32_t>(candidate.size()) & match;
  }
  return length;
}

}  // namespace keyrite::slip39
