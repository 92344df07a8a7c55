#pragma once
// A quorum sitting: custodians bring t shares of an unsealer's master key (shards decrypted by
// gpg-agent, share files, scanned sheets, typed lines), keyrite recombines them, checks the result
// against the recorded check value and opens the unsealer's signing key. The sitting holds both
// in SecureBytes until it is destroyed; commands do all their work inside one sitting, so
// custodians sit once per invocation.

#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "io/prompt.h"
#include "ops/combine.h"
#include "secmem/secure_bytes.h"
#include "unsealer/signing_key.h"
#include "unsealer/store.h"

namespace keyrite::ops {

struct QuorumSources {
  // Shard or share files. When this, `scans` and `typed` are all empty, the shard files of the
  // unsealer's own set are tried in custodian order through `gnupghome`'s agent, skipping those
  // whose secret key that keyring lacks, until t have opened.
  std::vector<std::string> shares = {};
  std::vector<std::string> scans = {};
  io::Prompter* typed = nullptr;
  std::string gnupghome = {};           // empty: GNUPGHOME or ~/.gnupg
  io::Prompter* passphrases = nullptr;  // pinentry loopback, for rehearsals
};

// The combine request for the shares a quorum brought (files, scans, typed lines); a shard
// manifest, when wanted, is the caller's to add.
CombineRequest CombineRequestFor(const QuorumSources& sources);

// Which shard set must recombine: the current one, or the one a pending rekey or rotation wrote.
enum class QuorumOf { kCurrent, kPending };

struct Sitting {
  unsealer::Unsealer unsealer;  // loaded and checked
  secmem::SecureBytes master;   // the master key of the chosen set
  unsealer::SigningKey signing;
  std::vector<UsedShare> used;

  secmem::SecureBytes KeystoreKey() const;
};

// Checks a command makes on the loaded unsealer that need no secret (a rekey pending, a name
// taken, …): run before any custodian is asked to decrypt, so a refused command costs no sitting.
using BeforeQuorum = std::function<Status(const unsealer::Unsealer&)>;

// Loads and checks the unsealer, runs `before` (when given), then recombines the master key (or
// takes it from a HeldQuorum of a ceremony run, after the same check: held_quorum.h).
// Errors: those of LoadUnsealer and `before`; Mismatch when the shares are of another set (a
// retired set is named as retired) or recombine to another key; Insufficient when fewer than t
// shares could be had; NotFound when kPending is asked and nothing is pending.
Result<Sitting> OpenSitting(const std::string& dir, const QuorumSources& sources, QuorumOf which,
                            const BeforeQuorum& before = {});

}  // namespace keyrite::ops

namespace keyrite::ops {

// Refused while a rekey or rotation is pending: other changes wait until it is proven or dropped,
// so the pending keystore cannot fall behind the current one.
Status CheckNoPending(const unsealer::UnsealerState& state);

}  // namespace keyrite::ops
