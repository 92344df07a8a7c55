#pragma once
// The registry of keyrite actions a ceremony step may name, each with the schema of its
// arguments: what the linter checks and what a runner turns into one keyrite command. An
// argument maps to one long flag (a list repeats it) or, when positional, to operands. Flags that
// would weaken a ceremony (--allow-online, --show, --stdout) are deliberately absent.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ceremony/script.h"

namespace keyrite::ceremony {

struct ArgSpec {
  std::string_view name;  // the key in [args]; the flag is "--" + name with '_' as '-'
  ValueType type;
  bool required = false;
  bool positional = false;
  std::span<const std::string_view> choices = {};  // allowed strings; empty: any
};

struct ActionSpec {
  std::string_view name;     // "unsealer.init"
  std::string_view command;  // "unsealer init"; empty for the human-only actions
  std::string_view summary;
  bool quorum = false;          // needs the custodians' quorum (the runner holds it)
  bool changes_state = false;   // writes files: the transcript records its outputs
  std::span<const ArgSpec> args;
};

// Every action, in the order of the docs table.
std::span<const ActionSpec> AllActions();
// The action with this name, or null.
const ActionSpec* FindAction(std::string_view name);
// The words of `action`'s command ("snapshot verify --test" -> snapshot, verify, --test); empty
// for the human-only actions.
std::vector<std::string> CommandWords(const ActionSpec& action);
// The argument of `action` with this name, or null.
const ArgSpec* FindArg(const ActionSpec& action, std::string_view name);

}  // namespace keyrite::ceremony
