// keyrite demo: the README's main job. A rehearsal, on throwaway identities in a new directory,
// of three ceremony scripts in turn: unsealer-init (a master key split 3-of-5 to five custodians,
// sheets printed), authority-key-and-snapshot (a key generated inside the sealed keystore, a
// snapshot written, verified and tested) and blue-green-restore (the snapshot restored into a new
// unsealer by a quorum of 3 of the 5). It ends by printing where the PDFs, the snapshots and the
// transcripts are. Every record says REHEARSAL; nothing here is fit for a real key.

#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "../command.h"
#include "ceremony_run.h"
#include "io/files.h"
#include "unsealer/store.h"

namespace keyrite::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kFooter =
    "Example:\n"
    "  keyrite demo\n"
    "  keyrite demo --dir /tmp/rehearsal\n"
    "A rehearsal only: it runs on an online machine too (saying so), with identities that have\n"
    "no passphrase. See keyrite-demo(1).";

// What the people of the demo type: everyone's initials, the unsealer's skippable backup step
// skipped with a reason (so the transcript shows an approved exception), envelope serials.
constexpr const char* kAnswers = R"(# The demo's answers: what the people of a rehearsal would type.
[initials]
administrator = "AD"
auditor = "AU"
custodians = "C1 C2 C3 C4 C5"
printer = "PR"

[fields]
envelope_serials = ["DEMO-101", "DEMO-102", "DEMO-103", "DEMO-104", "DEMO-105"]
media_labels = ["DEMO-USB-1", "DEMO-USB-2"]

[skip]
backup = "no backup media at a demo"
)";

Result<std::string> MakeDemoDir(const std::string& wanted) {
  if (!wanted.empty()) {
    KR_RETURN_IF_ERROR(io::MakeDirectory(wanted));
    return fs::absolute(wanted).lexically_normal().string();
  }
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern =
      std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/keyrite-demo-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    return IoError(pattern + ": cannot create the demo directory");
  }
  return pattern;
}

struct Demo {
  const Globals& globals;
  Outcome& outcome;
  std::vector<ceremony::RunSummary> runs;

  bool Run(const std::string& script, std::vector<std::string> settings = {}) {
    std::printf("\n######## rehearsal: %s\n", script.c_str());
    CeremonyRunFlags flags;
    flags.script = script;
    flags.rehearsal = true;
    flags.answers = "answers.toml";
    flags.allow_online = true;
    flags.settings = std::move(settings);
    Result<ceremony::RunSummary> summary = RunCeremonyCommand(globals, flags, outcome);
    if (summary.ok()) runs.push_back(std::move(*summary));
    return summary.ok();
  }
};

void RunDemo(const Globals& globals, const std::string& wanted_dir, Outcome& outcome) {
  Result<std::string> dir = MakeDemoDir(wanted_dir);
  if (!dir.ok()) {
    outcome.code = Fail(globals, "demo", dir.status());
    return;
  }
  if (::chdir(dir->c_str()) != 0) {
    outcome.code = Fail(globals, "demo", IoError(*dir + ": cannot enter it"));
    return;
  }
  std::printf("keyrite demo: a rehearsal in %s (throwaway identities; not for real keys)\n",
              dir->c_str());
  const Status answers = io::WriteNewFile("answers.toml", kAnswers, io::FileMode::kPublic);
  if (!answers.ok()) {
    outcome.code = Fail(globals, "demo", answers);
    return;
  }
  Demo demo{globals, outcome, {}};
  if (!demo.Run("unsealer-init")) return;
  if (!demo.Run("authority-key-and-snapshot")) return;
  // The restore checks the snapshot against the public key and id the paper copy holds.
  Result<unsealer::UnsealerState> state = unsealer::LoadState("unsealer");
  if (!state.ok()) {
    outcome.code = Fail(globals, "demo", state.status());
    return;
  }
  const Status pub = io::MakeDirectory("blue").ok()
                         ? io::WriteNewFile("blue/unsealer.pub", state->signing_public_key + "\n",
                                            io::FileMode::kPublic)
                         : IoError("blue: cannot create it");
  if (!pub.ok()) {
    outcome.code = Fail(globals, "demo", pub);
    return;
  }
  // Custodians 2, 4 and 5 come: three of the five shards open green.
  const std::string shards = "unsealer/shards-1/shard-";
  if (!demo.Run("blue-green-restore",
                {"blue_unsealer_id=" + state->id, "blue_shards=" + shards + "2-of-5.asc," + shards +
                                                      "4-of-5.asc," + shards + "5-of-5.asc"})) {
    return;
  }

  std::printf("\n######## keyrite demo: done, in %s\n", dir->c_str());
  std::printf(
      "   share sheets (PDF):   sheets/\n   snapshots:            snapshots/\n"
      "   unsealers:            unsealer/ (blue), green/ (restored from 3 of 5)\n"
      "   transcripts:\n");
  for (const ceremony::RunSummary& run : demo.runs) {
    std::printf("     %s  closing digest %s\n", run.transcript_path.c_str(),
                run.checkpoint.digest_hex.c_str());
  }
  std::printf("   check one: keyrite audit verify %s --pubkey %s --artifacts %s\n",
              demo.runs.front().transcript_path.c_str(),
              demo.runs.front().checkpoint.signer.c_str(), dir->c_str());
}

}  // namespace

void AddDemoCommand(CLI::App& app, const Globals& globals, Outcome& outcome) {
  auto dir = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "demo",
      "Rehearse a whole ceremony on throwaway identities: unsealer, key, snapshot, restore");
  cmd->add_option("--dir", *dir,
                  "Where to rehearse (must not exist; default: a new temporary one)");
  cmd->footer(kFooter);
  cmd->callback([&globals, &outcome, dir] { RunDemo(globals, *dir, outcome); });
}

}  // namespace keyrite::cli
