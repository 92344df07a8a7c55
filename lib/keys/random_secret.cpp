#include "keys/random_secret.h"

#include <string>

namespace keyrite::keys {

Result<secmem::SecureBytes> GenerateRandomSecret(std::size_t size, Rng& rng) {
  if (size < kMinRandomBytes || size > kMaxRandomBytes) {
    return InvalidArgument("random secret size " + std::to_string(size) + " is outside " +
                           std::to_string(kMinRandomBytes) + ".." +
                           std::to_string(kMaxRandomBytes) + " bytes");
  }
  secmem::SecureBytes secret(size);
  rng.Fill(secret.span());
  return secret;
}

}  // namespace keyrite::keys
