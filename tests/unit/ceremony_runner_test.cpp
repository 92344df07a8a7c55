// The ceremony runner (lib/ceremony/runner.h) with a desk the test controls: parameters and the
// command lines actions become, the answers file, and the runner's records: a whole run, a failed
// action, and resume after an interruption on both sides of a state-changing action (run again
// when its outputs are unchanged, recorded and not run again when they changed).

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "base/check.h"
#include "base/clock.h"
#include "base/rng.h"
#include "ceremony/answers.h"
#include "ceremony/command_record.h"
#include "ceremony/run_values.h"
#include "ceremony/runner.h"
#include "ceremony/script_parse.h"
#include "transcript/verify.h"
#include "transcript/writer.h"
#include "unsealer/signing_key.h"

namespace keyrite::ceremony {
namespace {

namespace fs = std::filesystem;

constexpr const char* kScript = R"(format = "keyrite-ceremony-v1"
name = "runner-test"
version = "1"
title = "A runner test"
purpose = "Exercise the runner"

[roles.administrator]
kind = "administrator"

[roles.auditor]
kind = "auditor"

[parameters.key_file]
type = "path"
default = "out/key.txt"
description = "Where the key goes"

[parameters.labels]
type = "string-list"
default = ["a", "b"]
description = "Labels"

[preflight]
doctor = true
digest_confirmed_by = ["auditor"]

[[acts]]
id = "one"
title = "Act one"

  [[acts.steps]]
  id = "serials"
  instruction = "Type two serials for {labels}."
  action = "record"
  confirm = ["auditor"]

    [[acts.steps.record]]
    name = "serials"
    prompt = "Serial"
    kind = "serial"
    count = 2

  [[acts.steps]]
  id = "make-key"
  instruction = "Make a key into {key_file} (envelopes {serials})."
  action = "keygen"
  confirm = ["administrator", "auditor"]

    [acts.steps.args]
    kind = "random"
    bytes = 32
    out = "{key_file}"

  [[acts.steps]]
  id = "optional"
  instruction = "Something that may be skipped."
  action = "manual"
  confirm = ["administrator"]
  skippable = true
  approve_skip = ["auditor"]
)";

// A temporary working directory, entered for the test's length (artifact names are relative).
class InTempDir {
 public:
  InTempDir() {
    std::string tmpl = (fs::temp_directory_path() / "keyrite-runner-XXXXXX").string();
    KR_CHECK(mkdtemp(tmpl.data()) != nullptr);
    path_ = tmpl;
    old_ = fs::current_path();
    fs::current_path(path_);
    std::ofstream(path_ + "/script.toml") << kScript;
  }
  ~InTempDir() {
    fs::current_path(old_);
    fs::remove_all(path_);
  }

 private:
  std::string path_;
  fs::path old_;
};

class FakeDesk final : public Desk {
 public:
  std::vector<std::vector<std::string>> commands;  // every command run
  int exit_code = 0;
  bool write_output = true;
  std::string cancel_at;  // a prompt that, when asked, ends the run (Cancelled)
  std::map<std::string, std::string> skip;

  void Show(std::string_view) override {}
  Result<std::string> Ask(const Question& q) override {
    if (!cancel_at.empty() && q.prompt.find(cancel_at) != std::string::npos) {
      return Cancelled("stopped at " + cancel_at);
    }
    if (q.kind == Question::Kind::kSkip) return skip.contains(q.name) ? skip[q.name] : "";
    if (q.kind == Question::Kind::kField) return "S-" + std::to_string(q.index + 1);
    return q.name == "auditor" ? std::string("AU") : std::string("AD");
  }
  int RunKeyrite(const std::vector<std::string>& words) override {
    commands.push_back(words);
    if (words.front() == "keygen" && write_output) {
      fs::create_directories("out");
      std::ofstream("out/key.txt") << "key " << commands.size() << "\n";
    }
    return words.front() == "doctor" ? 0 : exit_code;
  }
  Result<CheckpointKey> ClosingKey(const std::string& unsealer_dir) override {
    EXPECT_EQ(unsealer_dir, "");  // the script works on no unsealer
    SeededRng rng(7);
    unsealer::SigningKey key = unsealer::GenerateSigningKey(rng);
    return ceremony::CheckpointKey{std::move(key.secret), key.public_hex};
  }
  int Runs(const std::string& first_word) const {
    return static_cast<int>(std::count_if(commands.begin(), commands.end(),
                                          [&](const auto& c) { return c.front() == first_word; }));
  }
};

RunRequest Request(bool resume) {
  return {.script_path = "script.toml",
          .transcript_path = "t.jsonl",
          .settings = {},
          .rehearsal = false,
          .resume = resume};
}

std::vector<transcript::StepRecord> Steps() {
  std::ifstream in("t.jsonl");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const transcript::VerifyReport report =
      transcript::VerifyTranscript(text, {.require_closed = false});
  EXPECT_TRUE(report.ok()) << report.status.message();
  return report.steps;
}

std::string ParamOf(const transcript::StepRecord& r, const std::string& name) {
  for (const auto& [k, v] : r.step.params) {
    if (k == name) return v;
  }
  return "";
}

int Outcomes(const std::string& step, const std::string& outcome) {
  int n = 0;
  for (const transcript::StepRecord& r : Steps()) {
    n += r.step.step == step && ParamOf(r, "outcome") == outcome;
  }
  return n;
}

TEST(CeremonyRunValues, ParametersDefaultsSettingsAndErrors) {
  Result<Script> script = ParseScript(kScript, "script.toml");
  ASSERT_TRUE(script.ok()) << script.status().message();
  Result<Values> values = ResolveParameters(*script, {"labels=x,y,z"});
  ASSERT_TRUE(values.ok());
  EXPECT_EQ(values->at("key_file").items, std::vector<std::string>{"out/key.txt"});
  EXPECT_EQ(values->at("labels").items, (std::vector<std::string>{"x", "y", "z"}));
  EXPECT_EQ(values->at("labels").Text(), "x, y, z");
  EXPECT_EQ(ResolveParameters(*script, {"nothing=1"}).status().kind(), ErrorKind::kInvalidArgument);
  EXPECT_EQ(ResolveParameters(*script, {"key_file"}).status().kind(), ErrorKind::kInvalidArgument);
  EXPECT_EQ(ResolveParameters(*script, {"key_file="}).status().kind(), ErrorKind::kInvalidArgument);
  Values missing = *values;
  missing.erase("labels");
  EXPECT_EQ(CheckAllSet(*script, missing).kind(), ErrorKind::kInvalidArgument);
  EXPECT_TRUE(CheckAllSet(*script, *values).ok());
}

TEST(CeremonyRunValues, AnActionBecomesItsCommandLineAndOutputs) {
  Result<Script> script = ParseScript(kScript, "script.toml");
  ASSERT_TRUE(script.ok());
  Result<Values> values = ResolveParameters(*script, {"key_file=keys/k.txt"});
  ASSERT_TRUE(values.ok());
  const Step* step = FindStep(*script, "make-key");
  ASSERT_NE(step, nullptr);
  Result<std::vector<std::string>> words = ActionCommand(*FindAction("keygen"), *step, *values);
  ASSERT_TRUE(words.ok());
  EXPECT_EQ(*words, (std::vector<std::string>{"keygen", "--bytes", "32", "--kind", "random",
                                              "--out", "keys/k.txt"}));
  Result<Outputs> outputs = OutputPaths(*FindAction("keygen"), *step, *values);
  ASSERT_TRUE(outputs.ok());
  EXPECT_EQ(outputs->written, std::vector<std::string>{"keys/k.txt"});
  EXPECT_TRUE(outputs->changed.empty());
  // An unsealer is changed in place (a state digest); its sheets are new files (artifacts).
  Step init;
  init.id = "init";
  Value dir_value, print_value;
  dir_value.text = "u";
  print_value.text = "sheets";
  init.args = {{"dir", dir_value, 1}, {"print", print_value, 2}};
  Result<Outputs> init_outputs = OutputPaths(*FindAction("unsealer.init"), init, *values);
  ASSERT_TRUE(init_outputs.ok());
  EXPECT_EQ(init_outputs->written, std::vector<std::string>{"sheets"});
  EXPECT_EQ(init_outputs->changed, std::vector<std::string>{"u"});
  EXPECT_TRUE(OutputPaths(*FindAction("unsealer.status"), init, *values)->All().empty());
  // Arguments come in name order (the TOML table's); a human step runs nothing.
  EXPECT_TRUE(
      ActionCommand(*FindAction("manual"), *FindStep(*script, "optional"), *values)->empty());
  EXPECT_EQ(Resolve("{labels} and {key_file}", *values).value(), "a, b and keys/k.txt");
  EXPECT_EQ(Resolve("{nothing}", *values).status().kind(), ErrorKind::kNotFound);
}

TEST(CeremonyCommandRecord, OnlyStateChangingCommandsAreRecorded) {
  using W = std::vector<std::string>;
  ASSERT_NE(StateChangingAction(W{"unsealer", "init", "--dir", "u"}), nullptr);
  EXPECT_EQ(StateChangingAction(W{"unsealer", "init", "--dir", "u"})->name, "unsealer.init");
  EXPECT_EQ(StateChangingAction(W{"split", "-t", "2"})->name, "split");
  EXPECT_EQ(StateChangingAction(W{"snapshot", "restore", "f", "--dir", "g"})->name,
            "snapshot.restore");
  EXPECT_EQ(StateChangingAction(W{"unsealer", "status", "--dir", "u"}), nullptr);
  EXPECT_EQ(StateChangingAction(W{"snapshot", "verify", "--test", "f"}), nullptr);
  EXPECT_EQ(StateChangingAction(W{"keystore", "list", "--dir", "u"}), nullptr);
  EXPECT_EQ(StateChangingAction(W{"unsealer"}), nullptr);
  EXPECT_EQ(StateChangingAction(W{}), nullptr);
}

TEST(CeremonyCommandRecord, ARecordHoldsTheCommandItsOutcomeAndWhatItWrote) {
  InTempDir dir;
  SeededRng rng(3);
  ASSERT_TRUE(
      transcript::TranscriptWriter::Create("s.jsonl", {"solo", false}, SystemClock(), rng).ok());
  EXPECT_EQ(CheckOpenTranscript("none.jsonl", SystemClock()).kind(), ErrorKind::kNotFound);
  ASSERT_TRUE(CheckOpenTranscript("s.jsonl", SystemClock()).ok());
  fs::create_directories("shares");
  std::ofstream("shares/share-1-of-2.txt") << "one\n";
  const std::vector<std::string> split = {"split", "-t", "2", "--in", "k", "--out=shares"};
  ASSERT_TRUE(RecordCommand("s.jsonl", split, 0, SystemClock()).ok());
  ASSERT_TRUE(
      RecordCommand("s.jsonl", {"unsealer", "status", "--dir", "u"}, 0, SystemClock()).ok());
  ASSERT_TRUE(RecordCommand("s.jsonl", split, 9, SystemClock()).ok());
  // A path with braces is a path, not a reference.
  ASSERT_TRUE(RecordCommand("s.jsonl", {"keygen", "--out", "odd{name}"}, 0, SystemClock()).ok());
  std::ifstream in("s.jsonl");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const transcript::VerifyReport report =
      transcript::VerifyTranscript(text, {.require_closed = false});
  ASSERT_TRUE(report.ok()) << report.status.message();
  ASSERT_EQ(report.steps.size(), 3u);  // the status added nothing
  EXPECT_EQ(report.steps[0].step.action, "split");
  EXPECT_EQ(ParamOf(report.steps[0], "command"), "keyrite split -t 2 --in k --out=shares");
  ASSERT_EQ(report.steps[0].step.outputs.size(), 1u);
  EXPECT_EQ(report.steps[0].step.outputs[0].first, "shares/share-1-of-2.txt");
  EXPECT_FALSE(report.steps[0].step.exception);
  EXPECT_EQ(ParamOf(report.steps[1], "outcome"), "failed");
  EXPECT_TRUE(report.steps[1].step.exception);
}

TEST(CeremonyAnswers, ParsesAndRefusesWhatIsNotAnAnswer) {
  Result<Answers> a = ParseAnswers(
      "[initials]\nauditor = \"AU\"\n[fields]\nserials = [\"S-1\", \"S-2\"]\nnote = \"x\"\n"
      "[skip]\noptional = \"not today\"\n",
      "a.toml");
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(a->initials.at("auditor"), "AU");
  EXPECT_EQ(a->fields.at("serials"), (std::vector<std::string>{"S-1", "S-2"}));
  EXPECT_EQ(a->fields.at("note"), std::vector<std::string>{"x"});
  EXPECT_EQ(a->skip.at("optional"), "not today");
  for (const char* bad :
       {"[other]\nx = \"1\"\n", "[initials]\nauditor = 3\n", "[initials]\nauditor = \"\"\n",
        "[fields]\nx = [1]\n", "[fields]\nx = []\n", "[initials\n", "initials = \"AU\"\n"}) {
    EXPECT_EQ(ParseAnswers(bad, "a.toml").status().kind(), ErrorKind::kInvalidInput) << bad;
  }
}

TEST(CeremonyRunner, AWholeRunRecordsEveryStepOnceAndCloses) {
  InTempDir dir;
  FakeDesk desk;
  desk.skip["optional"] = "not needed today";
  Result<RunSummary> run = RunCeremony(Request(false), desk);
  ASSERT_TRUE(run.ok()) << run.status().message();
  EXPECT_EQ(run->steps_done, 3u);
  EXPECT_EQ(desk.Runs("keygen"), 1);
  EXPECT_EQ(desk.Runs("doctor"), 1);
  EXPECT_EQ(run->outputs, std::vector<std::string>{"out/key.txt"});
  EXPECT_EQ(Outcomes("serials", "done"), 1);
  EXPECT_EQ(Outcomes("make-key", "begun"), 1);
  EXPECT_EQ(Outcomes("make-key", "done"), 1);
  EXPECT_EQ(Outcomes("optional", "skipped"), 1);
  for (const transcript::StepRecord& r : Steps()) {
    if (r.step.step == "serials") {
      EXPECT_EQ(ParamOf(r, "field.serials"), R"(["S-1","S-2"])");
    }
    if (r.step.step == "optional") {
      EXPECT_TRUE(r.step.exception);
      EXPECT_EQ(ParamOf(r, "initials.auditor"), "AU");
    }
    if (r.step.step == "make-key" && ParamOf(r, "outcome") == "done") {
      EXPECT_EQ(ParamOf(r, "command"), "keyrite keygen --bytes 32 --kind random --out out/key.txt");
      ASSERT_EQ(r.step.outputs.size(), 1u);
      EXPECT_EQ(r.step.outputs[0].first, "out/key.txt");
    }
  }
  // A closed transcript is not resumed, and a new run does not overwrite it.
  EXPECT_EQ(RunCeremony(Request(true), desk).status().kind(), ErrorKind::kRefused);
  EXPECT_EQ(RunCeremony(Request(false), desk).status().kind(), ErrorKind::kExists);
}

TEST(CeremonyRunner, AFailedActionIsRecordedAndStopsWithItsExitCode) {
  InTempDir dir;
  FakeDesk desk;
  desk.exit_code = 9;  // ExitCode::kExists
  Result<RunSummary> run = RunCeremony(Request(false), desk);
  EXPECT_EQ(run.status().kind(), ErrorKind::kExists);
  EXPECT_NE(run.status().message().find("ceremony resume"), std::string::npos);
  EXPECT_EQ(Outcomes("make-key", "failed"), 1);
  EXPECT_EQ(Outcomes("make-key", "done"), 0);
  EXPECT_TRUE(Steps().back().step.exception);
  desk.exit_code = 0;
  desk.commands.clear();
  ASSERT_TRUE(RunCeremony(Request(true), desk).ok());
  EXPECT_EQ(desk.Runs("keygen"), 1);  // the failed step again; nothing done before it
  EXPECT_EQ(desk.Runs("doctor"), 0);
  EXPECT_EQ(Outcomes("serials", "done"), 1);
}

TEST(CeremonyRunner, AnActionThatFinishedBeforeAnInterruptionIsNotRunAgain) {
  InTempDir dir;
  FakeDesk desk;
  desk.cancel_at = "step 1.2";  // the initials after make-key's action
  EXPECT_EQ(RunCeremony(Request(false), desk).status().kind(), ErrorKind::kCancelled);
  EXPECT_EQ(desk.Runs("keygen"), 1);
  FakeDesk again;
  ASSERT_TRUE(RunCeremony(Request(true), again).ok());
  EXPECT_EQ(again.Runs("keygen"), 0);
  EXPECT_EQ(Outcomes("make-key", "done"), 1);
  for (const transcript::StepRecord& r : Steps()) {
    if (r.step.step == "make-key" && ParamOf(r, "outcome") == "done") {
      EXPECT_TRUE(r.step.exception);
      EXPECT_NE(r.step.exception_text.find("not run again"), std::string::npos);
    }
  }
}

TEST(CeremonyRunner, AnActionThatChangedNothingBeforeAnInterruptionRunsAgain) {
  InTempDir dir;
  FakeDesk desk;
  desk.write_output = false;
  desk.cancel_at = "step 1.2";
  EXPECT_EQ(RunCeremony(Request(false), desk).status().kind(), ErrorKind::kCancelled);
  FakeDesk again;
  ASSERT_TRUE(RunCeremony(Request(true), again).ok());
  EXPECT_EQ(again.Runs("keygen"), 1);
  EXPECT_EQ(Outcomes("make-key", "begun"), 2);
  EXPECT_EQ(Outcomes("make-key", "done"), 1);
}

TEST(CeremonyRunner, ABadlyTypedAnswerIsAskedAgainThenRefused) {
  InTempDir dir;
  class Typo final : public Desk {
   public:
    int asked = 0;
    void Show(std::string_view) override {}
    Result<std::string> Ask(const Question&) override {
      ++asked;
      return std::string("not initials!");
    }
    int RunKeyrite(const std::vector<std::string>&) override { return 0; }
    Result<ceremony::CheckpointKey> ClosingKey(const std::string&) override {
      return Internal("not reached");
    }
  } desk;
  EXPECT_EQ(RunCeremony(Request(false), desk).status().kind(), ErrorKind::kInvalidInput);
  EXPECT_EQ(desk.asked, 3);
}

}  // namespace
}  // namespace keyrite::ceremony
