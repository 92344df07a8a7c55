#include "slip39/mnemonic.h"

#include <array>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "base/check.h"
#include "slip39/rs1024.h"
#include "slip39/wordlist.h"

namespace keyrite::slip39 {
namespace {

constexpr std::size_t kHeaderWords = 4;
constexpr std::size_t kRadixBits = 10;

// 10-bit word indexes in locked memory: they spell the share.
class WordBuffer {
 public:
  explicit WordBuffer(std::size_t count) : bytes_(count * 2) {}
  std::size_t size() const { return bytes_.size() / 2; }
  std::uint16_t Get(std::size_t i) const {
    std::uint16_t w = 0;
    std::memcpy(&w, bytes_.data() + 2 * i, 2);
    return w;
  }
  void Set(std::size_t i, std::uint32_t w) {
    const auto word = static_cast<std::uint16_t>(w & 0x3FF);
    std::memcpy(bytes_.data() + 2 * i, &word, 2);
  }
  std::span<const std::uint16_t> span() const {
    return {reinterpret_cast<const std::uint16_t*>(bytes_.data()), size()};
  }

 private:
  secmem::SecureBytes bytes_;  // native uint16 pairs, aligned by the page allocation
};

std::size_t ValueWords(std::size_t value_bytes) {
  return (value_bytes * 8 + kRadixBits - 1) / kRadixBits;
}

// Bit `bit` (0 = most significant) of `value` left-padded with `pad` zero bits; public position.
std::uint32_t PaddedBit(std::span<const std::uint8_t> value, std::size_t pad, std::size_t bit) {
  if (bit < pad) return 0;
  const std::size_t b = bit - pad;
  return (value[b / 8] >> (7 - b % 8)) & 1u;
}

void PackHeader(const Share& s, WordBuffer& words) {
  const std::uint32_t g = s.group_count - 1u;
  words.Set(0, s.identifier >> 5);
  words.Set(1, ((s.identifier & 0x1Fu) << 5) | (s.extendable ? 0x10u : 0u) | s.iteration_exponent);
  words.Set(2, (std::uint32_t{s.group_index} << 6) | ((s.group_threshold - 1u) << 2) | (g >> 2));
  words.Set(3, ((g & 3u) << 8) | (std::uint32_t{s.member_index} << 4) | (s.member_threshold - 1u));
}

void CheckFields(const Share& s) {
  KR_CHECK(s.identifier < (1u << 15) && s.iteration_exponent <= kMaxIterationExponent);
  KR_CHECK(s.group_index < kMaxShareCount && s.member_index < kMaxShareCount);
  KR_CHECK(s.group_threshold >= 1 && s.group_threshold <= s.group_count &&
           s.group_count <= kMaxShareCount);
  KR_CHECK(s.member_threshold >= 1 && s.member_threshold <= kMaxShareCount);
  KR_CHECK(s.value.size() >= kMinSecretBytes && s.value.size() % 2 == 0);
}

// The words joined by spaces, in locked memory.
secmem::SecureBytes Spell(const WordBuffer& words) {
  secmem::SecureBytes text(words.size() * (kMaxWordLength + 1));
  std::size_t used = 0;
  secmem::Wiped<std::array<char, kMaxWordLength>> word;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::size_t len = WordAt(words.Get(i), word.value);
    if (i > 0) text[used++] = ' ';
    std::memcpy(text.data() + used, word.value.data(), len);
    used += len;
  }
  return text.Slice(0, used);
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::vector<std::string_view> SplitWords(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    const std::size_t start = i;
    while (i < text.size() && !IsSpace(text[i])) ++i;
    if (i > start) out.push_back(text.substr(start, i - start));
  }
  return out;
}

std::string Prefix(std::string_view origin) { return std::string(origin) + ": "; }

Status CheckLength(std::size_t count, std::string_view origin) {
  if (count < kMinMnemonicWords) {
    return InvalidInput(Prefix(origin) + std::to_string(count) +
                        " words; a SLIP-39 share has at least " +
                        std::to_string(kMinMnemonicWords) + "; check for missing words");
  }
  if ((kRadixBits * (count - kHeaderWords - kChecksumWords)) % 16 > 8) {
    return InvalidInput(Prefix(origin) + std::to_string(count) +
                        " words is not a SLIP-39 share length; check for missing or extra words");
  }
  return OkStatus();
}

Result<WordBuffer> LookUpAll(const std::vector<std::string_view>& text, std::string_view origin) {
  WordBuffer words(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::optional<std::uint16_t> index = WordIndexAnyCase(text[i]);
    if (!index) {
      return InvalidInput(Prefix(origin) + "word " + std::to_string(i + 1) + " \"" +
                          std::string(text[i]) + "\" is not in the SLIP-39 word list");
    }
    words.Set(i, *index);
  }
  return words;
}

Result<Share> UnpackHeader(const WordBuffer& words, std::string_view origin) {
  Share s;
  const std::uint32_t w1 = words.Get(1), w2 = words.Get(2), w3 = words.Get(3);
  s.identifier = static_cast<std::uint16_t>((words.Get(0) << 5) | (w1 >> 5));
  s.extendable = (w1 & 0x10u) != 0;
  s.iteration_exponent = static_cast<std::uint8_t>(w1 & 0x0Fu);
  s.group_index = static_cast<std::uint8_t>(w2 >> 6);
  s.group_threshold = static_cast<std::uint8_t>(((w2 >> 2) & 0x0Fu) + 1);
  s.group_count = static_cast<std::uint8_t>((((w2 & 3u) << 2) | (w3 >> 8)) + 1);
  s.member_index = static_cast<std::uint8_t>((w3 >> 4) & 0x0Fu);
  s.member_threshold = static_cast<std::uint8_t>((w3 & 0x0Fu) + 1);
  if (s.group_threshold > s.group_count) {
    return InvalidInput(Prefix(origin) + "its group threshold (" +
                        std::to_string(s.group_threshold) + ") exceeds its group count (" +
                        std::to_string(s.group_count) + "); the share is damaged");
  }
  return s;
}

// The value bits after the left padding; the padding must be zero.
Status UnpackValue(const WordBuffer& words, std::string_view origin, Share& s) {
  const std::size_t value_words = words.size() - kHeaderWords - kChecksumWords;
  const std::size_t pad = (value_words * kRadixBits) % 16;
  const std::size_t bytes = (value_words * kRadixBits - pad) / 8;
  if (bytes % 2 != 0) {
    return InvalidInput(Prefix(origin) + "its value is " + std::to_string(bytes) +
                        " bytes; SLIP-39 secrets have an even number of bytes");
  }
  s.value = secmem::SecureBytes(bytes);
  std::uint32_t padding = 0;
  for (std::size_t bit = 0; bit < value_words * kRadixBits; ++bit) {
    const std::size_t w = kHeaderWords + bit / kRadixBits;
    const std::uint32_t b = (words.Get(w) >> (kRadixBits - 1 - bit % kRadixBits)) & 1u;
    if (bit < pad) {
      padding |= b;
    } else {
      const std::size_t v = bit - pad;
      s.value[v / 8] = static_cast<std::uint8_t>(s.value[v / 8] | (b << (7 - v % 8)));
    }
  }
  if (padding != 0) {
    return Corrupt(Prefix(origin) +
                   "its padding bits are not zero; a word near the start is wrong");
  }
  return OkStatus();
}

}  // namespace

Result<Share> DecodeMnemonic(std::string_view text, std::string_view origin) {
  const std::vector<std::string_view> split = SplitWords(text);
  KR_RETURN_IF_ERROR(CheckLength(split.size(), origin));
  KR_ASSIGN_OR_RETURN(const WordBuffer words, LookUpAll(split, origin));
  const bool extendable = (words.Get(1) & 0x10u) != 0;
  if (!Rs1024Verify(Customization(extendable), words.span())) {
    return Corrupt(Prefix(origin) +
                   "the checksum (the last 3 words) does not match; a word is wrong or two are "
                   "swapped");
  }
  KR_ASSIGN_OR_RETURN(Share share, UnpackHeader(words, origin));
  KR_RETURN_IF_ERROR(UnpackValue(words, origin, share));
  return share;
}

secmem::SecureBytes EncodeMnemonic(const Share& share) {
  CheckFields(share);
  const std::size_t value_words = ValueWords(share.value.size());
  const std::size_t pad = value_words * kRadixBits - share.value.size() * 8;
  WordBuffer words(kHeaderWords + value_words + kChecksumWords);
  PackHeader(share, words);
  for (std::size_t w = 0; w < value_words; ++w) {
    std::uint32_t word = 0;
    for (std::size_t k = 0; k < kRadixBits; ++k) {
      word = (word << 1) | PaddedBit(share.value.span(), pad, w * kRadixBits + k);
    }
    words.Set(kHeaderWords + w, word);
  }
  const std::size_t data_words = kHeaderWords + value_words;
  const auto checksum =
      Rs1024Checksum(Customization(share.extendable), words.span().first(data_words));
  for (std::size_t i = 0; i < kChecksumWords; ++i) words.Set(data_words + i, checksum[i]);
  return Spell(words);
}

}  // namespace keyrite::slip39
