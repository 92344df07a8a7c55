#pragma once
// Sha256Stream: incremental SHA-256 (FIPS 180-4) on the CPU's SHA extensions when it has them
// (about four times libsodium's portable code on large inputs), on libsodium otherwise; both give
// the same digest and neither branches on or indexes by the data. The state (the running hash and
// up to 63 buffered input bytes) lives in storage the caller lends for the object's life: secret
// inputs lend locked memory (a secmem::SecureBytes of kStateBytes), public ones a plain array.
// Sha256() and Sha256File() (digest.h) run on it.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace keyrite {

class Sha256Stream {
 public:
  static constexpr std::size_t kStateBytes = 128;
  static constexpr std::size_t kStateAlign = 16;  // alignas(16) arrays; SecureBytes is page-aligned
  using State = std::span<std::uint8_t, kStateBytes>;
  enum class Engine { kBest, kPortable };  // kPortable (libsodium) is for tests and benches

  explicit Sha256Stream(State state, Engine engine = Engine::kBest);

  void Update(std::span<const std::uint8_t> data);
  // The digest of everything since the start; the state is wiped and the object starts over.
  void Final(std::span<std::uint8_t, 32> out);
  std::array<std::uint8_t, 32> Final();

  bool hardware() const { return hardware_; }
  // Whether this CPU has the SHA extensions (and SSE4.1) the fast engine needs; asked once.
  static bool HardwareAvailable();

 private:
  void Start();
  void UpdateHardware(std::span<const std::uint8_t> data);
  void FinalHardware(std::span<std::uint8_t, 32> out);

  State state_;
  bool hardware_ = false;
  std::size_t buffered_ = 0;  // lengths are public
  std::uint64_t total_ = 0;
};

}  // namespace keyrite
