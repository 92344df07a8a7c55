#include "base/words.h"

#include <vector>

#include "base/check.h"
#include "base/digest.h"

namespace keyrite {
namespace {

constexpr std::size_t kBitsPerWord = 11;

constexpr std::array<std::string_view, kBip39WordCount> kEnglish = {
#include "base/bip39_english.inc"
};

bool ValidEntropySize(std::size_t size) { return size >= 16 && size <= 32 && size % 4 == 0; }

// Bit `bit` of `bytes`, most significant bit of byte 0 first (the BIP-39 bit order).
unsigned BitAt(std::span<const std::uint8_t> bytes, std::size_t bit) {
  return (bytes[bit / 8] >> (7 - bit % 8)) & 1U;
}

std::size_t WordIndexAt(std::span<const std::uint8_t> bits, std::size_t word) {
  std::size_t index = 0;
  for (std::size_t i = 0; i < kBitsPerWord; ++i) {
    index = (index << 1) | BitAt(bits, word * kBitsPerWord + i);
  }
  return index;
}

}  // namespace

const std::array<std::string_view, kBip39WordCount>& Bip39EnglishWords() { return kEnglish; }

std::string Bip39FromEntropy(std::span<const std::uint8_t> entropy) {
  KR_CHECK(ValidEntropySize(entropy.size()));
  // The checksum is at most 8 bits (32 bytes / 32), so the first digest byte holds all of it.
  std::vector<std::uint8_t> bits(entropy.begin(), entropy.end());
  bits.push_back(Sha256(entropy)[0]);
  const std::size_t word_count = (entropy.size() * 8 + entropy.size() / 4) / kBitsPerWord;
  std::string out;
  for (std::size_t w = 0; w < word_count; ++w) {
    if (w != 0) out += ' ';
    out += kEnglish[WordIndexAt(bits, w)];
  }
  return out;
}

std::string DigestWords(std::span<const std::uint8_t, 32> digest) {
  return Bip39FromEntropy(digest.first<16>());
}

}  // namespace keyrite
