// keyrite's command line: parse it, run the chosen command, map its Status to an exit code.
// This is the one place that catches exceptions (CLI11's parse errors).

#include <CLI/CLI.hpp>

#include <cstdio>

#include "command.h"
#include "run.h"
#include "keyrite_config.h"
#include "ops/paper.h"
#include "secmem/hardening.h"

namespace keyrite::cli {

int RunKeyrite(int argc, char** argv) {
  using keyrite::ExitCode;
  const keyrite::Status hardened = keyrite::secmem::HardenProcess();
  if (!hardened.ok()) {
    std::fprintf(stderr, "keyrite: %s\n", hardened.message().c_str());
    return static_cast<int>(ExitCode::kInternal);
  }
  CLI::App app{"keyrite: an air-gapped key-ceremony toolkit", "keyrite"};
  app.set_version_flag("--version", "keyrite " KEYRITE_VERSION);
  app.require_subcommand(1);
  app.fallthrough();  // global flags may follow the subcommand
  app.footer("Run 'keyrite COMMAND --help' for a command's flags and an example.\n"
             "Exit codes: see keyrite(1).");
  Globals globals;
  app.add_flag("--json", globals.json, "Print one JSON object for scripts");
  Outcome outcome;
  for (std::size_t i = 0; i < kCommandCount; ++i) {
    kCommands[i].add(app, globals, outcome);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : static_cast<int>(ExitCode::kUsage);
  }
  keyrite::ops::ReleaseDrawingCaches();  // so leak checkers see only real leaks
  return static_cast<int>(outcome.code);
}

}  // namespace keyrite::cli
