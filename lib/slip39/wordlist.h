#pragma once
// The SLIP-39 word list (1024 words, 4 to 8 letters, unique in their first four) and constant-time
// conversions between words and 10-bit indexes. Share words are secret: a lookup touches every
// word of the list whatever the input, so neither its time nor its memory accesses depend on it.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace keyrite::slip39 {

inline constexpr std::size_t kWordCount = 1024;
inline constexpr std::size_t kMaxWordLength = 8;

// The words in index order ("academic" .. "zero"). Static storage.
const std::array<std::string_view, kWordCount>& Words();

// The index of `word` (lower case, exact), or nullopt when it is not in the list. Constant time in
// the word's letters (its length, at most kMaxWordLength + 1 examined, is public).
std::optional<std::uint16_t> WordIndex(std::string_view word);

// WordIndex of `word` after folding ASCII upper case to lower case ("Academic" is 0).
std::optional<std::uint16_t> WordIndexAnyCase(std::string_view word);

// Copies word `index` (its low 10 bits) into `out` and returns its length; constant time in the
// index (the length returned is as visible as the word's place in a printed mnemonic).
std::size_t WordAt(std::uint16_t index, std::span<char, kMaxWordLength> out);

}  // namespace keyrite::slip39
