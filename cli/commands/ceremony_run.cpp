// keyrite ceremony run|resume: drive a ceremony script step by step into a signed transcript;
// with --rehearsal, on throwaway identities and answers from a file.

#include "ceremony_run.h"

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>

#include "../ceremony_desk.h"
#include "ceremony/script_parse.h"
#include "ops/held_quorum.h"
#include "pgp/context.h"
#include "pgp/detached_signature.h"
#include "transcript/verify.h"

namespace keyrite::cli {
namespace {

constexpr const char* kRunFooter =
    "Example:\n"
    "  keyrite ceremony run unsealer-init --set threshold=3\n"
    "  keyrite ceremony run unsealer-init --rehearsal --answers answers.toml --allow-online\n"
    "  keyrite ceremony resume unsealer-init --transcript unsealer-init.transcript.jsonl\n"
    "A script is a file or the name of an installed one (keyrite ceremony list). Every step is\n"
    "recorded in the transcript; an interrupted run continues with `ceremony resume` and never\n"
    "runs a finished step again. See keyrite-ceremony(1) and docs/ceremony-scripts.md.";

std::string DefaultTranscript(const std::string& script_path, bool rehearsal) {
  Result<ceremony::Script> script = ceremony::ReadScriptFile(script_path);
  const std::string name = script.ok() ? script->name : "ceremony";
  return name + (rehearsal ? ".rehearsal" : "") + ".transcript.jsonl";
}

void PrintSummary(const ceremony::RunSummary& s) {
  std::printf("\n== %s closed%s\n", s.transcript_path.c_str(), s.rehearsal ? " (REHEARSAL)" : "");
  std::printf("   steps run now: %zu; done before: %zu\n", s.steps_done, s.steps_resumed);
  std::printf(
      "   closing digest (record %llu), to read aloud and write on the paper copy:\n"
      "     %s\n     %s\n   signed by %s\n",
      static_cast<unsigned long long>(s.checkpoint.record), s.checkpoint.digest_hex.c_str(),
      s.checkpoint.digest_words.c_str(), s.checkpoint.signer.c_str());
  const char* kinds[][2] = {{".pdf", "paper (PDF)"}, {".krsnap", "snapshots"}, {"", "other files"}};
  for (const auto& [suffix, title] : kinds) {
    std::string list;
    for (const std::string& name : s.outputs) {
      const bool pdf = name.ends_with(".pdf"), snap = name.ends_with(".krsnap");
      const bool match = std::string_view(suffix).empty() ? !pdf && !snap : name.ends_with(suffix);
      if (match) list += "     " + name + "\n";
    }
    if (!list.empty()) std::printf("   %s:\n%s", title, list.c_str());
  }
  if (!s.checkpoint.gpg_signature_path.empty()) {
    std::printf("   the auditor's OpenPGP signature: %s\n",
                s.checkpoint.gpg_signature_path.c_str());
  }
  std::printf("   verify it: keyrite audit verify %s --pubkey %s --artifacts .%s%s\n",
              s.transcript_path.c_str(), s.checkpoint.signer.c_str(),
              s.checkpoint.gpg_signature_path.empty() ? "" : " --gpg-signature ",
              s.checkpoint.gpg_signature_path.c_str());
}

void AddRunFlags(CLI::App* cmd, CeremonyRunFlags& f) {
  cmd->add_option("script", f.script, "The ceremony script (a file, or an installed name)")
      ->required();
  cmd->add_option(
      "--transcript", f.transcript,
      "The transcript (default: NAME.transcript.jsonl, NAME.rehearsal.transcript.jsonl)");
  cmd->add_option("--answers", f.answers,
                  "A rehearsal's answers file (TOML: initials, fields, skips)");
  cmd->add_option("--keyring", f.keyring,
                  "Where a rehearsal keeps its throwaway identities (default: rehearsal-keyring)");
  cmd->add_option("--auditor", f.auditor,
                  "The auditor's OpenPGP fingerprint: the auditor also signs the closed transcript "
                  "(FILE.sig)");
  cmd->add_option("--auditor-keyring", f.auditor_keyring,
                  "The keyring holding the auditor's key (default: GNUPGHOME or ~/.gnupg)");
  cmd->add_flag("--allow-online", f.allow_online,
                "Run even while a network interface is up (rehearsals only, not recommended)");
  cmd->footer(kRunFooter);
}

}  // namespace

Result<ceremony::RunSummary> RunCeremonyCommand(const Globals& globals, CeremonyRunFlags f,
                                                Outcome& outcome) {
  const std::string command = f.resume ? "ceremony resume" : "ceremony run";
  auto fail = [&](const Status& s) -> Status {
    outcome.code = Fail(globals, command, s);
    return s;
  };
  f.script = FindScript(f.script);
  if (f.transcript.empty()) {
    if (f.resume) return fail(InvalidArgument("--transcript is required to resume"));
    f.transcript = DefaultTranscript(f.script, f.rehearsal);
  }
  // A resumed run is a rehearsal when its transcript says so.
  bool rehearsal = f.rehearsal;
  if (f.resume) {
    Result<std::string> text = transcript::ReadTranscriptFile(f.transcript);
    if (!text.ok()) return fail(text.status());
    const transcript::VerifyReport report =
        transcript::VerifyTranscript(*text, {.require_closed = false});
    rehearsal = report.header && report.header->rehearsal;
  }
  if (!f.answers.empty() && !rehearsal) {
    return fail(InvalidArgument("--answers is for rehearsals: in a ceremony people answer"));
  }
  if (!Preflight(globals, command, f.allow_online, outcome)) return Cancelled("preflight");

  ceremony::RunRequest request{.script_path = f.script,
                               .transcript_path = f.transcript,
                               .settings = f.settings,
                               .rehearsal = rehearsal,
                               .resume = f.resume};
  ceremony::Cast cast;
  std::unique_ptr<ceremony::Desk> desk;
  const std::string keyring =
      rehearsal ? std::filesystem::absolute(f.keyring).lexically_normal().string() : "";
  if (rehearsal) {
    Result<ceremony::Script> script = ceremony::ReadScriptFile(f.script);
    if (!script.ok()) return fail(script.status());
    request.prepare = [&cast, keyring, script = *script](ceremony::Values& values) -> Status {
      KR_ASSIGN_OR_RETURN(cast, ceremony::PrepareCast(script, values, keyring));
      return OkStatus();
    };
  }
  if (!f.answers.empty()) {
    Result<ceremony::Answers> answers = ceremony::ReadAnswersFile(f.answers);
    if (!answers.ok()) return fail(answers.status());
    desk = std::make_unique<RehearsalDesk>(std::move(*answers), cast, keyring);
  } else {
    // A ceremony, or a rehearsal with its people at the keyboard.
    Result<std::unique_ptr<io::Prompter>> terminal = io::OpenTerminalPrompter();
    if (!terminal.ok()) return fail(terminal.status());
    desk = std::make_unique<TerminalDesk>(std::move(*terminal), keyring);
  }
  request.extra_words = [keyring, online = f.allow_online](const ceremony::ActionSpec& a) {
    return ExtraWords(a, keyring, online);
  };
  std::optional<pgp::Context> auditor_context;
  if (!f.auditor.empty()) {
    Result<pgp::Context> context = pgp::Context::Create(f.auditor_keyring);
    if (!context.ok()) return fail(context.status());
    auditor_context.emplace(std::move(*context));
    request.auditor = pgp::Signer{&*auditor_context, f.auditor};
  }
  // The custodians sit once per run: later steps, and the closing signature, use the held key.
  const ops::HeldQuorum held;
  Result<ceremony::RunSummary> summary = ceremony::RunCeremony(request, *desk);
  if (!summary.ok()) return fail(summary.status());
  PrintSummary(*summary);
  return summary;
}

void AddCeremonyRunCommands(CLI::App* parent, const Globals& globals, Outcome& outcome) {
  auto run = std::make_shared<CeremonyRunFlags>();
  CLI::App* cmd =
      parent->add_subcommand("run", "Run a ceremony script step by step into a signed transcript");
  AddRunFlags(cmd, *run);
  cmd->add_option("--set", run->settings, "A parameter: NAME=VALUE (lists comma-separated)");
  cmd->add_flag("--rehearsal", run->rehearsal,
                "Rehearse on throwaway identities (answers from --answers, or typed); every record "
                "says so");
  cmd->callback([&globals, &outcome, run] { (void)RunCeremonyCommand(globals, *run, outcome); });

  auto resume = std::make_shared<CeremonyRunFlags>();
  resume->resume = true;
  cmd = parent->add_subcommand(
      "resume", "Continue an interrupted ceremony from its transcript; done steps are not rerun");
  AddRunFlags(cmd, *resume);
  cmd->callback(
      [&globals, &outcome, resume] { (void)RunCeremonyCommand(globals, *resume, outcome); });
}

}  // namespace keyrite::cli
