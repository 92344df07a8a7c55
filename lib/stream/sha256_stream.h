#pragma once
// Sha256Stream: incremental SHA-256 (FIPS 180-4) for long secret inputs such as a whole file
// being split. It runs on the CPU's SHA extensions when they are there (several times faster
// than libsodium's portable code on large inputs) and on libsodium otherwise; both give the same
// digest. The state and the buffered bytes are secret and live in SecureBytes; neither
// implementation branches on or indexes by the data.

#include <array>
#include <cstdint>
#include <span>

#include "secmem/secure_bytes.h"

namespace keyrite::stream {

class Sha256Stream {
 public:
  enum class Engine { kBest, kPortable };  // kPortable (libsodium) is for tests

  explicit Sha256Stream(Engine engine = Engine::kBest);

  void Update(std::span<const std::uint8_t> data);
  // The digest; the object is spent afterwards (a further call aborts as a bug).
  void Final(std::span<std::uint8_t, 32> out);

  bool hardware() const { return hardware_; }
  // Whether this CPU has the SHA extensions (and SSE4.1) the fast engine needs.
  static bool HardwareAvailable();

 private:
  void UpdateHardware(std::span<const std::uint8_t> data);
  void FinalHardware(std::span<std::uint8_t, 32> out);

  bool hardware_ = false;
  bool finished_ = false;
  // Hardware: 8 state words, a 64-byte block buffer. Portable: libsodium's state.
  secmem::SecureBytes state_;
  std::size_t buffered_ = 0;
  std::uint64_t total_ = 0;
};

}  // namespace keyrite::stream
