// keyrite audit begin|close: a transcript for commands run on their own, outside a ceremony
// script. `begin` writes its header; every state-changing command given `--record FILE`
// appends its record (ceremony/command_record.h); `close` signs it with an unsealer's signing key,
// which needs that unsealer's quorum.

#include "audit_session.h"

#include <cstdio>
#include <memory>
#include <string>

#include "../command.h"
#include "../sitting_flags.h"
#include "base/clock.h"
#include "base/rng.h"
#include "ops/quorum.h"
#include "transcript/writer.h"

namespace keyrite::cli {
namespace {

constexpr const char* kFooter =
    "Example:\n"
    "  keyrite audit begin session.jsonl --ceremony key-maintenance\n"
    "  keyrite --record session.jsonl keystore add --dir unsealer signer-2\n"
    "  keyrite audit close session.jsonl --dir unsealer\n"
    "See keyrite-audit(1).";

struct BeginFlags {
  std::string file;
  std::string ceremony;
  bool rehearsal = false;
};

struct CloseFlags {
  std::string file;
  SittingFlags sitting;
};

void RunBegin(const Globals& globals, const BeginFlags& f, Outcome& outcome) {
  Result<transcript::TranscriptWriter> w = transcript::TranscriptWriter::Create(
      f.file, {f.ceremony, f.rehearsal}, SystemClock(), SystemRng());
  if (!w.ok()) {
    outcome.code = Fail(globals, "audit begin", w.status());
    return;
  }
  std::printf("Transcript %s begun (%s, id %s)%s. Give --record %s to each command.\n",
              f.file.c_str(), f.ceremony.c_str(), w->header().id.c_str(),
              f.rehearsal ? ", REHEARSAL" : "", f.file.c_str());
}

void RunClose(const Globals& globals, CloseFlags& f, Outcome& outcome) {
  if (!PrepareSitting(globals, "audit close", f.sitting, outcome)) return;
  Result<transcript::TranscriptWriter> w =
      transcript::TranscriptWriter::Open(f.file, SystemClock());
  if (!w.ok()) {
    outcome.code = Fail(globals, "audit close", w.status());
    return;
  }
  Result<ops::Sitting> sitting =
      ops::OpenSitting(f.sitting.dir, f.sitting.quorum, ops::QuorumOf::kCurrent);
  if (!sitting.ok()) {
    outcome.code = Fail(globals, "audit close", sitting.status());
    return;
  }
  Result<transcript::CheckpointInfo> info =
      w->Checkpoint(sitting->signing.secret, sitting->signing.public_hex);
  if (!info.ok()) {
    outcome.code = Fail(globals, "audit close", info.status());
    return;
  }
  std::printf(
      "Transcript %s closed at record %llu, signed by %s\nClosing digest: %s\n"
      "Read aloud:     %s\n",
      f.file.c_str(), static_cast<unsigned long long>(info->record), info->signer.c_str(),
      info->digest_hex.c_str(), info->digest_words.c_str());
}

}  // namespace

void AddAuditSessionCommands(CLI::App* audit, const Globals& globals, Outcome& outcome) {
  auto begin = std::make_shared<BeginFlags>();
  CLI::App* cmd = audit->add_subcommand(
      "begin", "Start a transcript for commands run on their own (--record FILE)");
  cmd->add_option("file", begin->file, "The new transcript (must not exist)")->required();
  cmd->add_option("--ceremony", begin->ceremony, "A public name for what is recorded")->required();
  cmd->add_flag("--rehearsal", begin->rehearsal, "Mark the transcript and every record REHEARSAL");
  cmd->footer(kFooter);
  cmd->callback([&globals, &outcome, begin] { RunBegin(globals, *begin, outcome); });

  auto close = std::make_shared<CloseFlags>();
  cmd = audit->add_subcommand(
      "close", "With an unsealer's quorum: close a transcript with its signed checkpoint");
  cmd->add_option("file", close->file, "The open transcript")->required();
  AddDirFlag(cmd, close->sitting);
  AddQuorumFlags(cmd, close->sitting);
  cmd->footer(kFooter);
  cmd->callback([&globals, &outcome, close] { RunClose(globals, *close, outcome); });
}

}  // namespace keyrite::cli
