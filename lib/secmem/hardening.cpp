#include "secmem/hardening.h"

#include <sodium.h>
#include <sys/prctl.h>
#include <sys/resource.h>

namespace keyrite::secmem {

Status HardenProcess() {
  if (sodium_init() < 0) return Internal("libsodium failed to initialize");
  rlimit none{0, 0};
  if (setrlimit(RLIMIT_CORE, &none) != 0) return Internal("cannot disable core dumps");
  if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) return Internal("cannot mark process non-dumpable");
  return OkStatus();
}

HardeningState ReadHardeningState() {
  HardeningState s;
  rlimit rl{};
  s.core_dumps_off = getrlimit(RLIMIT_CORE, &rl) == 0 && rl.rlim_cur == 0;
  s.not_dumpable = prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0;
  return s;
}

}  // namespace keyrite::secmem
