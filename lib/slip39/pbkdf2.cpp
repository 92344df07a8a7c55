#include "slip39/pbkdf2.h"

#include <sodium.h>

#include <algorithm>
#include <array>

#include "base/check.h"
#include "secmem/secure_bytes.h"

namespace keyrite::slip39 {
namespace {

using HmacState = crypto_auth_hmacsha256_state;
using Block = std::array<std::uint8_t, crypto_auth_hmacsha256_BYTES>;

// HMAC of `message` under the key already absorbed into `keyed` (copied, so it is keyed once).
void Hmac(const HmacState& keyed, std::span<const std::uint8_t> message, Block& out) {
  secmem::Wiped<HmacState> state{keyed};
  crypto_auth_hmacsha256_update(&state.value, message.data(), message.size());
  crypto_auth_hmacsha256_final(&state.value, out.data());
}

// T_i = U_1 ^ U_2 ^ ... ^ U_c, where U_1 = HMAC(salt || INT(i)) and U_j = HMAC(U_{j-1}).
void DeriveBlock(const HmacState& keyed, std::span<const std::uint8_t> salt,
                 std::uint32_t block_index, std::uint32_t iterations, Block& t) {
  secmem::Wiped<HmacState> state{keyed};
  const std::array<std::uint8_t, 4> index = {
      static_cast<std::uint8_t>(block_index >> 24), static_cast<std::uint8_t>(block_index >> 16),
      static_cast<std::uint8_t>(block_index >> 8), static_cast<std::uint8_t>(block_index)};
  secmem::Wiped<Block> u;
  crypto_auth_hmacsha256_update(&state.value, salt.data(), salt.size());
  crypto_auth_hmacsha256_update(&state.value, index.data(), index.size());
  crypto_auth_hmacsha256_final(&state.value, u.value.data());
  t = u.value;
  for (std::uint32_t j = 1; j < iterations; ++j) {
    Hmac(keyed, u.value, u.value);
    for (std::size_t k = 0; k < t.size(); ++k) t[k] ^= u.value[k];
  }
}

}  // namespace

void Pbkdf2HmacSha256(std::span<const std::uint8_t> password, std::span<const std::uint8_t> salt,
                      std::uint32_t iterations, std::span<std::uint8_t> out) {
  KR_CHECK(iterations >= 1 && !out.empty());
  secmem::Wiped<HmacState> keyed;
  crypto_auth_hmacsha256_init(&keyed.value, password.data(), password.size());
  secmem::Wiped<Block> t;
  std::uint32_t block_index = 1;
  for (std::size_t offset = 0; offset < out.size(); offset += t.value.size(), ++block_index) {
    DeriveBlock(keyed.value, salt, block_index, iterations, t.value);
    const std::size_t n = std::min(t.value.size(), out.size() - offset);
    std::copy_n(t.value.begin(), n, out.begin() + static_cast<std::ptrdiff_t>(offset));
  }
}

}  // namespace keyrite::slip39
