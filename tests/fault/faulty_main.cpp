// keyrite-faulty: the keyrite program with a fault-injection hook, for crash-safety tests only
// (never installed). With KEYRITE_FAULT_AT=N it ends the process at the N-th write point, as a
// crash would (no destructors, no cleanup, exit code 86), after naming the point on stderr.
// KEYRITE_FAULT_WHERE=NAME does the same at the first point named exactly NAME (the ceremony
// runner's "ceremony step ID" and "ceremony action done ID"). KEYRITE_FAULT_COUNT=FILE writes
// the number of write points a full run passed through.

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "io/fault.h"
#include "run.h"

namespace {

long g_fault_at = 0;
const char* g_fault_where = nullptr;
long g_seen = 0;
const char* g_count_file = nullptr;

void Hook(std::string_view where) {
  ++g_seen;
  if ((g_fault_at != 0 && g_seen == g_fault_at) ||
      (g_fault_where != nullptr && where == g_fault_where)) {
    std::fprintf(stderr, "keyrite-faulty: crash at write point %ld (%.*s)\n", g_seen,
                 static_cast<int>(where.size()), where.data());
    _exit(86);
  }
}

void WriteCount() {
  if (g_count_file == nullptr) return;
  if (std::FILE* f = std::fopen(g_count_file, "w")) {
    std::fprintf(f, "%ld\n", g_seen);
    std::fclose(f);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (const char* at = std::getenv("KEYRITE_FAULT_AT")) g_fault_at = std::strtol(at, nullptr, 10);
  g_fault_where = std::getenv("KEYRITE_FAULT_WHERE");
  g_count_file = std::getenv("KEYRITE_FAULT_COUNT");
  keyrite::io::SetFaultHook(Hook);
  const int rc = keyrite::cli::RunKeyrite(argc, argv);
  WriteCount();
  return rc;
}
