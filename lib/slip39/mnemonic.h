#pragma once
// One SLIP-39 share and its mnemonic: the share's fields packed into 10-bit words (identifier,
// extendable flag, iteration exponent, group index/threshold/count, member index/threshold, the
// left-padded share value, the RS1024 checksum), each word from the SLIP-39 list. The value and
// the mnemonic text are secret (SecureBytes); the other fields are public.

#include <cstdint>
#include <string_view>

#include "base/status.h"
#include "secmem/secure_bytes.h"

namespace keyrite::slip39 {

inline constexpr std::size_t kMinMnemonicWords = 20;  // a 128-bit value
inline constexpr std::size_t kMinSecretBytes = 16;
inline constexpr std::size_t kMaxSecretBytes = 256;  // keyrite's limit; SLIP-39 has none
inline constexpr std::uint8_t kMaxIterationExponent = 15;
inline constexpr std::size_t kMaxShareCount = 16;  // members per group, groups per set

struct Share {
  std::uint16_t identifier = 0;  // 15 bits, random per split
  bool extendable = false;
  std::uint8_t iteration_exponent = 0;  // 0..15
  std::uint8_t group_index = 0;         // 0..15
  std::uint8_t group_threshold = 1;     // 1..16
  std::uint8_t group_count = 1;         // 1..16
  std::uint8_t member_index = 0;        // 0..15, the x coordinate
  std::uint8_t member_threshold = 1;    // 1..16
  secmem::SecureBytes value;            // 16.. bytes, even in a valid set
};

// The mnemonic, words joined by single spaces. The fields must be in range (a caller bug aborts).
secmem::SecureBytes EncodeMnemonic(const Share& share);

// Parses a mnemonic (words separated by any whitespace, any letter case). Failures name `origin`
// ("share 2", a file name) and the word by position and text, or the checksum or padding.
Result<Share> DecodeMnemonic(std::string_view text, std::string_view origin);

}  // namespace keyrite::slip39
