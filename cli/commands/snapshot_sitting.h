#pragma once
// The snapshot subcommands that hold a quorum sitting: create, restore, seal, open.

#include <CLI/CLI.hpp>

#include "../command.h"

namespace keyrite::cli {

void AddSnapshotSittingCommands(CLI::App* parent, const Globals& globals, Outcome& outcome);

}  // namespace keyrite::cli
