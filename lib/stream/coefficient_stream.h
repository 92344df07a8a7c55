#pragma once
// CoefficientStream: the random polynomial coefficients of a file-mode split, (t - 1) bytes per
// secret byte. Each chunk gets a fresh 32-byte key drawn from the caller's Rng, expanded with
// ChaCha20 (libsodium's IETF variant, a new nonce per Fill): the operating system's generator
// hands out 256 bytes per system call and runs several times slower than ChaCha20 in user space
// (docs/performance.md). Key and output are secret; the key lives in SecureBytes.

#include <cstdint>
#include <span>

#include "base/rng.h"
#include "secmem/secure_bytes.h"

namespace keyrite::stream {

class CoefficientStream {
 public:
  explicit CoefficientStream(Rng& rng);

  // Draws a new key from the Rng; call it before the first Fill of each chunk.
  void Rekey();

  // Fills `out` with the next bytes of this chunk's stream.
  void Fill(std::span<std::uint8_t> out);

 private:
  Rng& rng_;
  secmem::SecureBytes key_;
  std::uint32_t nonce_ = 0;
};

}  // namespace keyrite::stream
