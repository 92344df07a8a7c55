#pragma once
// Share: one Shamir share of a secret, independent of any text or file form (codecs such as
// share_v1.h turn it into a line; SLIP-39, Vault and ssss codecs can sit beside it). The payload
// is secret: t payloads of one set reveal the secret. Set id, threshold and index are public.

#include <array>
#include <cstdint>
#include <string>

#include "secmem/secure_bytes.h"

namespace keyrite::share {

inline constexpr std::size_t kSetIdBytes = 8;
using SetId = std::array<std::uint8_t, kSetIdBytes>;

struct Share {
  SetId set_id{};
  std::uint8_t threshold = 0;  // 1..255
  std::uint8_t index = 0;      // the x coordinate, 1..255
  secmem::SecureBytes payload;  // the y values: secret length + the commitment tag
};

// A share and where it came from ("shares/c", "typed share 2"), so messages can name it.
struct SourcedShare {
  std::string origin;
  Share share;
};

}  // namespace keyrite::share
