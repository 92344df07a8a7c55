#pragma once
// The fixed keys that snapshot_fuzz and the snapshot seeds of make_seeds share. They are public
// and guard nothing: a seed must verify and decrypt with them, so the fuzzer starts from real
// snapshots and reaches every check a forged or damaged file meets before the signature.

#include <sodium.h>

#include <cstdint>

#include "base/check.h"
#include "secmem/secure_bytes.h"
#include "snapshot/format.h"

namespace keyrite::fuzz {

inline constexpr char kSnapshotUnsealerId[] = "00f0e0d0c0b0a090";

struct SnapshotKeys {
  secmem::SecureBytes snapshot_key{32};
  secmem::SecureBytes signing_key{crypto_sign_SECRETKEYBYTES};
  snapshot::PublicKey signer{};
};

inline const SnapshotKeys& FixedSnapshotKeys() {
  static const SnapshotKeys keys = [] {
    KR_CHECK(sodium_init() >= 0);
    SnapshotKeys k;
    for (std::size_t i = 0; i < k.snapshot_key.size(); ++i) k.snapshot_key[i] = 0x5a;
    std::uint8_t seed[crypto_sign_SEEDBYTES];
    for (std::uint8_t& b : seed) b = 0xa5;
    KR_CHECK(crypto_sign_seed_keypair(k.signer.data(), k.signing_key.data(), seed) == 0);
    return k;
  }();
  return keys;
}

}  // namespace keyrite::fuzz
