#include "slip39/rs1024.h"

namespace keyrite::slip39 {
namespace {

// The generator of the code, from the SLIP-0039 specification.
constexpr std::array<std::uint32_t, 10> kGenerator = {
    0x00E0E040, 0x01C1C080, 0x03838100, 0x07070200, 0x0E0E0009,
    0x1C0C2412, 0x38086C24, 0x3090FC48, 0x21B1F890, 0x03F3F120,
};

class Polymod {
 public:
  void Feed(std::uint32_t value) {
    const std::uint32_t top = chk_ >> 20;
    chk_ = ((chk_ & 0xFFFFF) << 10) ^ value;
    for (std::size_t i = 0; i < kGenerator.size(); ++i) {
      const std::uint32_t bit_mask = 0u - ((top >> i) & 1u);  // all ones when bit i is set
      chk_ ^= kGenerator[i] & bit_mask;
    }
  }
  void Feed(std::string_view customization) {
    for (const char c : customization) Feed(static_cast<std::uint8_t>(c));
  }
  std::uint32_t value() const { return chk_; }

 private:
  std::uint32_t chk_ = 1;
};

}  // namespace

std::string_view Customization(bool extendable) {
  return extendable ? kCustomizationExtendable : kCustomization;
}

std::array<std::uint16_t, kChecksumWords> Rs1024Checksum(std::string_view customization,
                                                         std::span<const std::uint16_t> data) {
  Polymod p;
  p.Feed(customization);
  for (const std::uint16_t w : data) p.Feed(w);
  for (std::size_t i = 0; i < kChecksumWords; ++i) p.Feed(0u);
  const std::uint32_t residue = p.value() ^ 1u;
  std::array<std::uint16_t, kChecksumWords> out{};
  for (std::size_t i = 0; i < kChecksumWords; ++i) {
    out[i] = static_cast<std::uint16_t>((residue >> (10 * (kChecksumWords - 1 - i))) & 0x3FF);
  }
  return out;
}

bool Rs1024Verify(std::string_view customization, std::span<const std::uint16_t> words) {
  Polymod p;
  p.Feed(customization);
  for (const std::uint16_t w : words) p.Feed(w);
  return p.value() == 1u;
}

}  // namespace keyrite::slip39
