#pragma once
// Digests in words: the BIP-39 English word list and its mnemonic encoding, so a public digest
// can be read aloud and compared by ear. Public data only: the word lookup indexes a table by the
// input bits, so it is not constant time; secrets will need a separate SecureBytes variant.

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace keyrite {

inline constexpr std::size_t kBip39WordCount = 2048;

// The 2048 words in BIP-39 index order ("abandon" .. "zoo"). Static storage; never fails.
const std::array<std::string_view, kBip39WordCount>& Bip39EnglishWords();

// The BIP-39 mnemonic of `entropy`: the entropy followed by the first len*8/32 bits of its
// SHA-256, cut into 11-bit word indexes, words joined by single spaces. The entropy must be 16,
// 20, 24, 28 or 32 bytes (12..24 words); any other length is a caller bug and aborts.
std::string Bip39FromEntropy(std::span<const std::uint8_t> entropy);

// The reading-aloud form of a SHA-256 digest: the 12-word BIP-39 mnemonic of its first 16 bytes.
std::string DigestWords(std::span<const std::uint8_t, 32> digest);

}  // namespace keyrite
