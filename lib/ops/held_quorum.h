#pragma once
// A quorum held across the steps of one ceremony (`keyrite ceremony run`): the first sitting of
// a run recombines an unsealer's master key from the custodians' shards as usual; while a
// HeldQuorum exists, that key stays in locked memory (SecureBytes), and every later sitting of
// the same unsealer and shard set in this process takes it from there instead of asking the
// custodians again. Each use is checked against the unsealer's recorded check value, so a key
// that no longer opens it (after a rotation) is never used; a sitting of another set asks as
// usual. The held keys are wiped when the HeldQuorum ends. Only the ceremony runner makes one;
// a lone command never holds a key beyond its own sitting.

#include <optional>
#include <string>
#include <vector>

#include "ops/combine.h"
#include "secmem/secure_bytes.h"
#include "share/share.h"

namespace keyrite::ops {

class HeldQuorum {
 public:
  HeldQuorum();   // starts holding: at most one at a time in a process
  ~HeldQuorum();  // wipes every held key and stops holding
  HeldQuorum(const HeldQuorum&) = delete;
  HeldQuorum& operator=(const HeldQuorum&) = delete;
};

// A held master key: its copy in `master`, the shares it was recombined from in `used`.
struct HeldKey {
  secmem::SecureBytes master;
  std::vector<UsedShare> used;
};

// The key held for this unsealer and set, if a HeldQuorum exists and holds one.
std::optional<HeldKey> FindHeldKey(const std::string& unsealer_id, const share::SetId& set_id);
// Holds a copy of `master` for this unsealer and set while a HeldQuorum exists; else nothing.
void HoldKey(const std::string& unsealer_id, const share::SetId& set_id,
             const secmem::SecureBytes& master, const std::vector<UsedShare>& used);

}  // namespace keyrite::ops
