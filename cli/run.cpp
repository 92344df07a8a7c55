// keyrite's command line: parse it, run the chosen command, map its Status to an exit code.
// This is the one place that catches exceptions (CLI11's parse errors).

#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "ceremony/command_record.h"
#include "command.h"
#include "run.h"
#include "keyrite_config.h"
#include "ops/paper.h"
#include "secmem/hardening.h"

namespace keyrite::cli {
namespace {

// The value of --record, read before CLI11 parses (empty when not given). No subcommand has an
// option of that name.
std::string RecordFlag(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--record" && i + 1 < argc) return argv[i + 1];
    if (arg.starts_with("--record=")) return std::string(arg.substr(9));
  }
  return "";
}

// The words of the command line after "keyrite", without --record and --json.
std::vector<std::string> CommandWords(int argc, char** argv) {
  std::vector<std::string> words;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--json" || arg.starts_with("--record=")) continue;
    if (arg == "--record") {
      ++i;
      continue;
    }
    words.emplace_back(arg);
  }
  return words;
}

// The command a command line runs: its first word that is neither a global flag nor --record's
// value. Only that command's flags are then defined, because defining all of them is most of the
// start-up work left once the program is loaded (docs/performance.md). nullptr when that word
// names no command, names `completion` (which walks them all) or follows the top-level --help:
// then every command is defined, for that help, --version and CLI11's error on an unknown word.
const Command* NamedCommand(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--record") {
      ++i;
      continue;
    }
    if (arg == "-h" || arg == "--help") return nullptr;
    if (arg.starts_with("-")) continue;
    for (std::size_t c = 0; c < kCommandCount; ++c) {
      if (arg == kCommands[c].name) {
        return arg == "completion" ? nullptr : &kCommands[c];
      }
    }
    return nullptr;
  }
  return nullptr;
}

}  // namespace

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
  app.add_option("--record", globals.transcript,
                 "An open transcript (keyrite audit begin) that a state-changing command joins");
  Outcome outcome;
  if (const Command* named = NamedCommand(argc, argv)) {
    named->add(app, globals, outcome);
  } else {
    for (std::size_t i = 0; i < kCommandCount; ++i) kCommands[i].add(app, globals, outcome);
  }
  // A command that is to be recorded runs only when its record can be appended afterwards.
  const std::string transcript = RecordFlag(argc, argv);
  if (!transcript.empty()) {
    const keyrite::Status open = keyrite::ceremony::CheckOpenTranscript(transcript, SystemClock());
    if (!open.ok()) {
      std::fprintf(stderr, "keyrite: --record: %s\n", open.message().c_str());
      return static_cast<int>(keyrite::ExitCodeFor(open.kind()));
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : static_cast<int>(ExitCode::kUsage);
  }
  if (!globals.transcript.empty()) {
    const keyrite::Status recorded = keyrite::ceremony::RecordCommand(
        globals.transcript, CommandWords(argc, argv), static_cast<int>(outcome.code),
        SystemClock());
    if (!recorded.ok()) {
      std::fprintf(stderr, "keyrite: --record: the command ran but was not recorded: %s\n",
                   recorded.message().c_str());
      if (outcome.code == ExitCode::kSuccess) outcome.code = keyrite::ExitCodeFor(recorded.kind());
    }
  }
  keyrite::ops::ReleaseDrawingCaches();  // so leak checkers see only real leaks
  return static_cast<int>(outcome.code);
}

}  // namespace keyrite::cli
