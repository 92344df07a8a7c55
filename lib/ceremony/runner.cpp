#include "ceremony/runner.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "base/clock.h"
#include "base/digest.h"
#include "base/exit_code.h"
#include "base/hex.h"
#include "base/rng.h"
#include "base/words.h"
#include "ceremony/lint.h"
#include "ceremony/lint_values.h"
#include "ceremony/outputs.h"
#include "ceremony/script_parse.h"
#include "io/fault.h"
#include "io/files.h"
#include "transcript/verify.h"

namespace keyrite::ceremony {
namespace {

namespace fs = std::filesystem;
using transcript::Params;

// The `action` of the records the runner writes besides the steps' own.
constexpr std::string_view kStartAction = "ceremony start";
constexpr std::string_view kPreflightStep = "preflight";
// A step's "outcome" parameter: what its record says happened.
constexpr std::string_view kBegun = "begun";  // a state-changing action is about to run
constexpr std::string_view kDone = "done";
constexpr std::string_view kSkipped = "skipped";
constexpr std::string_view kFailed = "failed";
constexpr int kMaxAttempts = 3;  // a badly typed answer is asked again, this many times in all

std::string Encode(const RunValue& v) {
  if (v.list) return nlohmann::json(v.items).dump();
  return v.items.empty() ? std::string() : v.items.front();
}

Result<RunValue> Decode(const std::string& text, bool list) {
  if (!list) return RunValue{{text}, false};
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return Corrupt("a recorded list is not a JSON array: " + text);
  RunValue v{{}, true};
  for (const nlohmann::json& item : j) {
    if (!item.is_string()) return Corrupt("a recorded list holds a non-string: " + text);
    v.items.push_back(item.get<std::string>());
  }
  return v;
}

const std::string* Param(const Params& params, std::string_view name) {
  for (const auto& [key, value] : params) {
    if (key == name) return &value;
  }
  return nullptr;
}

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

Status StatusForExit(int code, std::string message) {
  for (int k = 0; k <= static_cast<int>(ErrorKind::kInternal); ++k) {
    const auto kind = static_cast<ErrorKind>(k);
    if (kind != ErrorKind::kOk && static_cast<int>(ExitCodeFor(kind)) == code) {
      return Status(kind, std::move(message));
    }
  }
  return Internal(std::move(message));
}

bool AllOf(std::string_view text, std::string_view allowed_punctuation) {
  return std::all_of(text.begin(), text.end(), [&](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           allowed_punctuation.find(c) != std::string_view::npos;
  });
}

// Why an answer cannot be recorded; empty when it can.
std::string AnswerProblem(const Question& q, std::string_view a) {
  if (q.kind == Question::Kind::kSkip) {
    return a.size() <= kMaxValueChars && AllOf(a, " .,;:'()/-") ? "" : "a reason in plain words";
  }
  if (q.kind == Question::Kind::kInitials) {
    return !a.empty() && a.size() <= 24 && AllOf(a, " .-") ? "" : "initials: letters, 1-24";
  }
  switch (q.field) {
    case FieldKind::kNumber:
      return !a.empty() && a.size() <= 18 &&
                     std::all_of(a.begin(), a.end(), [](char c) { return c >= '0' && c <= '9'; })
                 ? ""
                 : "a number";
    case FieldKind::kSerial:
      return !a.empty() && a.size() <= 64 && AllOf(a, "-/.") ? ""
                                                             : "a serial: letters, digits, -/.";
    case FieldKind::kFingerprint:
      return IsFingerprint(a) ? "" : "a fingerprint: 40 or 64 hex digits";
    case FieldKind::kDigest:
      return a.size() == 64 && IsFingerprint(a) ? "" : "a digest: 64 hex digits";
    case FieldKind::kText:
      return !a.empty() && a.size() <= kMaxValueChars && AllOf(a, " .,;:'()/-_#@+=") ? ""
                                                                                     : "plain text";
  }
  return "an answer";
}

class Runner {
 public:
  Runner(const RunRequest& request, Desk& desk) : request_(request), desk_(desk) {}

  Result<RunSummary> Run() {
    KR_ASSIGN_OR_RETURN(script_, ReadScriptFile(request_.script_path));
    const std::vector<Finding> findings = LintScript(script_);
    if (!findings.empty()) {
      return InvalidInput(FormatFinding(findings.front()) + " (run keyrite ceremony lint)");
    }
    KR_ASSIGN_OR_RETURN(std::string script_text,
                        io::ReadPublicFile(request_.script_path, kMaxScriptBytes));
    script_digest_ = ToHex(Sha256(script_text));
    KR_RETURN_IF_ERROR(request_.resume ? Reopen() : Start());
    summary_.transcript_path = request_.transcript_path;
    summary_.rehearsal = writer_->header().rehearsal;
    if (!done_.contains(std::string(kPreflightStep))) KR_RETURN_IF_ERROR(Preflight());
    for (const Act& act : script_.acts) {
      for (std::size_t i = 0; i < act.steps.size(); ++i) {
        const Step& step = act.steps[i];
        if (done_.contains(step.id)) {
          ++summary_.steps_resumed;
          continue;
        }
        KR_RETURN_IF_ERROR(RunStep(act, step));
        ++summary_.steps_done;
      }
    }
    return Close();
  }

 private:
  Status Start() {
    KR_ASSIGN_OR_RETURN(values_, ResolveParameters(script_, request_.settings));
    if (request_.prepare) KR_RETURN_IF_ERROR(request_.prepare(values_));
    KR_RETURN_IF_ERROR(CheckAllSet(script_, values_));
    KR_ASSIGN_OR_RETURN(transcript::TranscriptWriter w,
                        transcript::TranscriptWriter::Create(request_.transcript_path,
                                                             {script_.name, request_.rehearsal},
                                                             SystemClock(), SystemRng()));
    writer_.emplace(std::move(w));
    Params params = {{"script", script_.name},
                     {"script_version", script_.version},
                     {"script_sha256", script_digest_}};
    for (const Parameter& p : script_.parameters) {
      params.emplace_back("param." + p.name, Encode(values_.at(p.name)));
    }
    return Append({.step = "",
                   .roles = {},
                   .action = std::string(kStartAction),
                   .params = std::move(params)});
  }

  Status Reopen() {
    KR_ASSIGN_OR_RETURN(
        transcript::TranscriptWriter w,
        transcript::TranscriptWriter::Open(request_.transcript_path, SystemClock()));
    writer_.emplace(std::move(w));
    if (writer_->header().ceremony != script_.name) {
      return Refused(request_.transcript_path + " is the transcript of " +
                     writer_->header().ceremony + ", not of " + script_.name);
    }
    KR_ASSIGN_OR_RETURN(std::string text, transcript::ReadTranscriptFile(request_.transcript_path));
    const transcript::VerifyReport report =
        transcript::VerifyTranscript(text, {.require_closed = false});
    if (!report.ok()) return report.status.WithContext(request_.transcript_path);
    if (report.steps.empty() || report.steps.front().step.action != kStartAction) {
      return Corrupt(request_.transcript_path + ": record 2 is not the ceremony's start");
    }
    const Params& start = report.steps.front().step.params;
    const std::string* digest = Param(start, "script_sha256");
    if (digest == nullptr || *digest != script_digest_) {
      return Refused(request_.script_path +
                     " is not the script this ceremony began with (its "
                     "SHA-256 differs from the transcript's); resume with that script");
    }
    for (const Parameter& p : script_.parameters) {
      const std::string* v = Param(start, "param." + p.name);
      if (v == nullptr) return Corrupt("the start record lacks the parameter " + p.name);
      KR_ASSIGN_OR_RETURN(values_[p.name], Decode(*v, p.type == ValueType::kPathList ||
                                                          p.type == ValueType::kFingerprintList ||
                                                          p.type == ValueType::kStringList));
    }
    for (const transcript::StepRecord& r : report.steps) KR_RETURN_IF_ERROR(Replay(r.step));
    if (request_.prepare) KR_RETURN_IF_ERROR(request_.prepare(values_));
    desk_.Show("Resuming " + script_.name + " from " + request_.transcript_path + ": " +
               std::to_string(done_.size() - done_.count(std::string(kPreflightStep))) +
               " step(s) already done.");
    return OkStatus();
  }

  // What one earlier record tells a resumed run: a step done, a field typed, an action begun.
  Status Replay(const transcript::Step& s) {
    const std::string* outcome = Param(s.params, "outcome");
    if (outcome == nullptr || s.step.empty()) return OkStatus();
    if (*outcome == kBegun) {
      const std::string* state = Param(s.params, "state_before");
      if (state != nullptr) begun_[s.step] = *state;
      return OkStatus();
    }
    if (*outcome == kFailed) {  // the action ended, failing: resume runs it again
      begun_.erase(s.step);
      return OkStatus();
    }
    if (*outcome != kDone && *outcome != kSkipped) return OkStatus();
    done_.insert(s.step);
    begun_.erase(s.step);
    for (const auto& [key, value] : s.params) {
      if (!key.starts_with("field.")) continue;
      const std::string name = key.substr(6);
      KR_ASSIGN_OR_RETURN(values_[name], Decode(value, value.starts_with("[")));
    }
    return OkStatus();
  }

  // The outputs the summary lists are read back from the closed transcript (Close).
  Status Append(const transcript::Step& step) { return writer_->Append(step).status(); }

  Result<std::string> AskChecked(Question q) {
    for (int attempt = 1;; ++attempt) {
      KR_ASSIGN_OR_RETURN(std::string answer, desk_.Ask(q));
      const std::string problem = AnswerProblem(q, answer);
      if (problem.empty()) return answer;
      if (attempt == kMaxAttempts) {
        return InvalidInput("'" + q.prompt + "': no usable answer after " +
                            std::to_string(kMaxAttempts) + " tries (expected " + problem + ")");
      }
      desk_.Show("  That is not " + problem + "; again.");
    }
  }

  // Each role in `roles` types its initials; they go into `params`.
  Status Initials(const std::vector<std::string>& roles, std::string_view what, Params& params) {
    for (const std::string& role : roles) {
      const Role* r = FindRole(script_, role);
      const std::string title = r != nullptr && !r->title.empty() ? r->title : role;
      KR_ASSIGN_OR_RETURN(std::string initials,
                          AskChecked({Question::Kind::kInitials, role, 0, FieldKind::kText,
                                      "Initials of " + role + " (" + title + "), confirming " +
                                          std::string(what)}));
      params.emplace_back("initials." + role, initials);
    }
    return OkStatus();
  }

  Status Preflight() {
    Params params;
    bool exception = false;
    std::string why;
    if (script_.preflight.doctor) {
      desk_.Show("\n== Preflight: the air-gap and hardening self-check (keyrite doctor)");
      const int rc = desk_.RunKeyrite({"doctor"});
      params.emplace_back("doctor_exit", std::to_string(rc));
      if (rc != 0 && !writer_->header().rehearsal) {
        params.emplace_back("outcome", std::string(kFailed));
        KR_RETURN_IF_ERROR(Append({.step = std::string(kPreflightStep),
                                   .action = "doctor",
                                   .params = params,
                                   .exception = true,
                                   .exception_text = "keyrite doctor failed with exit " +
                                                     std::to_string(rc) + "; ceremony stopped"}));
        return Refused("the machine failed keyrite doctor (exit " + std::to_string(rc) +
                       "): a ceremony runs only on a hardened offline machine");
      }
      if (rc != 0) {
        exception = true;
        why = "keyrite doctor failed with exit " + std::to_string(rc) +
              "; a rehearsal goes on, a ceremony would stop";
      }
    }
    KR_ASSIGN_OR_RETURN(Sha256Digest tool, Sha256File("/proc/self/exe"));
    params.emplace_back("tool_sha256", ToHex(tool));
    desk_.Show(
        "\n== Preflight: keyrite's own SHA-256, to read aloud and compare with the "
        "published one\n   " +
        ToHex(tool) + "\n   " + DigestWords(tool));
    KR_RETURN_IF_ERROR(
        Initials(script_.preflight.digest_confirmed_by, "the tool's digest", params));
    params.emplace_back("outcome", std::string(kDone));
    return Append({.step = std::string(kPreflightStep),
                   .roles = script_.preflight.digest_confirmed_by,
                   .action = "preflight",
                   .params = std::move(params),
                   .exception = exception,
                   .exception_text = why});
  }

  Result<std::size_t> FieldCount(const RecordField& field) {
    if (field.count.kind == Value::Kind::kInt) return static_cast<std::size_t>(field.count.number);
    if (field.count.text.empty()) return std::size_t{1};
    KR_ASSIGN_OR_RETURN(std::string text, Resolve(field.count.text, values_));
    std::size_t n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size() || n > kMaxListItems) {
      return InvalidInput("the count of " + field.name + " is not a small number: " + text);
    }
    return n;
  }

  Status RecordFields(const Step& step, Params& params) {
    for (const RecordField& field : step.record) {
      KR_ASSIGN_OR_RETURN(std::size_t count, FieldCount(field));
      RunValue value{{}, count != 1};
      for (std::size_t i = 0; i < count; ++i) {
        const std::string prompt =
            field.prompt +
            (count == 1 ? "" : " " + std::to_string(i + 1) + " of " + std::to_string(count));
        KR_ASSIGN_OR_RETURN(std::string answer, AskChecked({Question::Kind::kField, field.name, i,
                                                            field.kind, prompt}));
        value.items.push_back(std::move(answer));
      }
      params.emplace_back("field." + field.name, Encode(value));
      values_[field.name] = std::move(value);
    }
    return OkStatus();
  }

  std::string Header(const Act& act, const Step& step, const std::string& instruction) const {
    std::string roles;
    for (const std::string& r : step.confirm) roles += (roles.empty() ? "" : ", ") + r;
    return "\n== Step " + step.number + " (" + step.id + ") — " + act.title +
           (roles.empty() ? "" : "\n   confirmed by: " + roles) + "\n   " + instruction;
  }

  Status RunStep(const Act& act, const Step& step) {
    io::FaultPoint("ceremony step " + step.id);
    const ActionSpec* action = FindAction(step.action);
    if (action == nullptr) return InvalidInput("step " + step.id + ": unknown action");
    KR_ASSIGN_OR_RETURN(std::string instruction, Resolve(step.instruction, values_));
    desk_.Show(Header(act, step, instruction));
    Params params;
    if (step.skippable) {
      KR_ASSIGN_OR_RETURN(std::string reason,
                          AskChecked({Question::Kind::kSkip, step.id, 0, FieldKind::kText,
                                      "To skip this step type the reason; Enter to do it"}));
      if (!reason.empty()) return Skip(step, reason);
    }
    KR_ASSIGN_OR_RETURN(std::vector<std::string> words, ActionCommand(*action, step, values_));
    KR_ASSIGN_OR_RETURN(Outputs outputs, OutputPaths(*action, step, values_));
    std::string exception;
    if (!words.empty()) {
      if (request_.extra_words) {
        for (std::string& w : request_.extra_words(*action)) words.push_back(std::move(w));
      }
      params.emplace_back("command", "keyrite " + Join(words));
      KR_ASSIGN_OR_RETURN(bool ran, RanBeforeInterruption(step, outputs.All()));
      if (ran) {
        exception = "interrupted after its action had written its outputs; not run again";
        desk_.Show("   This step's action finished before the run was interrupted: " +
                   std::string("its outputs are recorded, and it is not run again."));
      } else {
        KR_RETURN_IF_ERROR(RunAction(step, *action, words, outputs.All(), params));
      }
    }
    KR_RETURN_IF_ERROR(RecordFields(step, params));
    KR_RETURN_IF_ERROR(Initials(step.confirm, "step " + step.number, params));
    for (const std::string& dir : outputs.changed) {
      KR_ASSIGN_OR_RETURN(std::string state, StateOf({dir}));
      params.emplace_back("state." + dir, state);
    }
    KR_ASSIGN_OR_RETURN(transcript::Digests digests, ArtifactsOf(outputs.written));
    params.emplace_back("outcome", std::string(kDone));
    return Append({.step = step.id,
                   .roles = step.confirm,
                   .action = step.action,
                   .params = std::move(params),
                   .outputs = std::move(digests),
                   .exception = !exception.empty(),
                   .exception_text = exception});
  }

  // Whether an earlier run of this state-changing step wrote its outputs before it was stopped:
  // keyrite's commands replace their outputs whole, so changed outputs mean the action finished.
  Result<bool> RanBeforeInterruption(const Step& step, const std::vector<std::string>& outputs) {
    const auto it = begun_.find(step.id);
    if (it == begun_.end()) return false;
    KR_ASSIGN_OR_RETURN(std::string now, StateOf(outputs));
    return now != it->second;
  }

  Status RunAction(const Step& step, const ActionSpec& action,
                   const std::vector<std::string>& words, const std::vector<std::string>& outputs,
                   Params& params) {
    if (action.changes_state) {
      KR_ASSIGN_OR_RETURN(std::string before, StateOf(outputs));
      KR_RETURN_IF_ERROR(Append({.step = step.id,
                                 .roles = {},
                                 .action = step.action,
                                 .params = {{"command", "keyrite " + Join(words)},
                                            {"state_before", before},
                                            {"outcome", std::string(kBegun)}}}));
    }
    KR_RETURN_IF_ERROR(MakeParents(outputs));
    desk_.Show("   keyrite " + Join(words));
    const int rc = desk_.RunKeyrite(words);
    io::FaultPoint("ceremony action done " + step.id);
    params.emplace_back("exit", std::to_string(rc));
    if (rc == 0) return OkStatus();
    const std::string what = "keyrite " + Join(words) + " failed with exit " + std::to_string(rc);
    Params failed = params;
    failed.emplace_back("outcome", std::string(kFailed));
    KR_RETURN_IF_ERROR(Append({.step = step.id,
                               .roles = {},
                               .action = step.action,
                               .params = std::move(failed),
                               .exception = true,
                               .exception_text = what}));
    return StatusForExit(rc,
                         "step " + step.number + " (" + step.id + "): " + what +
                             "; once the cause is fixed, continue with keyrite ceremony resume");
  }

  Status Skip(const Step& step, const std::string& reason) {
    Params params = {{"reason", reason}};
    KR_RETURN_IF_ERROR(Initials(step.approve_skip, "skipping step " + step.number, params));
    std::string approvers;
    for (const std::string& r : step.approve_skip) approvers += (approvers.empty() ? "" : ", ") + r;
    params.emplace_back("outcome", std::string(kSkipped));
    desk_.Show("   Skipped: " + reason);
    return Append({.step = step.id,
                   .roles = step.approve_skip,
                   .action = step.action,
                   .params = std::move(params),
                   .exception = true,
                   .exception_text = "skipped (" + reason + "), approved by " + approvers});
  }

  // The `dir` of the last step that works on an unsealer (its own, keystore and snapshot
  // actions but `snapshot.verify`, whose dir is only read for its public key); empty when none.
  Result<std::string> LastUnsealerDir() const {
    std::string dir;
    for (const Step* step : AllSteps(script_)) {
      const std::string_view a = step->action;
      const bool on_unsealer = a.starts_with("unsealer.") || a.starts_with("keystore.") ||
                               (a.starts_with("snapshot.") && a != "snapshot.verify");
      if (!on_unsealer) continue;
      KR_ASSIGN_OR_RETURN(RunValue value, ArgumentValue(*step, "dir", values_));
      if (value.items.size() == 1) dir = value.items.front();
    }
    return dir;
  }

  Result<RunSummary> Close() {
    desk_.Show("\n== Closing the transcript: the checkpoint is signed");
    KR_ASSIGN_OR_RETURN(std::string unsealer_dir, LastUnsealerDir());
    KR_ASSIGN_OR_RETURN(CheckpointKey key, desk_.ClosingKey(unsealer_dir));
    KR_ASSIGN_OR_RETURN(summary_.checkpoint, writer_->Checkpoint(key.secret, key.public_hex, request_.auditor));
    KR_ASSIGN_OR_RETURN(std::string text, transcript::ReadTranscriptFile(request_.transcript_path));
    const transcript::VerifyReport report =
        transcript::VerifyTranscript(text, {.expected_signer = key.public_hex});
    if (!report.ok()) return report.status.WithContext(request_.transcript_path);
    for (const transcript::StepRecord& r : report.steps) {
      for (const auto& [name, digest] : r.step.outputs) {
        if (std::find(summary_.outputs.begin(), summary_.outputs.end(), name) ==
            summary_.outputs.end()) {
          summary_.outputs.push_back(name);
        }
      }
    }
    return summary_;
  }

  const RunRequest& request_;
  Desk& desk_;
  Script script_;
  std::string script_digest_;
  Values values_;
  std::optional<transcript::TranscriptWriter> writer_;
  std::set<std::string> done_;
  std::map<std::string, std::string> begun_;  // step id -> state of its outputs before
  RunSummary summary_;
};

}  // namespace

Result<RunSummary> RunCeremony(const RunRequest& request, Desk& desk) {
  return Runner(request, desk).Run();
}

}  // namespace keyrite::ceremony
