#include "sitting_flags.h"

namespace keyrite::cli {

io::Prompter* SittingFlags::Terminal() {
  if (!terminal) {
    Result<std::unique_ptr<io::Prompter>> opened = io::OpenTerminalPrompter();
    if (opened.ok()) terminal = std::move(opened).value();
  }
  return terminal.get();
}

void AddDirFlag(CLI::App* cmd, SittingFlags& flags) {
  cmd->add_option("--dir", flags.dir, "The unsealer's directory")->required();
}

void AddQuorumFlags(CLI::App* cmd, SittingFlags& flags) {
  cmd->add_option("--share", flags.quorum.shares,
                  "A shard or share file of the master key (repeat); default: the unsealer's own "
                  "shards, opened by gpg-agent");
  cmd->add_option("--scan", flags.quorum.scans, "Images or PDFs of share sheets to read");
  cmd->add_flag("--typed", flags.typed, "Custodians type share lines at the terminal (echo off)");
  cmd->add_option("--gnupghome", flags.quorum.gnupghome,
                  "The keyring whose gpg-agent decrypts shards (default: GNUPGHOME or ~/.gnupg)");
  cmd->add_flag("--pinentry-loopback", flags.pinentry_loopback,
                "Ask for shard passphrases at this terminal instead of pinentry")
      ->group("");
  cmd->add_flag("--allow-online", flags.allow_online,
                "Run even while a network interface is up (not recommended)");
}

void AddRecipientFlags(CLI::App* cmd, ops::Recipients& recipients, const std::string& cert_flag,
                       const std::string& help) {
  cmd->add_option(cert_flag, recipients.certificates, help);
  cmd->add_option("--expect-fingerprint", recipients.expected_fingerprints,
                  "The fingerprint each certificate must have, in the same order (repeat)");
}

bool PrepareSitting(const Globals& globals, std::string_view command, SittingFlags& flags,
                    Outcome& outcome, ops::Recipients* recipients) {
  if (!Preflight(globals, command, flags.allow_online, outcome)) return false;
  if (flags.typed || flags.pinentry_loopback) {
    io::Prompter* terminal = flags.Terminal();
    if (terminal == nullptr) {
      outcome.code = Fail(globals, command,
                          Refused("--typed and --pinentry-loopback need a terminal (/dev/tty)"));
      return false;
    }
    if (flags.typed) flags.quorum.typed = terminal;
    if (flags.pinentry_loopback) flags.quorum.passphrases = terminal;
  }
  if (recipients != nullptr && recipients->expected_fingerprints.empty()) {
    recipients->confirm = flags.Terminal();  // null: the library refuses, naming the flag
  }
  return true;
}

void AddDiceFlag(CLI::App* cmd, SittingFlags& flags, const std::string& what) {
  cmd->add_flag("--dice", flags.dice, "Mix typed dice rolls (asked at the terminal) into " + what);
}

bool DicePrompter(const Globals& globals, std::string_view command, SittingFlags& flags,
                  Outcome& outcome, io::Prompter*& dice) {
  if (!flags.dice) return true;
  dice = flags.Terminal();
  if (dice != nullptr) return true;
  outcome.code = Fail(globals, command, Refused("--dice needs a terminal to type the rolls at"));
  return false;
}

}  // namespace keyrite::cli
