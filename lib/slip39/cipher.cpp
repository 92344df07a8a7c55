#include "slip39/cipher.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

#include "base/check.h"
#include "slip39/pbkdf2.h"
#include "slip39/rs1024.h"

namespace keyrite::slip39 {
namespace {

// The salt's fixed part: "shamir" || identifier (big endian), or empty when extendable.
std::vector<std::uint8_t> SaltPrefix(const CipherParameters& p) {
  if (p.extendable) return {};
  // data() and size(), not begin() and end(): kCustomization is an inline variable, and clang
  // (with ASan) took begin() from this file's copy of the literal and end() from another's.
  std::vector<std::uint8_t> salt(kCustomization.size());
  std::copy_n(kCustomization.data(), kCustomization.size(), salt.begin());
  salt.push_back(static_cast<std::uint8_t>(p.identifier >> 8));
  salt.push_back(static_cast<std::uint8_t>(p.identifier));
  return salt;
}

// left ^= F(round, right), the round function of the network.
void MixRound(std::uint8_t round, std::span<const std::uint8_t> passphrase,
              const CipherParameters& p, std::span<const std::uint8_t> right,
              std::span<std::uint8_t> left) {
  secmem::SecureBytes password(1 + passphrase.size());
  password[0] = round;
  std::ranges::copy(passphrase, password.data() + 1);
  const std::vector<std::uint8_t> prefix = SaltPrefix(p);
  secmem::SecureBytes salt(prefix.size() + right.size());
  std::ranges::copy(prefix, salt.data());
  std::ranges::copy(right, salt.data() + prefix.size());
  secmem::SecureBytes f(left.size());
  const std::uint32_t iterations = (kBaseIterationCount << p.iteration_exponent) / kRoundCount;
  Pbkdf2HmacSha256(password.span(), salt.span(), iterations, f.span());
  for (std::size_t i = 0; i < left.size(); ++i) left[i] ^= f[i];
}

// Runs the rounds in `order` over input = L || R and returns R || L.
template <typename Rounds>
secmem::SecureBytes Network(std::span<const std::uint8_t> input,
                            std::span<const std::uint8_t> passphrase, const CipherParameters& p,
                            const Rounds& order) {
  KR_CHECK(input.size() % 2 == 0 && p.iteration_exponent < 16);
  const std::size_t half = input.size() / 2;
  secmem::SecureBytes l = secmem::SecureBytes::CopyOf(input.first(half));
  secmem::SecureBytes r = secmem::SecureBytes::CopyOf(input.subspan(half));
  for (const std::uint8_t round : order) {
    MixRound(round, passphrase, p, r.span(), l.span());  // (L, R) becomes (R, L ^ F(R))
    std::swap(l, r);
  }
  secmem::SecureBytes out(input.size());
  std::ranges::copy(r.span(), out.data());
  std::ranges::copy(l.span(), out.data() + half);
  return out;
}

}  // namespace

secmem::SecureBytes Encrypt(std::span<const std::uint8_t> secret,
                            std::span<const std::uint8_t> passphrase, const CipherParameters& p) {
  constexpr std::array<std::uint8_t, kRoundCount> kOrder = {0, 1, 2, 3};
  return Network(secret, passphrase, p, kOrder);
}

secmem::SecureBytes Decrypt(std::span<const std::uint8_t> encrypted,
                            std::span<const std::uint8_t> passphrase, const CipherParameters& p) {
  constexpr std::array<std::uint8_t, kRoundCount> kOrder = {3, 2, 1, 0};
  return Network(encrypted, passphrase, p, kOrder);
}

}  // namespace keyrite::slip39
