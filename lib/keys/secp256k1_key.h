#pragma once
// secp256k1 keys through libsecp256k1. Secp256k1Context owns one library context (move-only,
// blinded with bytes from an Rng when created); make it once and pass it by const&. Private keys
// are 32 big-endian bytes in [1, n-1] and live only in SecureBytes; public keys are public.

#include <array>
#include <cstdint>

#include "base/rng.h"
#include "base/status.h"
#include "secmem/secure_bytes.h"

struct secp256k1_context_struct;  // <secp256k1.h> stays out of headers that cli/ may include

namespace keyrite::keys {

inline constexpr std::size_t kSecp256k1SecretBytes = 32;
inline constexpr std::size_t kSecp256k1CompressedBytes = 33;
inline constexpr std::size_t kSecp256k1UncompressedBytes = 65;
using Secp256k1Compressed = std::array<std::uint8_t, kSecp256k1CompressedBytes>;
using Secp256k1Uncompressed = std::array<std::uint8_t, kSecp256k1UncompressedBytes>;

class Secp256k1Context {
 public:
  // Internal if the library cannot create or randomize a context.
  static Result<Secp256k1Context> Create(Rng& rng);

  ~Secp256k1Context();
  Secp256k1Context(Secp256k1Context&& other) noexcept;
  Secp256k1Context& operator=(Secp256k1Context&& other) noexcept;
  Secp256k1Context(const Secp256k1Context&) = delete;
  Secp256k1Context& operator=(const Secp256k1Context&) = delete;

  const secp256k1_context_struct* get() const { return ctx_; }

 private:
  explicit Secp256k1Context(secp256k1_context_struct* ctx) : ctx_(ctx) {}
  secp256k1_context_struct* ctx_ = nullptr;
};

struct Secp256k1PublicKey {
  Secp256k1Compressed compressed{};      // 0x02/0x03 || X
  Secp256k1Uncompressed uncompressed{};  // 0x04 || X || Y
};

// 32 bytes from `rng`, drawn again until they are a valid private key (nonzero and below the
// group order n; a redraw happens with probability about 2^-128).
secmem::SecureBytes GenerateSecp256k1Secret(const Secp256k1Context& ctx, Rng& rng);

// InvalidInput when `secret` is not 32 bytes or is zero or >= n.
Status CheckSecp256k1Secret(const Secp256k1Context& ctx, const secmem::SecureBytes& secret);

// The public key of a valid secret (CheckSecp256k1Secret first; InvalidInput otherwise).
Result<Secp256k1PublicKey> DeriveSecp256k1PublicKey(const Secp256k1Context& ctx,
                                                    const secmem::SecureBytes& secret);

// Signs a fixed message with `secret` and verifies it against `public_key`: Internal if the pair
// does not work, so a broken key is never released.
Status SelfTestSecp256k1(const Secp256k1Context& ctx, const secmem::SecureBytes& secret,
                         const Secp256k1PublicKey& public_key);

}  // namespace keyrite::keys
