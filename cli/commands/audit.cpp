// keyrite audit verify|show|print: check a ceremony transcript offline (chain, checkpoint
// signature, an auditor's OpenPGP signature, the artifacts it names), show it as a table, and
// print it as a PDF for wet signatures. No secret is involved. `begin` and `close` are in
// audit_session.cpp.

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "../command.h"
#include "audit_session.h"
#include "base/hex.h"
#include "transcript/show.h"
#include "transcript/transcript_pdf.h"
#include "transcript/verify.h"

namespace keyrite::cli {
namespace {

using transcript::AuditRequest;
using transcript::VerifyReport;

constexpr const char* kFooter =
    "Example:\n"
    "  keyrite audit verify transcript.jsonl --pubkey 3b6a27bc...e1f2 --artifacts ceremony/\n"
    "  keyrite audit verify transcript.jsonl --gpg-signature transcript.jsonl.sig "
    "--gnupghome ~/.gnupg\n"
    "  keyrite audit show transcript.jsonl\n"
    "  keyrite audit print transcript.jsonl --out transcript.pdf\n"
    "See keyrite-audit(1).";

void Print(const std::string& text) { std::fputs(text.c_str(), stdout); }

nlohmann::json ReportJson(const VerifyReport& r, const char* command) {
  nlohmann::json j = {{"ok", r.ok()}, {"command", command}, {"bad_record", r.bad_record},
                      {"steps", r.steps.size()}};
  if (r.header) {
    j["ceremony"] = r.header->ceremony;
    j["id"] = r.header->id;
    j["rehearsal"] = r.header->rehearsal;
  }
  if (r.checkpoint) {
    j["records"] = r.checkpoint->seq;
    j["digest"] = ToHex(r.checkpoint->digest);
    j["words"] = r.checkpoint->words;
    j["signer"] = r.checkpoint->signer;
    j["signer_expected"] = r.signer_expected;
  }
  if (!r.gpg_signer.empty()) j["gpg_signer"] = r.gpg_signer;
  j["artifacts_checked"] = r.artifacts_checked;
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& p : r.artifact_problems) {
    problems.push_back({{"name", p.name}, {"record", p.record}, {"missing", p.missing}});
  }
  j["artifact_problems"] = problems;
  if (!r.ok()) {
    j["exit_code"] = static_cast<int>(ExitCodeFor(r.status.kind()));
    j["error"] = r.status.message();
  }
  return j;
}

void PrintJson(const nlohmann::json& j) {
  std::printf("%s\n", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
}

void PrintVerdict(const VerifyReport& r, const AuditRequest& request) {
  if (!r.ok()) return;
  const transcript::CheckpointRecord& c = *r.checkpoint;
  std::printf("Transcript %s verifies: %zu steps, closed at record %llu.\n",
              request.transcript_path.c_str(), r.steps.size(),
              static_cast<unsigned long long>(c.seq));
  std::printf("Closing digest: %s\nRead aloud:     %s\n", ToHex(c.digest).c_str(),
              c.words.c_str());
  std::printf("Signed by %s%s\n", c.signer.c_str(),
              r.signer_expected ? " (the expected key)"
                                : " (not checked: give --pubkey to require a key)");
  if (!r.gpg_signer.empty()) std::printf("OpenPGP signature by %s\n", r.gpg_signer.c_str());
  if (!request.artifact_dir.empty()) {
    std::printf("All %zu artifacts match in %s\n", r.artifacts_checked,
                request.artifact_dir.c_str());
  }
  if (r.header->rehearsal) std::printf("This is a REHEARSAL transcript.\n");
}

// Runs the verification; on a failed call or a bad transcript prints the error and sets the code.
std::unique_ptr<VerifyReport> Verified(const Globals& globals, const char* name,
                                       const AuditRequest& request, Outcome& outcome,
                                       bool print_json_report) {
  Result<VerifyReport> r = transcript::VerifyTranscriptFile(request);
  if (!r.ok()) {
    outcome.code = Fail(globals, name, r.status());
    return nullptr;
  }
  auto report = std::make_unique<VerifyReport>(std::move(r).value());
  if (globals.json && print_json_report) PrintJson(ReportJson(*report, name));
  if (!report->ok()) outcome.code = Fail(Globals{}, name, report->status);
  return report;
}

void AddPubkey(CLI::App* cmd, AuditRequest& request) {
  cmd->add_option("--pubkey", request.expected_signer,
                  "The Ed25519 public key (64 hex digits) that must have signed the checkpoint");
}

void AddVerify(CLI::App* audit, const Globals& globals, Outcome& outcome) {
  auto request = std::make_shared<AuditRequest>();
  CLI::App* cmd = audit->add_subcommand(
      "verify", "Check the chain, the closing signature and, given them, the artifacts");
  cmd->add_option("file", request->transcript_path, "The transcript (JSON Lines)")->required();
  AddPubkey(cmd, *request);
  cmd->add_option("--artifacts", request->artifact_dir,
                  "Directory holding the files the records name; each is re-hashed");
  cmd->add_option("--gpg-signature", request->gpg_signature_path,
                  "An auditor's detached OpenPGP signature (usually FILE.sig)");
  cmd->add_option("--gnupghome", request->gpg_home,
                  "Keyring with the auditor's certificate (default: GNUPGHOME or ~/.gnupg)");
  cmd->add_option("--gpg-fingerprint", request->gpg_fingerprint,
                  "The auditor's certificate fingerprint the OpenPGP signature must be by");
  cmd->footer(kFooter);
  cmd->callback([&globals, &outcome, request] {
    const auto report = Verified(globals, "audit verify", *request, outcome, true);
    if (report && !globals.json) PrintVerdict(*report, *request);
  });
}

void AddShow(CLI::App* audit, const Globals& globals, Outcome& outcome) {
  auto request = std::make_shared<AuditRequest>();
  CLI::App* cmd = audit->add_subcommand("show", "Print the transcript as a readable table");
  cmd->add_option("file", request->transcript_path, "The transcript (JSON Lines)")->required();
  AddPubkey(cmd, *request);
  cmd->footer(kFooter);
  cmd->callback([&globals, &outcome, request] {
    const auto report = Verified(globals, "audit show", *request, outcome, false);
    if (!report) return;
    if (globals.json) {
      nlohmann::json j = ReportJson(*report, "audit show");
      nlohmann::json rows = nlohmann::json::array();
      for (const transcript::ShowRow& row : transcript::ShowTranscript(*report)) {
        rows.push_back({{"record", row.record}, {"time", row.time}, {"step", row.step},
                        {"roles", row.roles}, {"action", row.action}, {"details", row.details},
                        {"exception", row.exception}});
      }
      j["rows"] = rows;
      PrintJson(j);
      return;
    }
    Print(transcript::FormatShowTable(*report));
    if (!report->ok()) std::printf("\nSTOPPED at record %llu: %s\n",
                                   static_cast<unsigned long long>(report->bad_record),
                                   report->status.message().c_str());
  });
}

struct PrintFlags {
  AuditRequest request;
  std::string out;
};

void AddPrint(CLI::App* audit, const Globals& globals, Outcome& outcome) {
  auto flags = std::make_shared<PrintFlags>();
  CLI::App* cmd = audit->add_subcommand(
      "print", "Write a verified, closed transcript as a PDF to sign by hand");
  cmd->add_option("file", flags->request.transcript_path, "The transcript (JSON Lines)")
      ->required();
  cmd->add_option("--out", flags->out, "The PDF to write (must not exist)")->required();
  AddPubkey(cmd, flags->request);
  cmd->footer(kFooter);
  cmd->callback([&globals, &outcome, flags] {
    const auto report = Verified(globals, "audit print", flags->request, outcome, false);
    if (!report || !report->ok()) return;
    const Status s = transcript::WriteTranscriptPdf(*report, flags->out);
    if (!s.ok()) {
      outcome.code = Fail(globals, "audit print", s);
      return;
    }
    if (globals.json) {
      PrintJson({{"ok", true}, {"command", "audit print"}, {"out", flags->out},
                 {"words", report->checkpoint->words}});
      return;
    }
    std::printf("Wrote %s (%zu steps). Closing digest in words:\n  %s\n", flags->out.c_str(),
                report->steps.size(), report->checkpoint->words.c_str());
  });
}

}  // namespace

void AddAuditCommand(CLI::App& app, const Globals& globals, Outcome& outcome) {
  CLI::App* cmd =
      app.add_subcommand("audit", "Verify, show and print ceremony transcripts; begin and close one");
  cmd->require_subcommand(1);
  cmd->footer(kFooter);
  AddVerify(cmd, globals, outcome);
  AddShow(cmd, globals, outcome);
  AddPrint(cmd, globals, outcome);
  AddAuditSessionCommands(cmd, globals, outcome);
}

}  // namespace keyrite::cli
