#include "base/check.h"

#include <cstdio>
#include <cstdlib>

namespace keyrite {

void Fatal(const char* file, int line, const char* what) {
  std::fprintf(stderr, "keyrite: internal error at %s:%d: %s\n", file, line, what);
  std::abort();
}

}  // namespace keyrite
