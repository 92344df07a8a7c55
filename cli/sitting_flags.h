#pragma once
// Flags shared by the commands that hold a quorum sitting (unsealer, keystore): where the shares
// come from, and the recipients' certificates with their expected fingerprints. One terminal
// prompter serves typed shares, loopback passphrases and fingerprint confirmations.

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "command.h"
#include "io/prompt.h"
#include "ops/deliver.h"
#include "ops/quorum.h"

namespace keyrite::cli {

struct SittingFlags {
  std::string dir;
  ops::QuorumSources quorum;
  bool typed = false;
  bool pinentry_loopback = false;
  bool allow_online = false;
  bool dice = false;
  std::unique_ptr<io::Prompter> terminal;

  // The terminal, opened on first use; null when there is none.
  io::Prompter* Terminal();
};

// --dir (required).
void AddDirFlag(CLI::App* cmd, SittingFlags& flags);
// --share, --scan, --typed, --gnupghome, --pinentry-loopback, --allow-online.
void AddQuorumFlags(CLI::App* cmd, SittingFlags& flags);
// `cert_flag` (repeatable) plus --expect-fingerprint.
void AddRecipientFlags(CLI::App* cmd, ops::Recipients& recipients, const std::string& cert_flag,
                       const std::string& help);

// --dice: typed dice rolls mixed into what the command generates (`what`, for the help line).
void AddDiceFlag(CLI::App* cmd, SittingFlags& flags, const std::string& what);
// With --dice, the terminal the rolls are asked at (into `dice`); false (outcome set) when there
// is no terminal. Without --dice, true and `dice` untouched.
bool DicePrompter(const Globals& globals, std::string_view command, SittingFlags& flags,
                  Outcome& outcome, io::Prompter*& dice);

// Preflight (offline, locked memory), then the terminal for --typed / --pinentry-loopback and for
// confirming the recipients' fingerprints when none are expected. False (outcome set) on failure.
bool PrepareSitting(const Globals& globals, std::string_view command, SittingFlags& flags,
                    Outcome& outcome, ops::Recipients* recipients = nullptr);

}  // namespace keyrite::cli
