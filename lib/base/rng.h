#pragma once
// Rng: where every random byte comes from. Production code takes an Rng& and is handed
// SystemRng() (the OS generator through libsodium); tests hand it a SeededRng so splits and keys
// are reproducible. Output is written into caller-owned memory (usually a SecureBytes).

#include <array>
#include <cstdint>
#include <span>

namespace keyrite {

class Rng {
 public:
  virtual ~Rng() = default;
  virtual void Fill(std::span<std::uint8_t> out) = 0;
  // Uniform in [0, upper) without modulo bias; upper > 0.
  std::uint32_t Uniform(std::uint32_t upper);
};

// The operating system's generator (getrandom via libsodium). Never seeded, never stored.
Rng& SystemRng();

// A deterministic ChaCha20 stream from a 32-byte seed. For tests and reproducible demos only:
// keyrite never uses it unless told to by a test or an explicit --entropy-file style option.
class SeededRng final : public Rng {
 public:
  explicit SeededRng(std::uint64_t seed);
  explicit SeededRng(const std::array<std::uint8_t, 32>& seed);
  ~SeededRng() override;
  void Fill(std::span<std::uint8_t> out) override;

 private:
  std::array<std::uint8_t, 32> key_{};
  std::uint64_t counter_ = 0;
};

}  // namespace keyrite
