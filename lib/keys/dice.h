#pragma once
// Dice entropy: typed die rolls mixed with a base source so that either one being good suffices.
// The rolls are hashed (SHA-256 of the digits) and the generator's key is
// SHA-256(domain || base || SHA-256(rolls)), where base is 32 bytes from the OS generator, or, in
// replay mode, the SHA-256 of an entropy file (deterministic: two laptops given the same file and
// rolls make the same keys). Rolls, digests and keys are secret (SecureBytes); only the number
// of rolls is public and may be reported.

#include <cstdint>
#include <span>

#include "base/rng.h"
#include "base/status.h"
#include "secmem/secure_bytes.h"

namespace keyrite::keys {

// A fair six-sided die gives log2(6) = 2.585 bits per roll.
inline constexpr double kBitsPerDieRoll = 2.584962500721156;
// An entropy file must hold at least this many bytes.
inline constexpr std::size_t kMinEntropyFileBytes = 32;

// The rolls needed to reach `entropy_bits` (capped at 256): ceil(bits / log2 6), so 128 bits
// need 50 rolls and 256 bits need 100.
std::size_t MinimumDiceRolls(std::size_t entropy_bits);

struct DiceRolls {
  secmem::SecureBytes digest;  // SHA-256 of the rolls as the digits 1..6, separators removed
  std::size_t count = 0;       // public: how many rolls
};

// Rolls typed as digits 1..6; spaces, tabs, commas and newlines are ignored. InvalidInput naming
// the position of the first other character (never the character), or saying how many more
// rolls are needed when there are fewer than `minimum_rolls`.
Result<DiceRolls> ParseDiceRolls(const secmem::SecureBytes& typed, std::size_t minimum_rolls);

// An Rng whose output is the ChaCha20 stream under the mixed key above. Move-only.
class MixedRng final : public Rng {
 public:
  // base = 32 bytes from `os` (normally SystemRng()). `rolls` may be null (no dice).
  static MixedRng FromOs(Rng& os, const DiceRolls* rolls);
  // Replay mode: base = SHA-256 of the file's bytes. InvalidInput when the file holds fewer than
  // kMinEntropyFileBytes bytes.
  static Result<MixedRng> FromEntropyFile(const secmem::SecureBytes& file_bytes,
                                          const DiceRolls* rolls);

  void Fill(std::span<std::uint8_t> out) override;

 private:
  MixedRng(std::span<const std::uint8_t> base, const DiceRolls* rolls);
  secmem::SecureBytes key_;
  std::uint32_t next_block_ = 0;
};

}  // namespace keyrite::keys
