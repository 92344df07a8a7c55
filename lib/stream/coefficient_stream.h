#pragma once
// CoefficientStream: the random polynomial coefficients of a file-mode split, (t - 1) bytes per
// secret byte. Each chunk gets a fresh 32-byte key drawn from the caller's Rng, expanded with
// AES-256-CTR on the CPU's AES instructions (base/aes256_ctr.h) where it has them, else with
// ChaCha20 (libsodium's IETF variant); a new nonce per Fill either way. The operating system's
// generator hands out 256 bytes per system call and runs several times slower than either in
// user space (docs/performance.md). Key and output are secret; the key lives in SecureBytes.

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

  // Which generator Fill uses on this CPU: "AES-256-CTR" or "ChaCha20".
  static const char* Generator();

 private:
  Rng& rng_;
  secmem::SecureBytes key_;
  std::uint32_t nonce_ = 0;
  bool aes_;
};

}  // namespace keyrite::stream
