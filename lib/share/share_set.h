#pragma once
// Share sets: split a secret into shares that carry a commitment, and combine shares with every
// check that makes a wrong, mixed, duplicated, corrupted or insufficient set fail loudly instead
// of yielding a wrong secret. The secret and the payloads are secret (SecureBytes); set id,
// threshold, indices and lengths are public. Work on payloads is constant time; only the pass or
// fail bit of each check is revealed. The construction is described in docs/shamir.md.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "base/rng.h"
#include "base/status.h"
#include "secmem/secure_bytes.h"
#include "share/share.h"

namespace keyrite::share {

inline constexpr std::size_t kMaxSecretBytes = 65536;
inline constexpr std::size_t kTagBytes = 16;
inline constexpr std::string_view kCommitmentDomain = "keyrite share-set v1";

// The commitment T that is shared together with the secret S (M = S || T): the first 16 bytes of
// SHA-256(domain || set_id || threshold || len(S) mod 2^16 as 2 bytes big-endian || S).
secmem::SecureBytes CommitmentTag(const SetId& set_id, std::uint8_t threshold,
                                  std::span<const std::uint8_t> secret);

// `count` shares of `secret` (1..kMaxSecretBytes bytes, else InvalidInput), any `threshold` of
// which recombine it (1 <= threshold <= count, else InvalidArgument; threshold 1 is allowed and
// makes every share a copy of M). The set id is drawn from rng. Before returning, the first and
// the last `threshold` shares are recombined and compared with the secret (Internal if not).
Result<std::vector<Share>> SplitSecret(std::span<const std::uint8_t> secret, std::uint8_t threshold,
                                       std::uint8_t count, Rng& rng);

// The secret of a set of shares, or the first failed check, naming the share(s) by origin:
// InvalidInput (none given, malformed), Mismatch (different sets, thresholds or lengths, a
// duplicate), Insufficient ("need 3 shares, got 2"), Corrupt (conflicting copies of one index, a
// failed commitment, an extra share off the polynomial).
Result<secmem::SecureBytes> CombineShares(std::span<const SourcedShare> shares);

// For the constant-time test only (the idea of libsecp256k1's secp256k1_declassify): keyrite
// calls the hook on each secret-derived pass/fail bit just before it branches on it, so a test
// running under valgrind can mark exactly that bit as defined. Null, the default, does nothing.
using RevealHook = void (*)(const void* data, std::size_t size);
void SetRevealHookForTest(RevealHook hook);

}  // namespace keyrite::share
