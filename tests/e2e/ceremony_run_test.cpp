// End-to-end: `keyrite ceremony run --rehearsal` drives a shipped script on throwaway identities
// into a transcript that `audit verify` accepts, artifacts included; a rehearsal killed at every
// step in turn (the fault-injection build) and resumed each time ends with a transcript that
// verifies and no step done twice; every bad invocation gets its documented exit code and loses
// nothing; and `keyrite demo`, the README's main job, rehearses three scripts end to end.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "e2e_util.h"
#include "tmux_session.h"

namespace keyrite::testing {
namespace {

using nlohmann::json;

const std::string kScripts = std::string(KEYRITE_SOURCE_ROOT) + "/ceremony-scripts";

constexpr const char* kAnswers = R"([initials]
administrator = "AD"
auditor = "AU"
custodians = "C1 C2 C3"
printer = "PR"
witness = "WI"
operator = "OP"
officers = "O1 O2 O3 O4"

[fields]
envelope_serials = ["E-1", "E-2", "E-3", "E-4", "E-5"]

[skip]
backup = "no backup media at a rehearsal"
release-retired = "no retired holder at a rehearsal"
)";

// A small script of its own: two human steps and one that reads an unsealer.
constexpr const char* kTiny = R"(format = "keyrite-ceremony-v1"
name = "tiny"
version = "1"
title = "Two people, three steps"
purpose = "A small script for the runner's tests."

[roles.administrator]
kind = "administrator"
title = "Administrator"

[roles.auditor]
kind = "auditor"
title = "Auditor"

[parameters.place]
type = "string"
default = "the test room"
description = "Where it happens"

[parameters.dir]
type = "path"
default = "unsealer"
description = "An unsealer that may not exist"

[preflight]
doctor = true
digest_confirmed_by = ["administrator"]

[[acts]]
id = "only"
title = "The only act"

  [[acts.steps]]
  id = "look"
  instruction = "Look around {place}."
  action = "manual"
  confirm = ["administrator"]

  [[acts.steps]]
  id = "serials"
  instruction = "Type the envelope serials."
  action = "record"
  confirm = ["auditor"]

    [[acts.steps.record]]
    name = "serials"
    prompt = "Envelope serial"
    kind = "serial"
    count = 2

  [[acts.steps]]
  id = "status"
  instruction = "Show {dir}."
  action = "unsealer.status"
  confirm = ["auditor"]

    [acts.steps.args]
    dir = "{dir}"
)";

std::vector<json> Records(const std::string& path) {
  std::vector<json> out;
  std::istringstream in(ReadFileOrEmpty(path));
  for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
  return out;
}

std::string Param(const json& record, const std::string& name) {
  const json& params = record.value("params", json::object());
  return params.contains(name) ? params[name].get<std::string>() : std::string();
}

// How many records of `step` say `outcome`.
int Outcomes(const std::vector<json>& records, const std::string& step,
             const std::string& outcome) {
  return static_cast<int>(std::count_if(records.begin(), records.end(), [&](const json& r) {
    return r.value("step", "") == step && Param(r, "outcome") == outcome;
  }));
}

std::string SignerOf(const std::string& transcript) {
  const std::vector<json> records = Records(transcript);
  return records.empty() ? "" : records.back().value("signer", "");
}

struct Rehearsal {
  TempDir dir;
  Rehearsal() { WriteFileOrDie(dir / "answers.toml", kAnswers); }

  RunResult Run(std::vector<std::string> args, std::map<std::string, std::string> env = {},
                const std::string& binary = "") const {
    args.push_back("--allow-online");
    RunOptions options{.stdin_data = "", .cwd = dir.path(), .env = std::move(env)};
    if (binary.empty()) return RunKeyrite(args, options);
    args.insert(args.begin(), binary);
    return RunProgram(args, options);
  }
  RunResult Rehearse(const std::string& script, const std::string& transcript,
                     std::vector<std::string> extra = {}) const {
    std::vector<std::string> args = {"ceremony",  "run",          script,         "--rehearsal",
                                     "--answers", "answers.toml", "--transcript", transcript};
    args.insert(args.end(), extra.begin(), extra.end());
    return Run(args);
  }
  RunResult Verify(const std::string& transcript) const {
    return RunKeyrite({"audit", "verify", transcript, "--pubkey", SignerOf(dir / transcript),
                       "--artifacts", dir.path()},
                      {.stdin_data = "", .cwd = dir.path(), .env = {}});
  }
};

// Every step id of a shipped script, in order, with whether it runs a keyrite command.
std::vector<std::pair<std::string, bool>> StepsOf(const std::string& script) {
  std::vector<std::pair<std::string, bool>> steps;
  std::istringstream in(ReadFileOrEmpty(script));
  for (std::string line; std::getline(in, line);) {
    const std::size_t id = line.find("  id = \"");
    if (id != std::string::npos && line.starts_with("  ")) {
      steps.emplace_back(line.substr(id + 8, line.rfind('"') - id - 8), false);
    }
    const std::size_t action = line.find("action = \"");
    if (action != std::string::npos && !steps.empty()) {
      steps.back().second = line.find('.', action) != std::string::npos;
    }
  }
  return steps;
}

TEST(CeremonyRunE2e, UnsealerInitRehearsalVerifiesWithItsArtifacts) {
  const Rehearsal r;
  const RunResult run = r.Rehearse(kScripts + "/unsealer-init.toml", "init.jsonl");
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("closed (REHEARSAL)"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("sheets/"), std::string::npos) << run.out;

  const std::vector<json> records = Records(r.dir / "init.jsonl");
  ASSERT_GE(records.size(), 16u);
  for (std::size_t i = 1; i + 1 < records.size(); ++i) {
    EXPECT_TRUE(records[i].value("rehearsal", false)) << records[i].dump();
  }
  // Every step is done once; the skipped one is an exception approved by the auditor.
  for (const auto& [step, action] : StepsOf(kScripts + "/unsealer-init.toml")) {
    if (step == "backup") continue;
    EXPECT_EQ(Outcomes(records, step, "done"), 1) << step;
  }
  EXPECT_EQ(Outcomes(records, "backup", "skipped"), 1);
  for (const json& rec : records) {
    if (rec.value("step", "") == "backup") {
      EXPECT_TRUE(rec.value("exception", false));
      EXPECT_NE(rec.value("exception_text", "").find("approved by auditor"), std::string::npos);
    }
  }
  // The fingerprints "read aloud" are the throwaway custodians' own, in order.
  std::string fingerprints_field;
  for (const json& rec : records) {
    if (rec.value("step", "") == "fingerprints-read") {
      fingerprints_field = Param(rec, "field.custodian_fingerprints");
    }
  }
  std::istringstream file(ReadFileOrEmpty(r.dir / "certs/fingerprints.txt"));
  json expected = json::array();
  for (std::string line; std::getline(file, line);) expected.push_back(line);
  EXPECT_EQ(expected.size(), 5u);
  EXPECT_EQ(fingerprints_field, expected.dump());

  const RunResult ok = r.Verify("init.jsonl");
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  // The checkpoint is signed by the unsealer the ceremony made.
  EXPECT_NE(ReadFileOrEmpty(r.dir / "unsealer/unsealer.json").find(SignerOf(r.dir / "init.jsonl")),
            std::string::npos);

  // A recorded sheet changed afterwards: audit verify names it.
  std::vector<std::string> sheets;
  for (const std::string& f : FilesBelow(r.dir / "sheets")) {
    if (f.find("/sheet-") != std::string::npos) sheets.push_back(f);
  }
  ASSERT_EQ(sheets.size(), 5u);
  std::string pdf = ReadFileOrEmpty(sheets[0]);
  pdf[pdf.size() / 2] ^= 1;
  WriteFileOrDie(sheets[0], pdf);
  const RunResult bad = r.Verify("init.jsonl");
  EXPECT_EQ(bad.exit_code, 4) << bad.out << bad.err;
}

TEST(CeremonyRunE2e, KilledAtEveryStepAndResumedEndsVerifiedWithNoStepTwice) {
  const char* faulty = std::getenv("KEYRITE_FAULTY_BINARY");
  ASSERT_NE(faulty, nullptr) << "KEYRITE_FAULTY_BINARY is not set";
  const Rehearsal r;
  const std::string script = kScripts + "/unsealer-init.toml";
  std::vector<std::string> points;
  for (const auto& [step, runs_keyrite] : StepsOf(script)) {
    points.push_back("ceremony step " + step);
    if (runs_keyrite) points.push_back("ceremony action done " + step);
  }
  ASSERT_GE(points.size(), 14u);
  for (std::size_t i = 0; i < points.size(); ++i) {
    std::vector<std::string> args = {
        "ceremony", i == 0 ? "run" : "resume", script, "--answers", "answers.toml", "--transcript",
        "t.jsonl"};
    if (i == 0) args.push_back("--rehearsal");
    const RunResult killed = r.Run(args, {{"KEYRITE_FAULT_WHERE", points[i]}}, faulty);
    ASSERT_EQ(killed.exit_code, 86) << points[i] << "\n" << killed.out << killed.err;
  }
  const RunResult last =
      r.Run({"ceremony", "resume", script, "--answers", "answers.toml", "--transcript", "t.jsonl"});
  ASSERT_EQ(last.exit_code, 0) << last.out << last.err;

  const std::vector<json> records = Records(r.dir / "t.jsonl");
  for (const auto& [step, runs_keyrite] : StepsOf(script)) {
    const int finished = Outcomes(records, step, "done") + Outcomes(records, step, "skipped");
    EXPECT_EQ(finished, 1) << step;
    EXPECT_LE(Outcomes(records, step, "begun"), 1) << step;
  }
  // Killed after its action had run, the unsealer's creation was recorded, not repeated.
  bool interrupted = false;
  for (const json& rec : records) {
    if (rec.value("step", "") == "unsealer-init" && Param(rec, "outcome") == "done") {
      interrupted = rec.value("exception_text", "").find("not run again") != std::string::npos;
    }
  }
  EXPECT_TRUE(interrupted);
  const RunResult verified = r.Verify("t.jsonl");
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
}

TEST(CeremonyRunE2e, BadInvocationsGetTheirExitCodesAndLoseNothing) {
  const Rehearsal r;
  WriteFileOrDie(r.dir / "tiny.toml", kTiny);
  // Refused before anything is written.
  EXPECT_EQ(r.Run({"ceremony", "run", "tiny.toml", "--answers", "answers.toml"}).exit_code, 2);
  // Without an answers file, a rehearsal asks at the terminal: there is none here.
  EXPECT_EQ(r.Run({"ceremony", "run", "tiny.toml", "--rehearsal"}).exit_code, 11);
  EXPECT_EQ(ReadFileOrEmpty(r.dir / "tiny.rehearsal.transcript.jsonl"), "");
  EXPECT_EQ(r.Rehearse("tiny.toml", "t.jsonl", {"--set", "nothing=1"}).exit_code, 2);
  EXPECT_EQ(r.Rehearse("tiny.toml", "t.jsonl", {"--set", "place"}).exit_code, 2);
  EXPECT_EQ(r.Rehearse("missing.toml", "t.jsonl").exit_code, 7);
  WriteFileOrDie(r.dir / "bad-answers.toml", "[initials\n");
  EXPECT_EQ(r.Run({"ceremony", "run", "tiny.toml", "--rehearsal", "--answers", "bad-answers.toml",
                   "--transcript", "t.jsonl"})
                .exit_code,
            3);
  EXPECT_EQ(ReadFileOrEmpty(r.dir / "t.jsonl"), "");

  // An answers file without the auditor's initials stops at the first step that needs them.
  WriteFileOrDie(r.dir / "short.toml", "[initials]\nadministrator = \"AD\"\n");
  const RunResult stopped = r.Run({"ceremony", "run", "tiny.toml", "--rehearsal", "--answers",
                                   "short.toml", "--transcript", "t.jsonl"});
  EXPECT_EQ(stopped.exit_code, 7) << stopped.out << stopped.err;
  EXPECT_NE(stopped.err.find("auditor"), std::string::npos) << stopped.err;
  EXPECT_EQ(Outcomes(Records(r.dir / "t.jsonl"), "look", "done"), 1);
  // The transcript exists: a second run is refused and leaves it as it was.
  const std::string before = ReadFileOrEmpty(r.dir / "t.jsonl");
  EXPECT_EQ(r.Rehearse("tiny.toml", "t.jsonl").exit_code, 9);
  EXPECT_EQ(ReadFileOrEmpty(r.dir / "t.jsonl"), before);
  // Resumed with full answers, it goes on to the step whose action fails: no unsealer there.
  const RunResult failed = r.Run(
      {"ceremony", "resume", "tiny.toml", "--answers", "answers.toml", "--transcript", "t.jsonl"});
  EXPECT_EQ(failed.exit_code, 7) << failed.out << failed.err;
  std::vector<json> records = Records(r.dir / "t.jsonl");
  EXPECT_EQ(Outcomes(records, "look", "done"), 1);
  EXPECT_EQ(Outcomes(records, "serials", "done"), 1);
  EXPECT_EQ(Outcomes(records, "status", "failed"), 1);
  EXPECT_TRUE(records.back().value("exception", false));
  // Another script, or the same one edited, is refused on resume.
  std::string edited = kTiny;
  edited.replace(edited.find("Look around"), 11, "Look about");
  WriteFileOrDie(r.dir / "edited.toml", edited);
  EXPECT_EQ(r.Run({"ceremony", "resume", "edited.toml", "--answers", "answers.toml", "--transcript",
                   "t.jsonl"})
                .exit_code,
            11);
  EXPECT_EQ(r.Run({"ceremony", "resume", kScripts + "/unsealer-init.toml", "--answers",
                   "answers.toml", "--transcript", "t.jsonl"})
                .exit_code,
            11);
  // An edited transcript is refused, naming the record.
  std::string text = ReadFileOrEmpty(r.dir / "t.jsonl");
  const std::string kept = text;
  ASSERT_NE(text.find("R-1"), std::string::npos);
  text.replace(text.find("R-1"), 3, "R-9");
  WriteFileOrDie(r.dir / "t.jsonl", text);
  const RunResult tampered = r.Run(
      {"ceremony", "resume", "tiny.toml", "--answers", "answers.toml", "--transcript", "t.jsonl"});
  EXPECT_EQ(tampered.exit_code, 4) << tampered.err;
  EXPECT_NE(tampered.err.find("record"), std::string::npos) << tampered.err;
  WriteFileOrDie(r.dir / "t.jsonl", kept);
  // A failed step is never recorded as done: resumed, it is tried again and fails again.
  EXPECT_EQ(r.Run({"ceremony", "resume", "tiny.toml", "--answers", "answers.toml", "--transcript",
                   "t.jsonl"})
                .exit_code,
            7);
  records = Records(r.dir / "t.jsonl");
  EXPECT_EQ(Outcomes(records, "status", "done"), 0);
  EXPECT_EQ(Outcomes(records, "status", "failed"), 2);
}

TEST(CeremonyRunE2e, TheAuditorAlsoSignsWithTheirOpenPgpKey) {
  const Rehearsal r;
  WriteFileOrDie(
      r.dir / "tiny.toml",
      std::string(kTiny).substr(0, std::string(kTiny).find("  [[acts.steps]]\n  id = \"status\"")));
  const std::string keyring = r.dir / "auditor-keyring";
  std::filesystem::create_directories(keyring);
  std::filesystem::permissions(keyring, std::filesystem::perms::owner_all);
  const RunOptions in_keyring{
      .stdin_data = "", .cwd = r.dir.path(), .env = {{"GNUPGHOME", keyring}}};
  ASSERT_EQ(
      RunProgram({"gpg", "--batch", "--quiet", "--passphrase", "", "--quick-gen-key",
                  "auditor (rehearsal) <auditor@rehearsal.invalid>", "ed25519", "sign", "never"},
                 in_keyring)
          .exit_code,
      0);
  const RunResult listed =
      RunProgram({"gpg", "--batch", "--with-colons", "--list-keys"}, in_keyring);
  const std::size_t fpr = listed.out.find("\nfpr:");
  ASSERT_NE(fpr, std::string::npos) << listed.out;
  const std::string fingerprint = listed.out.substr(fpr + 13, 40);
  const RunResult run =
      r.Rehearse("tiny.toml", "t.jsonl", {"--auditor", fingerprint, "--auditor-keyring", keyring});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("t.jsonl.sig"), std::string::npos) << run.out;
  const RunResult verified =
      RunKeyrite({"audit", "verify", "t.jsonl", "--gpg-signature", "t.jsonl.sig", "--gnupghome",
                  keyring, "--gpg-fingerprint", fingerprint},
                 {.stdin_data = "", .cwd = r.dir.path(), .env = {}});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
  // Another auditor key than the one named: the run does not close.
  const RunResult wrong = r.Rehearse(
      "tiny.toml", "u.jsonl", {"--auditor", std::string(40, 'A'), "--auditor-keyring", keyring});
  EXPECT_NE(wrong.exit_code, 0);
  EXPECT_EQ(Records(r.dir / "u.jsonl").back().value("type", ""), "step");
}

TEST(CeremonyRunE2e, AClosedTranscriptIsNotResumed) {
  const Rehearsal r;
  WriteFileOrDie(
      r.dir / "tiny.toml",
      std::string(kTiny).substr(0, std::string(kTiny).find("  [[acts.steps]]\n  id = \"status\"")));
  const RunResult run = r.Rehearse("tiny.toml", "t.jsonl");
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("one-time key"), std::string::npos) << run.out;
  EXPECT_EQ(r.Verify("t.jsonl").exit_code, 0);
  const std::string closed = ReadFileOrEmpty(r.dir / "t.jsonl");
  EXPECT_EQ(r.Run({"ceremony", "resume", "tiny.toml", "--answers", "answers.toml", "--transcript",
                   "t.jsonl"})
                .exit_code,
            11);
  EXPECT_EQ(ReadFileOrEmpty(r.dir / "t.jsonl"), closed);
}

TEST(CeremonyRunE2e, EveryShippedScriptRehearsesAndItsTranscriptVerifies) {
  // In the order a deployment meets them: the unsealer first, then what works on it.
  const std::vector<std::pair<std::string, std::vector<std::string>>> chain = {
      {"unsealer-init", {}},
      {"authority-key-and-snapshot", {}},
      {"blue-green-restore", {}},  // blue's id and public key are added below
      {"unsealer-unseal-for-upgrade",
       {"--set", "change_ticket=CHG-1", "--set", "secret_name=authority"}},
      {"validator-key-pool", {"--set", "holder=validator-1"}},
      {"organization-root-key", {}},
  };
  const Rehearsal r;
  const Rehearsal baker;  // its own unsealer and seven officers, in a directory of its own
  std::vector<std::string> rehearsed;
  for (auto [name, extra] : chain) {
    if (name == "blue-green-restore") {
      const json state = json::parse(ReadFileOrEmpty(r.dir / "unsealer/unsealer.json"));
      std::filesystem::create_directories(r.dir / "blue");
      WriteFileOrDie(r.dir / "blue/unsealer.pub",
                     state["signing_public_key"].get<std::string>() + "\n");
      extra = {"--set", "blue_unsealer_id=" + state["unsealer_id"].get<std::string>()};
    }
    const RunResult run = r.Rehearse(kScripts + "/" + name + ".toml", name + ".jsonl", extra);
    ASSERT_EQ(run.exit_code, 0) << name << "\n" << run.out << run.err;
    const RunResult verified = r.Verify(name + ".jsonl");
    EXPECT_EQ(verified.exit_code, 0) << name << "\n" << verified.out << verified.err;
    rehearsed.push_back(name);
  }
  const RunResult run = baker.Rehearse(kScripts + "/baker-hsm-passwords-4of7.toml", "b.jsonl");
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(baker.Verify("b.jsonl").exit_code, 0);
  rehearsed.push_back("baker-hsm-passwords-4of7");
  // No shipped script is left out.
  for (const std::string& f : FilesBelow(kScripts)) {
    const std::string name = std::filesystem::path(f).stem().string();
    EXPECT_NE(std::find(rehearsed.begin(), rehearsed.end(), name), rehearsed.end()) << name;
  }
}

// A rehearsal without an answers file, driven through its prompts at a real terminal: initials,
// a mistyped serial asked again, a skip with its reason and approval, then the closing digest.
TEST(CeremonyRunE2e, ATerminalRunIsDrivenThroughItsPrompts) {
  if (!HaveTmux()) GTEST_SKIP() << "tmux is not installed";
  const Rehearsal r;
  std::string script = kTiny;
  script = script.substr(0, script.find("  [[acts.steps]]\n  id = \"status\""));
  script += R"(  [[acts.steps]]
  id = "optional"
  instruction = "Something that may be skipped."
  action = "manual"
  confirm = ["administrator"]
  skippable = true
  approve_skip = ["auditor"]
)";
  WriteFileOrDie(r.dir / "room.toml", script);
  TmuxSession tmux("cd '" + r.dir.path() + "' && '" + KeyriteBinary() +
                   "' ceremony run room.toml --rehearsal --transcript t.jsonl --allow-online; "
                   "echo EXIT=$?; sleep 60");
  ASSERT_TRUE(tmux.ok());
  ASSERT_TRUE(tmux.WaitFor("Initials of administrator (Administrator), confirming the tool"))
      << tmux.Screen();
  tmux.Type("AD");
  ASSERT_TRUE(tmux.WaitFor("confirming step 1.1")) << tmux.Screen();
  tmux.Type("AD");
  ASSERT_TRUE(tmux.WaitFor("Envelope serial 1 of 2")) << tmux.Screen();
  tmux.Type("not a serial!");
  ASSERT_TRUE(tmux.WaitFor("That is not a serial")) << tmux.Screen();
  tmux.Type("S-1");
  ASSERT_TRUE(tmux.WaitFor("Envelope serial 2 of 2")) << tmux.Screen();
  tmux.Type("S-2");
  ASSERT_TRUE(tmux.WaitFor("confirming step 1.2")) << tmux.Screen();
  tmux.Type("AU");
  ASSERT_TRUE(tmux.WaitFor("To skip this step")) << tmux.Screen();
  tmux.Type("the room is too cold");
  ASSERT_TRUE(tmux.WaitFor("confirming skipping step 1.3")) << tmux.Screen();
  tmux.Type("AU");
  ASSERT_TRUE(tmux.WaitFor("EXIT=", 30)) << tmux.Screen();
  const std::string screen = tmux.Screen();
  EXPECT_NE(screen.find("EXIT=0"), std::string::npos) << screen;
  EXPECT_NE(screen.find("closed (REHEARSAL)"), std::string::npos) << screen;
  const std::vector<json> records = Records(r.dir / "t.jsonl");
  EXPECT_EQ(Outcomes(records, "optional", "skipped"), 1);
  for (const json& rec : records) {
    if (rec.value("step", "") == "serials") {
      EXPECT_EQ(Param(rec, "field.serials"), R"(["S-1","S-2"])");
    }
    if (rec.value("step", "") == "optional") {
      EXPECT_NE(rec.value("exception_text", "").find("the room is too cold"), std::string::npos);
    }
  }
  EXPECT_EQ(r.Verify("t.jsonl").exit_code, 0);
}

// The custodians sit once per run: a later quorum step is opened by the key held since the first
// (its own shards do not even exist), while the same command alone must find its shards.
constexpr const char* kHeld = R"(format = "keyrite-ceremony-v1"
name = "held-quorum"
version = "1"
title = "Two quorum steps, one sitting"
purpose = "The second step names shards that do not exist: only a held quorum lets it pass."

[roles.administrator]
kind = "administrator"
title = "Administrator"

[roles.auditor]
kind = "auditor"
title = "Auditor"

[roles.custodians]
kind = "custodian"
title = "Custodians"
count = 5
bring_certificate = true

[preflight]
doctor = true
digest_confirmed_by = ["auditor"]

[[acts]]
id = "keys"
title = "Two keys"

  [[acts.steps]]
  id = "first"
  instruction = "Three custodians open their shards; a key is made."
  action = "keystore.add"
  confirm = ["custodians"]

    [acts.steps.args]
    names = ["first-key"]
    dir = "unsealer"
    share = ["unsealer/shards-1/shard-1-of-5.asc", "unsealer/shards-1/shard-3-of-5.asc", "unsealer/shards-1/shard-5-of-5.asc"]

  [[acts.steps]]
  id = "second"
  instruction = "Another key, with the quorum already held."
  action = "keystore.add"
  confirm = ["auditor"]

    [acts.steps.args]
    names = ["second-key"]
    dir = "unsealer"
    share = ["gone-1.asc", "gone-2.asc", "gone-3.asc"]
)";

TEST(CeremonyRunE2e, AQuorumIsHeldAcrossStepsAndOnlyThere) {
  const Rehearsal r;
  ASSERT_EQ(r.Rehearse(kScripts + "/unsealer-init.toml", "init.jsonl").exit_code, 0);
  WriteFileOrDie(r.dir / "held.toml", kHeld);
  const RunResult run = r.Rehearse("held.toml", "held.jsonl");
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("second-key"), std::string::npos) << run.out;
  EXPECT_EQ(r.Verify("held.jsonl").exit_code, 0);
  const RunResult alone = r.Run({"keystore", "add", "third-key", "--dir", "unsealer", "--share",
                                 "gone-1.asc", "--share", "gone-2.asc", "--share", "gone-3.asc",
                                 "--gnupghome", r.dir / "rehearsal-keyring"});
  EXPECT_NE(alone.exit_code, 0) << alone.out;
  EXPECT_EQ(alone.out.find("third-key"), std::string::npos);
}

// Commands run on their own join a transcript with --record: `audit begin` starts it, each
// state-changing command appends its record (a failed one as an exception), read-only ones add
// nothing, `audit close` signs it with the unsealer's key; a missing or closed transcript stops
// the command before it runs.
TEST(CeremonyRunE2e, CommandsOnTheirOwnJoinATranscript) {
  const Rehearsal r;
  ASSERT_EQ(r.Rehearse(kScripts + "/unsealer-init.toml", "init.jsonl").exit_code, 0);
  const std::string keyring = r.dir / "rehearsal-keyring";
  const RunOptions here{.stdin_data = "", .cwd = r.dir.path(), .env = {}};
  EXPECT_EQ(RunKeyrite({"audit", "begin", "s.jsonl", "--ceremony", "maintenance"}, here).exit_code,
            0);
  EXPECT_EQ(RunKeyrite({"audit", "begin", "s.jsonl", "--ceremony", "again"}, here).exit_code, 9);
  const RunResult add = r.Run({"--record", "s.jsonl", "keystore", "add", "signer-2", "--dir",
                               "unsealer", "--gnupghome", keyring});
  ASSERT_EQ(add.exit_code, 0) << add.out << add.err;
  EXPECT_EQ(r.Run({"--record", "s.jsonl", "keygen", "--kind", "random", "--bytes", "32", "--split",
                   "2of3", "--out", "shares"})
                .exit_code,
            0);
  EXPECT_EQ(RunKeyrite({"--record", "s.jsonl", "unsealer", "status", "--dir", "unsealer"}, here)
                .exit_code,
            0);
  const RunResult taken = r.Run({"--record", "s.jsonl", "keystore", "add", "signer-2", "--dir",
                                 "unsealer", "--gnupghome", keyring});
  EXPECT_NE(taken.exit_code, 0);
  std::vector<json> records = Records(r.dir / "s.jsonl");
  ASSERT_EQ(records.size(), 4u);  // the header, two done, one failed; the status is not there
  EXPECT_EQ(records[1].value("action", ""), "keystore add");
  EXPECT_FALSE(Param(records[1], "state.unsealer").empty());
  EXPECT_EQ(records[2].value("action", ""), "keygen");
  EXPECT_EQ(records[2]["outputs"].size(), 3u);
  EXPECT_EQ(Param(records[3], "outcome"), "failed");
  EXPECT_TRUE(records[3].value("exception", false));

  // Not recorded, not run: a transcript that does not exist.
  EXPECT_EQ(r.Run({"--record", "none.jsonl", "keygen", "--kind", "random", "--bytes", "32",
                   "--split", "2of3", "--out", "lost"})
                .exit_code,
            7);
  EXPECT_FALSE(std::filesystem::exists(r.dir / "lost"));

  const RunResult closed =
      r.Run({"audit", "close", "s.jsonl", "--dir", "unsealer", "--gnupghome", keyring});
  ASSERT_EQ(closed.exit_code, 0) << closed.out << closed.err;
  EXPECT_NE(closed.out.find("Read aloud"), std::string::npos);
  EXPECT_EQ(r.Verify("s.jsonl").exit_code, 0);
  EXPECT_NE(ReadFileOrEmpty(r.dir / "unsealer/unsealer.json").find(SignerOf(r.dir / "s.jsonl")),
            std::string::npos);
  // A closed transcript takes nothing more, and the command does not run.
  EXPECT_EQ(r.Run({"--record", "s.jsonl", "keygen", "--kind", "random", "--bytes", "32", "--split",
                   "2of3", "--out", "late"})
                .exit_code,
            11);
  EXPECT_FALSE(std::filesystem::exists(r.dir / "late"));
}

TEST(CeremonyRunE2e, DemoRehearsesThreeScriptsAndSaysWhereEverythingWent) {
  TempDir parent;
  const std::string dir = parent / "demo";
  const RunResult demo = RunKeyrite({"demo", "--dir", dir});
  ASSERT_EQ(demo.exit_code, 0) << demo.out << demo.err;
  for (const char* where :
       {"share sheets (PDF)", "snapshots", "transcripts", "restored from 3 of 5"}) {
    EXPECT_NE(demo.out.find(where), std::string::npos) << where;
  }
  int transcripts = 0;
  for (const std::string& f : FilesBelow(dir)) {
    if (!f.ends_with(".transcript.jsonl")) continue;
    ++transcripts;
    const RunResult v =
        RunKeyrite({"audit", "verify", f, "--pubkey", SignerOf(f), "--artifacts", dir});
    EXPECT_EQ(v.exit_code, 0) << f << "\n" << v.out << v.err;
  }
  EXPECT_EQ(transcripts, 3);
  EXPECT_FALSE(ReadFileOrEmpty(dir + "/snapshots/authority.krsnap").empty());
  // The restore's transcript is signed by the unsealer it made.
  const std::string green = ReadFileOrEmpty(dir + "/green/unsealer.json");
  const std::string signer = SignerOf(dir + "/blue-green-restore.rehearsal.transcript.jsonl");
  ASSERT_EQ(signer.size(), 64u);
  EXPECT_NE(green.find(signer), std::string::npos);
  // A demo directory is never reused.
  EXPECT_EQ(RunKeyrite({"demo", "--dir", dir}).exit_code, 9);
}

}  // namespace
}  // namespace keyrite::testing
