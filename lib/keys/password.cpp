#include "keys/password.h"

#include <string>

namespace keyrite::keys {
namespace {

// kPasswordAlphabet[index] computed by reading every entry and keeping the matching one with a
// mask, so the memory access pattern does not depend on the secret index.
std::uint8_t AlphabetAt(std::uint32_t index) {
  std::uint32_t picked = 0;
  for (std::uint32_t i = 0; i < kPasswordAlphabet.size(); ++i) {
    const std::uint32_t diff = i ^ index;
    const std::uint32_t equal_mask = ((diff | (0u - diff)) >> 31) - 1u;  // all ones iff equal
    picked |= static_cast<std::uint8_t>(kPasswordAlphabet[i]) & equal_mask;
  }
  return static_cast<std::uint8_t>(picked);
}

}  // namespace

Result<secmem::SecureBytes> GeneratePassword(std::size_t length, Rng& rng) {
  if (length < kMinPasswordLength || length > kMaxPasswordLength) {
    return InvalidArgument("password length " + std::to_string(length) + " is outside " +
                           std::to_string(kMinPasswordLength) + ".." +
                           std::to_string(kMaxPasswordLength) + " characters");
  }
  secmem::SecureBytes password(length);
  const auto alphabet_size = static_cast<std::uint32_t>(kPasswordAlphabet.size());
  for (std::size_t i = 0; i < length; ++i) password[i] = AlphabetAt(rng.Uniform(alphabet_size));
  return password;
}

}  // namespace keyrite::keys
