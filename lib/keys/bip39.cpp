#include "keys/bip39.h"

#include <sodium.h>

#include <array>
#include <string>
#include <vector>

#include "base/digest.h"
#include "base/words.h"
#include "keys/constant_time.h"
#include "keys/crypto_prims.h"

namespace keyrite::keys {
namespace {

constexpr std::size_t kBitsPerWord = 11;
constexpr std::size_t kMaxWordLength = 8;  // the longest English BIP-39 word
constexpr std::size_t kWordSlot = kMaxWordLength + 1;  // a word and its separator
constexpr std::string_view kSaltPrefix = "mnemonic";

// A word of the list, zero-padded so every comparison touches the same bytes.
struct PaddedWord {
  std::array<std::uint8_t, kWordSlot> chars{};
  std::uint32_t length = 0;
};

const std::array<PaddedWord, kBip39WordCount>& PaddedWords() {
  static const auto table = [] {
    std::array<PaddedWord, kBip39WordCount> t{};
    for (std::size_t i = 0; i < kBip39WordCount; ++i) {
      const std::string_view w = Bip39EnglishWords()[i];
      KR_CHECK(w.size() <= kMaxWordLength);
      std::copy(w.begin(), w.end(), t[i].chars.begin());
      t[i].length = static_cast<std::uint32_t>(w.size());
    }
    return t;
  }();
  return table;
}

bool IsSeparator(std::uint8_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::uint8_t ToLower(std::uint8_t c) {
  const std::uint32_t upper = ct::InRange(c, 'A', 'Z' + 1);
  return static_cast<std::uint8_t>(c + (ct::Mask(upper) & 32U));
}

// Compares a typed word with every word of the list; `found` is 1 when one matched.
void LookupWord(const PaddedWord& typed, std::uint32_t& index, std::uint32_t& found) {
  index = 0;
  found = 0;
  const auto& words = PaddedWords();
  for (std::uint32_t i = 0; i < kBip39WordCount; ++i) {
    std::uint32_t diff = typed.length ^ words[i].length;
    for (std::size_t j = 0; j < kMaxWordLength; ++j) diff |= typed.chars[j] ^ words[i].chars[j];
    const std::uint32_t hit = ct::IsZero(diff);
    index |= ct::Mask(hit) & i;
    found |= hit;
  }
}

// Where the words are: (offset, length) of each run of non-separators. Public by design.
std::vector<std::pair<std::size_t, std::size_t>> WordSpans(const secmem::SecureBytes& text) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  for (std::size_t i = 0; i < text.size();) {
    if (IsSeparator(text[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && !IsSeparator(text[end])) ++end;
    spans.emplace_back(i, end - i);
    i = end;
  }
  return spans;
}

// Looks up the word at `span`; `found` is 0 when it is not in the list (or too long).
std::uint32_t TypedWordIndex(const secmem::SecureBytes& text,
                             std::pair<std::size_t, std::size_t> span, std::uint32_t& found) {
  secmem::Wiped<PaddedWord> typed;
  std::uint32_t index = 0;
  found = 0;
  if (span.second > kMaxWordLength) return 0;
  for (std::size_t j = 0; j < span.second; ++j) {
    typed.value.chars[j] = ToLower(text[span.first + j]);
  }
  typed.value.length = static_cast<std::uint32_t>(span.second);
  LookupWord(typed.value, index, found);
  return index;
}

// The list index of every word, two bytes each (big-endian).
Result<secmem::SecureBytes> WordIndexes(const secmem::SecureBytes& text) {
  const auto spans = WordSpans(text);
  secmem::SecureBytes indexes(spans.size() * 2);
  for (std::size_t w = 0; w < spans.size(); ++w) {
    std::uint32_t found = 0;
    secmem::Wiped<std::uint32_t> index;
    index.value = TypedWordIndex(text, spans[w], found);
    if (found == 0) {
      return InvalidInput("word " + std::to_string(w + 1) +
                          " is not in the BIP-39 English word list; check its spelling");
    }
    indexes[2 * w] = static_cast<std::uint8_t>(index.value >> 8);
    indexes[2 * w + 1] = static_cast<std::uint8_t>(index.value);
  }
  return indexes;
}

std::uint32_t IndexAt(const secmem::SecureBytes& indexes, std::size_t w) {
  return (std::uint32_t{indexes[2 * w]} << 8) | indexes[2 * w + 1];
}

// Packs 11-bit indexes into bytes, most significant bit first.
secmem::SecureBytes PackIndexes(const secmem::SecureBytes& indexes) {
  const std::size_t count = indexes.size() / 2;
  secmem::SecureBytes bits((count * kBitsPerWord + 7) / 8);
  for (std::size_t w = 0; w < count; ++w) {
    const std::uint32_t index = IndexAt(indexes, w);
    for (std::size_t b = 0; b < kBitsPerWord; ++b) {
      const std::size_t bit = w * kBitsPerWord + b;
      const std::uint32_t v = (index >> (kBitsPerWord - 1 - b)) & 1U;
      bits[bit / 8] = static_cast<std::uint8_t>(bits[bit / 8] | (v << (7 - bit % 8)));
    }
  }
  return bits;
}

// The reverse: `count` 11-bit indexes from packed bits.
secmem::SecureBytes UnpackIndexes(const secmem::SecureBytes& bits, std::size_t count) {
  secmem::SecureBytes indexes(count * 2);
  for (std::size_t w = 0; w < count; ++w) {
    std::uint32_t index = 0;
    for (std::size_t b = 0; b < kBitsPerWord; ++b) {
      const std::size_t bit = w * kBitsPerWord + b;
      index = (index << 1) | ((bits[bit / 8] >> (7 - bit % 8)) & 1U);
    }
    indexes[2 * w] = static_cast<std::uint8_t>(index >> 8);
    indexes[2 * w + 1] = static_cast<std::uint8_t>(index);
    secmem::Wipe(&index, sizeof(index));
  }
  return indexes;
}

// Writes a word and its trailing space at the secret offset `pos` of `out` by visiting every
// byte of `out`, so the memory access pattern does not depend on `pos`.
void WriteWordAt(secmem::SecureBytes& out, std::uint32_t pos, const PaddedWord& word) {
  for (std::uint32_t t = 0; t < out.size(); ++t) {
    for (std::uint32_t j = 0; j < kWordSlot; ++j) {
      const std::uint32_t here = ct::Equal(t, pos + j) & ct::Less(j, word.length + 1);
      const std::uint32_t c = ct::Select(ct::Equal(j, word.length), ' ', word.chars[j]);
      out[t] = static_cast<std::uint8_t>(ct::Select(here, c, out[t]));
    }
  }
}

// Selects list word `index` by visiting every word.
void SelectWord(std::uint32_t index, PaddedWord& word) {
  const auto& words = PaddedWords();
  for (std::uint32_t i = 0; i < kBip39WordCount; ++i) {
    const std::uint32_t m = ct::Mask(ct::Equal(i, index));
    for (std::size_t j = 0; j < kWordSlot; ++j) {
      word.chars[j] = static_cast<std::uint8_t>(word.chars[j] | (words[i].chars[j] & m));
    }
    word.length |= words[i].length & m;
  }
}

secmem::SecureBytes TextOfIndexes(const secmem::SecureBytes& indexes) {
  const std::size_t count = indexes.size() / 2;
  secmem::SecureBytes buffer(count * kWordSlot);
  secmem::Wiped<std::uint32_t> pos;
  for (std::size_t w = 0; w < count; ++w) {
    secmem::Wiped<PaddedWord> word;
    SelectWord(IndexAt(indexes, w), word.value);
    WriteWordAt(buffer, pos.value, word.value);
    pos.value += word.value.length + 1;
  }
  return buffer.Slice(0, pos.value - 1);  // without the last space
}

Status CheckChecksum(const secmem::SecureBytes& bits, std::size_t entropy_bytes) {
  secmem::Wiped<Sha256Digest> digest;
  crypto_hash_sha256(digest.value.data(), bits.data(), entropy_bytes);
  const unsigned checksum_bits = static_cast<unsigned>(entropy_bytes / 4);
  const std::uint32_t want = digest.value[0] >> (8 - checksum_bits);
  const std::uint32_t got = bits[entropy_bytes] >> (8 - checksum_bits);
  if (ct::Equal(want, got) == 0) {
    return Corrupt("the mnemonic's checksum does not match: a word is wrong or two are swapped");
  }
  return OkStatus();
}

}  // namespace

Result<std::size_t> Bip39EntropyBytes(std::size_t words) {
  if (words < 12 || words > 24 || words % 3 != 0) {
    return InvalidArgument("a BIP-39 mnemonic has 12, 15, 18, 21 or 24 words, not " +
                           std::to_string(words));
  }
  return words / 3 * 4;
}

Result<secmem::SecureBytes> GenerateMnemonic(std::size_t words, Rng& rng) {
  KR_ASSIGN_OR_RETURN(const std::size_t bytes, Bip39EntropyBytes(words));
  secmem::SecureBytes entropy(bytes);
  rng.Fill(entropy.span());
  return MnemonicFromEntropy(entropy);
}

secmem::SecureBytes MnemonicFromEntropy(const secmem::SecureBytes& entropy) {
  const std::size_t n = entropy.size();
  KR_CHECK(n >= 16 && n <= 32 && n % 4 == 0);
  secmem::SecureBytes bits(n + 1);  // the checksum is at most 8 bits: one more byte holds it
  std::copy(entropy.data(), entropy.data() + n, bits.data());
  secmem::Wiped<Sha256Digest> digest;
  crypto_hash_sha256(digest.value.data(), entropy.data(), n);
  bits[n] = digest.value[0];
  return TextOfIndexes(UnpackIndexes(bits, (n * 8 + n / 4) / kBitsPerWord));
}

Result<secmem::SecureBytes> MnemonicToEntropy(const secmem::SecureBytes& mnemonic) {
  KR_ASSIGN_OR_RETURN(const secmem::SecureBytes indexes, WordIndexes(mnemonic));
  const std::size_t words = indexes.size() / 2;
  if (!Bip39EntropyBytes(words).ok()) {
    return InvalidInput("a BIP-39 mnemonic has 12, 15, 18, 21 or 24 words; this one has " +
                        std::to_string(words));
  }
  const secmem::SecureBytes bits = PackIndexes(indexes);
  const std::size_t entropy_bytes = words / 3 * 4;
  KR_RETURN_IF_ERROR(CheckChecksum(bits, entropy_bytes));
  return bits.Slice(0, entropy_bytes);
}

Result<secmem::SecureBytes> CanonicalMnemonic(const secmem::SecureBytes& mnemonic) {
  KR_ASSIGN_OR_RETURN(const secmem::SecureBytes entropy, MnemonicToEntropy(mnemonic));
  return MnemonicFromEntropy(entropy);
}

Result<secmem::SecureBytes> MnemonicToSeed(const secmem::SecureBytes& mnemonic,
                                           const secmem::SecureBytes& passphrase) {
  std::uint32_t high = 0;
  for (std::size_t i = 0; i < passphrase.size(); ++i) high |= passphrase[i] & 0x80U;
  if (high != 0) {
    return Unsupported("the BIP-39 passphrase has a non-ASCII character; keyrite does not apply "
                       "Unicode NFKD normalization, so it refuses rather than derive a wrong seed");
  }
  KR_ASSIGN_OR_RETURN(const secmem::SecureBytes canonical, CanonicalMnemonic(mnemonic));
  secmem::SecureBytes salt(kSaltPrefix.size() + passphrase.size());
  std::copy(kSaltPrefix.begin(), kSaltPrefix.end(), salt.data());
  std::copy(passphrase.data(), passphrase.data() + passphrase.size(),
            salt.data() + kSaltPrefix.size());
  secmem::SecureBytes seed(kBip39SeedBytes);
  KR_RETURN_IF_ERROR(Pbkdf2(Pbkdf2Prf::kHmacSha512, canonical.span(), salt.span(),
                            kBip39Iterations, seed.span()));
  return seed;
}

}  // namespace keyrite::keys
