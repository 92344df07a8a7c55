#include "ops/held_quorum.h"

#include "base/check.h"

namespace keyrite::ops {
namespace {

struct Entry {
  std::string unsealer_id;
  share::SetId set_id;
  HeldKey key;
};

// The keys of the current HeldQuorum; null while none exists.
std::vector<Entry>* g_held = nullptr;

}  // namespace

HeldQuorum::HeldQuorum() {
  KR_CHECK(g_held == nullptr);
  g_held = new std::vector<Entry>();
}

HeldQuorum::~HeldQuorum() {
  delete g_held;  // each SecureBytes wipes itself
  g_held = nullptr;
}

std::optional<HeldKey> FindHeldKey(const std::string& unsealer_id, const share::SetId& set_id) {
  if (g_held == nullptr) return std::nullopt;
  for (const Entry& e : *g_held) {
    if (e.unsealer_id == unsealer_id && e.set_id == set_id) {
      return HeldKey{secmem::SecureBytes::CopyOf(e.key.master.span()), e.key.used};
    }
  }
  return std::nullopt;
}

void HoldKey(const std::string& unsealer_id, const share::SetId& set_id,
             const secmem::SecureBytes& master, const std::vector<UsedShare>& used) {
  if (g_held == nullptr) return;
  for (Entry& e : *g_held) {
    if (e.unsealer_id == unsealer_id && e.set_id == set_id) {
      e.key = HeldKey{secmem::SecureBytes::CopyOf(master.span()), used};
      return;
    }
  }
  g_held->push_back(
      Entry{unsealer_id, set_id, HeldKey{secmem::SecureBytes::CopyOf(master.span()), used}});
}

}  // namespace keyrite::ops
