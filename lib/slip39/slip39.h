#pragma once
// SLIP-39 (Trezor's Shamir mnemonic shares): a master secret, encrypted under a passphrase, split
// in two levels (groups with a group threshold, members with a member threshold) into mnemonics.
// The secret, the passphrase and every mnemonic are secret (SecureBytes); set identifiers,
// thresholds and indexes are public.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/rng.h"
#include "base/status.h"
#include "secmem/secure_bytes.h"
#include "slip39/mnemonic.h"

namespace keyrite::slip39 {

struct GroupSpec {
  std::uint8_t threshold = 1;  // members needed, 1..count (1 only with count 1)
  std::uint8_t count = 1;      // members, 1..16
};

struct SplitParameters {
  std::uint8_t group_threshold = 1;     // groups needed, 1..groups.size()
  std::vector<GroupSpec> groups;        // 1..16
  std::uint8_t iteration_exponent = 1;  // 0..15: (10000 << e) PBKDF2 iterations in all
  bool extendable = false;
};

// mnemonics[g][m]: member m (0-based) of group g.
using Mnemonics = std::vector<std::vector<secmem::SecureBytes>>;

// Splits `secret` (16..256 bytes, even) under `passphrase` (printable ASCII, may be empty).
// InvalidArgument names the parameter that cannot be encoded.
Result<Mnemonics> Split(std::span<const std::uint8_t> secret,
                        std::span<const std::uint8_t> passphrase, const SplitParameters& params,
                        Rng& rng);

struct SourcedMnemonic {
  std::string origin;  // names it in messages: a file, "typed share 2", or "share 3"
  secmem::SecureBytes text;
};

// The shares of one set, as they were used.
struct SetInfo {
  std::uint16_t identifier = 0;
  bool extendable = false;
  std::uint8_t iteration_exponent = 0;
  std::uint8_t group_threshold = 0;
  std::uint8_t group_count = 0;
};

struct Recovered {
  secmem::SecureBytes secret;
  SetInfo set;
};

// The master secret behind `mnemonics`. Every share is checked: same set, no duplicates, each
// present group complete, enough groups, SLIP-39's digests, and every share beyond a threshold
// must lie on the same polynomial as the others. Errors name the share by its origin.
Result<Recovered> Combine(std::span<const SourcedMnemonic> mnemonics,
                          std::span<const std::uint8_t> passphrase);

// The shares already decoded (Combine without the parsing); origins are given alongside.
Result<Recovered> CombineShares(std::span<const Share> shares, std::span<const std::string> origins,
                                std::span<const std::uint8_t> passphrase);

// Ok when `params` can be encoded: 1..16 groups, 1 <= group_threshold <= groups, 1..16 members
// with 1 <= threshold <= count (and 1 only for 1of1), iteration exponent 0..15.
Status CheckSplitParameters(const SplitParameters& params);

// Ok when `passphrase` is printable ASCII (32..126), as SLIP-39 requires.
Status CheckPassphrase(std::span<const std::uint8_t> passphrase);

}  // namespace keyrite::slip39
