#include "ceremony/command_record.h"

#include <algorithm>

#include "ceremony/outputs.h"
#include "ceremony/run_values.h"
#include "transcript/writer.h"

namespace keyrite::ceremony {
namespace {

// The flags of `words` after the command's own words as a step's arguments (only what the action
// declares; a flag it does not know is taken as a switch).
Step AsStep(const ActionSpec& action, const std::vector<std::string>& words, std::size_t from) {
  Step step;
  step.id = "command";
  for (std::size_t i = from; i < words.size(); ++i) {
    if (!words[i].starts_with("--")) continue;
    std::string name = words[i].substr(2);
    std::string value;
    const std::size_t eq = name.find('=');
    if (eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    }
    for (char& c : name) c = c == '-' ? '_' : c;
    const ArgSpec* spec = FindArg(action, name);
    if (spec == nullptr || spec->type == ValueType::kBool) continue;
    if (eq == std::string::npos) {
      if (i + 1 >= words.size()) continue;
      value = words[++i];
    }
    Value v;  // as typed: braces are literal here, not references
    for (char c : value) {
      v.text.push_back(c);
      if (c == '{' || c == '}') v.text.push_back(c);
    }
    step.args.push_back({name, v, 0});
  }
  return step;
}

}  // namespace

const ActionSpec* StateChangingAction(const std::vector<std::string>& words) {
  const ActionSpec* found = nullptr;
  std::size_t longest = 0;
  for (const ActionSpec& action : AllActions()) {
    if (!action.changes_state || action.command.empty()) continue;
    const std::vector<std::string> command = CommandWords(action);
    if (command.size() <= longest || command.size() > words.size()) continue;
    if (std::equal(command.begin(), command.end(), words.begin())) {
      found = &action;
      longest = command.size();
    }
  }
  return found;
}

Status CheckOpenTranscript(const std::string& transcript_path, Clock& clock) {
  return transcript::TranscriptWriter::Open(transcript_path, clock).status();
}

Status RecordCommand(const std::string& transcript_path, const std::vector<std::string>& words,
                     int exit_code, Clock& clock) {
  const ActionSpec* action = StateChangingAction(words);
  if (action == nullptr) return OkStatus();
  const Step step = AsStep(*action, words, CommandWords(*action).size());
  KR_ASSIGN_OR_RETURN(Outputs outputs, OutputPaths(*action, step, Values{}));
  std::string line = "keyrite";
  for (const std::string& w : words) line += " " + w;
  transcript::Step record{.action = std::string(action->command),
                          .params = {{"command", line}, {"exit", std::to_string(exit_code)}}};
  for (const std::string& dir : outputs.changed) {
    KR_ASSIGN_OR_RETURN(std::string state, StateOf({dir}));
    record.params.emplace_back("state." + dir, state);
  }
  KR_ASSIGN_OR_RETURN(record.outputs, ArtifactsOf(outputs.written));
  record.params.emplace_back("outcome", exit_code == 0 ? "done" : "failed");
  if (exit_code != 0) {
    record.exception = true;
    record.exception_text = "keyrite exited with " + std::to_string(exit_code);
  }
  KR_ASSIGN_OR_RETURN(transcript::TranscriptWriter writer,
                      transcript::TranscriptWriter::Open(transcript_path, clock));
  return writer.Append(record).status();
}

}  // namespace keyrite::ceremony
