#pragma once
// `keyrite audit begin|close` (audit_session.cpp), added to the audit command.

#include <CLI/CLI.hpp>

#include "../command.h"

namespace keyrite::cli {

void AddAuditSessionCommands(CLI::App* audit, const Globals& globals, Outcome& outcome);

}  // namespace keyrite::cli
