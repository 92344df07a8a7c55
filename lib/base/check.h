#pragma once
// Invariant checks. A broken invariant is a bug, not an error: it aborts with the place and the
// condition, never with data (a failing check must not print a secret).

namespace keyrite {

[[noreturn]] void Fatal(const char* file, int line, const char* what);

}  // namespace keyrite

#define KR_CHECK(cond)                                        \
  do {                                                        \
    if (!(cond)) ::keyrite::Fatal(__FILE__, __LINE__, #cond); \
  } while (0)
