#pragma once
// The unsealer's master key and what is derived from it. The master key (32 random bytes) exists
// only in SecureBytes during a quorum sitting; every key that seals something is derived from it
// with keyed BLAKE2b over a purpose label and the unsealer id, so one purpose's key says nothing
// about another's. The check value is such a derivation too: public, it reveals nothing about the
// master key, and lets a sitting recognise the right one (compared in constant time).

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "base/rng.h"
#include "base/status.h"
#include "secmem/secure_bytes.h"

namespace keyrite::unsealer {

inline constexpr std::size_t kMasterKeyBytes = 32;
inline constexpr std::size_t kDerivedKeyBytes = 32;

enum class KeyPurpose {
  kCheckValue,   // public: recorded in unsealer.json
  kKeystore,     // seals keystore entries
  kSigningSeal,  // seals the unsealer's signing key
  kSnapshot,     // encrypts snapshots
};

secmem::SecureBytes GenerateMasterKey(Rng& rng);

// A 32-byte key for `purpose`, bound to the unsealer id.
secmem::SecureBytes DeriveKey(const secmem::SecureBytes& master, KeyPurpose purpose,
                              std::string_view unsealer_id);

// The public check value: 64 lowercase hex digits.
std::string MasterCheckValue(const secmem::SecureBytes& master, std::string_view unsealer_id);

// Corrupt-free check: Mismatch when `master` is not the key whose check value is `expected`.
Status CheckMasterKey(const secmem::SecureBytes& master, std::string_view unsealer_id,
                      std::string_view expected);

}  // namespace keyrite::unsealer
