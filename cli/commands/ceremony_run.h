#pragma once
// `keyrite ceremony run|resume`, and the one function behind them that `keyrite demo` also uses.

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "../command.h"
#include "ceremony/runner.h"

namespace keyrite::cli {

struct CeremonyRunFlags {
  std::string script;
  std::string transcript;
  std::vector<std::string> settings;
  bool rehearsal = false;
  std::string answers;
  std::string keyring = "rehearsal-keyring";  // a rehearsal's throwaway identities
  bool allow_online = false;
  bool resume = false;
  std::string auditor;           // the auditor's OpenPGP fingerprint: also signs the transcript
  std::string auditor_keyring;   // where that key is (default: GNUPGHOME or ~/.gnupg)
};

// Runs or resumes one ceremony and prints where everything went. The summary, when it closed.
Result<ceremony::RunSummary> RunCeremonyCommand(const Globals& globals, CeremonyRunFlags flags,
                                                Outcome& outcome);

// The run and resume subcommands of `ceremony`.
void AddCeremonyRunCommands(CLI::App* ceremony, const Globals& globals, Outcome& outcome);

}  // namespace keyrite::cli
