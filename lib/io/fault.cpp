#include "io/fault.h"

namespace keyrite::io {
namespace {

FaultHook g_hook = nullptr;

}  // namespace

void SetFaultHook(FaultHook hook) { g_hook = hook; }

void FaultPoint(std::string_view where) {
  if (g_hook != nullptr) g_hook(where);
}

}  // namespace keyrite::io
