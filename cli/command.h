#pragma once
// The command table: each subcommand is one small file (commands/NAME.cpp) that declares its
// flags on a CLI11 subcommand and, when chosen, calls one library function and prints the
// result. Output for people goes to stdout (stderr when stdout carries data); --json prints one
// JSON object instead. The exit code comes from the Status (base/exit_code.h).

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

#include "base/exit_code.h"
#include "base/status.h"

namespace keyrite::cli {

struct Globals {
  bool json = false;
  std::string transcript;  // --record: an open transcript every state-changing command joins
};

// What a command reports back to main(): its exit code.
struct Outcome {
  ExitCode code = ExitCode::kSuccess;
};

using AddCommandFn = void (*)(CLI::App& app, const Globals& globals, Outcome& outcome);

struct Command {
  const char* name;
  AddCommandFn add;
};

// One row per subcommand (commands/table.cpp).
extern const Command kCommands[];
extern const std::size_t kCommandCount;

// Prints "keyrite: COMMAND: message" (or the JSON error object) and returns the exit code.
ExitCode Fail(const Globals& globals, std::string_view command, const Status& status);
// The offline and locked-memory checks of a secret-handling command. On failure prints the
// error, sets the outcome and returns false; warns when it runs online by permission.
bool Preflight(const Globals& globals, std::string_view command, bool allow_online, Outcome& outcome);
// Prints to stderr: "keyrite: warning: message".
void Warn(std::string_view message);

}  // namespace keyrite::cli
