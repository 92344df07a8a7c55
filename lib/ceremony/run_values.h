#pragma once
// The values a ceremony run works with: every parameter (its default, or what the run was given
// with --set), every field people typed in, and what a step's action becomes — the keyrite
// command line it runs and the paths it writes. All public: a script never holds a secret.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ceremony/actions.h"
#include "ceremony/script.h"

namespace keyrite::ceremony {

// One value: a single string, or a list (path-list parameters, fields typed `count` times).
struct RunValue {
  std::vector<std::string> items;
  bool list = false;
  std::string Text() const;  // as shown to people: list items joined by ", "
};
using Values = std::map<std::string, RunValue, std::less<>>;

// Every parameter of `script`: its default, replaced by a "NAME=VALUE" setting (lists
// comma-separated). InvalidArgument for a setting of an unknown parameter or a value of the
// wrong type. A parameter without a default may be left unset (a rehearsal may fill it in).
Result<Values> ResolveParameters(const Script& script, const std::vector<std::string>& settings);
// InvalidArgument naming the first parameter without a value, and the --set that would give it.
Status CheckAllSet(const Script& script, const Values& values);

// `text` with every "{name}" replaced from `values`; NotFound naming an unknown one.
Result<std::string> Resolve(std::string_view text, const Values& values);

// The words after "keyrite" that `step`'s action runs: the command, its operands, then its flags
// in argument-name order ("snapshot", "verify", "s.krsnap", "--dir", "u"). Empty for the
// human-only actions.
Result<std::vector<std::string>> ActionCommand(const ActionSpec& action, const Step& step,
                                               const Values& values);

// What a state-changing step writes: new files or directories (its out, print and deliver_dir),
// recorded as artifacts, and the directories it changes in place (dir, for the unsealer,
// keystore and restore actions), recorded by a digest of their state, since later steps change
// them again. Both empty for actions that change nothing.
struct Outputs {
  std::vector<std::string> written;
  std::vector<std::string> changed;
  std::vector<std::string> All() const;
};
Result<Outputs> OutputPaths(const ActionSpec& action, const Step& step, const Values& values);

// The value of the argument `name` of `step`, resolved; empty when the step does not set it.
Result<RunValue> ArgumentValue(const Step& step, std::string_view name, const Values& values);

}  // namespace keyrite::ceremony
