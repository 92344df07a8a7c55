#pragma once
// RS1024, the checksum of a SLIP-39 share: a Reed-Solomon code over GF(1024) whose last three
// 10-bit words make the polymod of (customization string, words) equal 1. The customization
// string is "shamir", or "shamir_extendable" for extendable shares. Constant time in the words.

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace keyrite::slip39 {

inline constexpr std::string_view kCustomization = "shamir";
inline constexpr std::string_view kCustomizationExtendable = "shamir_extendable";
inline constexpr std::size_t kChecksumWords = 3;

// The customization string for a share with or without the extendable flag.
std::string_view Customization(bool extendable);

// The three checksum words for `data` (the share's words before the checksum).
std::array<std::uint16_t, kChecksumWords> Rs1024Checksum(std::string_view customization,
                                                         std::span<const std::uint16_t> data);

// Whether `words` (data followed by its three checksum words) is a valid codeword.
bool Rs1024Verify(std::string_view customization, std::span<const std::uint16_t> words);

}  // namespace keyrite::slip39
