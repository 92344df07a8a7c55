#pragma once
// Process hardening applied once at start, before any secret exists: no core dumps
// (RLIMIT_CORE = 0) and not dumpable (no ptrace attach by the same user, no /proc/PID/mem).

#include "base/status.h"

namespace keyrite::secmem {

Status HardenProcess();

// What HardenProcess() should have achieved, read back from the kernel.
struct HardeningState {
  bool core_dumps_off = false;
  bool not_dumpable = false;
};
HardeningState ReadHardeningState();

}  // namespace keyrite::secmem
