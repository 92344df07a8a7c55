#pragma once
// Fault injection for crash-safety tests. Every write point of the io layer (file created, half
// written, synced, renamed, directory made or removed) calls FaultPoint. Production code never
// installs a hook, so a fault point costs one load and one branch; only the test build of the CLI
// (tests/fault/) installs one, which ends the process at a chosen point as a crash would.

#include <string_view>

namespace keyrite::io {

using FaultHook = void (*)(std::string_view where);

// Installs (or, with nullptr, removes) the hook; not thread-safe, call before any work.
void SetFaultHook(FaultHook hook);

// Calls the hook, when one is installed, with a short name of the write point.
void FaultPoint(std::string_view where);

}  // namespace keyrite::io
