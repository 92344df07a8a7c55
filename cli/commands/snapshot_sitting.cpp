// keyrite snapshot create / restore / seal / open: with a quorum of the unsealer's custodians.

#include "snapshot_sitting.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "../sitting_flags.h"
#include "base/clock.h"
#include "base/hex.h"
#include "base/rng.h"
#include "ops/unsealer_snapshot.h"

namespace keyrite::cli {
namespace {

struct Flags {
  SittingFlags sitting;
  std::string file;
  std::string out;
};

void PrintDone(const Globals& globals, const std::string& command, const ops::SnapshotReport& r) {
  const std::string digest = ToHex(r.info.snapshot_digest);
  if (globals.json) {
    std::printf("%s\n", nlohmann::json{{"ok", true}, {"command", command}, {"file", r.path},
                                       {"snapshot_digest", digest},
                                       {"file_bytes", r.info.file_bytes}}
                            .dump().c_str());
    return;
  }
  std::printf("%s: %s (%llu bytes)\n  digest %s\n", command.c_str(), r.path.c_str(),
              static_cast<unsigned long long>(r.info.file_bytes), digest.c_str());
}

CLI::App* Sub(CLI::App* parent, const char* name, const char* help, const char* example,
              Flags& f, bool needs_dir = true) {
  CLI::App* cmd = parent->add_subcommand(name, help);
  cmd->footer(std::string("Example:\n  ") + example + "\nSee keyrite-snapshot(1).");
  if (needs_dir) AddDirFlag(cmd, f.sitting);
  AddQuorumFlags(cmd, f.sitting);
  return cmd;
}

template <typename F>
void Run(const Globals& globals, const std::string& command, Flags& f, Outcome& outcome, F&& run) {
  if (!PrepareSitting(globals, command, f.sitting, outcome)) return;
  Result<ops::SnapshotReport> r = run();
  if (!r.ok()) {
    outcome.code = Fail(globals, command, r.status());
    return;
  }
  PrintDone(globals, command, *r);
}

void AddCreate(CLI::App* parent, const Globals& globals, Outcome& outcome) {
  auto f = std::make_shared<Flags>();
  CLI::App* cmd = Sub(parent, "create", "With a quorum: a signed, encrypted snapshot of the unsealer",
                      "keyrite snapshot create --dir unsealer --out state.krsnap", *f);
  cmd->add_option("--out", f->out, "The new snapshot file")->required();
  cmd->callback([&globals, &outcome, f] {
    Run(globals, "snapshot create", *f, outcome, [&] {
      return ops::CreateUnsealerSnapshot(f->sitting.dir, f->sitting.quorum, f->out, SystemClock());
    });
  });
}

void AddSealOrOpen(CLI::App* parent, bool seal, const Globals& globals, Outcome& outcome) {
  auto f = std::make_shared<Flags>();
  CLI::App* cmd =
      seal ? Sub(parent, "seal", "With a quorum: seal any file under the unsealer (streaming)",
                 "keyrite snapshot seal raft.snap --dir unsealer --out raft.snap.krsnap", *f)
           : Sub(parent, "open", "With a quorum: open a sealed file into a new file",
                 "keyrite snapshot open raft.snap.krsnap --dir unsealer --out raft.snap", *f);
  cmd->add_option("file", f->file, seal ? "The file to seal" : "The sealed file")->required();
  cmd->add_option("--out", f->out, "The new file")->required();
  cmd->callback([&globals, &outcome, f, seal] {
    const std::string command = seal ? "snapshot seal" : "snapshot open";
    Run(globals, command, *f, outcome, [&] {
      return seal ? ops::SealUnderUnsealer(f->sitting.dir, f->sitting.quorum, f->file, f->out,
                                           SystemClock())
                  : ops::OpenUnderUnsealer(f->sitting.dir, f->sitting.quorum, f->file, f->out);
    });
  });
}

struct RestoreFlags {
  SittingFlags sitting;
  std::string file;
  ops::Recipients custodians;  // the new set, when rekeying in the same sitting
  std::string fingerprints_file;
  int threshold = 0;
};

void PrintRestored(const Globals& globals, const std::string& dir, const ops::UnsealerReport& r) {
  const unsealer::UnsealerState& s = r.state;
  const std::string nonce = s.pending ? s.pending->nonce : "";
  if (globals.json) {
    nlohmann::json j = {{"ok", true}, {"command", "snapshot restore"}, {"dir", dir},
                        {"unsealer_id", s.id}, {"generation", s.generation},
                        {"shards_written", r.shard_paths}, {"pending_nonce", nullptr}};
    if (s.pending) j["pending_nonce"] = nonce;
    std::printf("%s\n", j.dump().c_str());
    return;
  }
  std::printf("Restored unsealer %s into %s (generation %llu); its audit log records the "
              "snapshot as its origin.\n",
              s.id.c_str(), dir.c_str(), static_cast<unsigned long long>(s.generation));
  if (!s.pending) return;
  std::printf("Rekey begun to %zu new custodians (any %u), nonce %s:\n",
              s.pending->shards.custodians.size(), s.pending->shards.threshold, nonce.c_str());
  for (const std::string& p : r.shard_paths) std::printf("  wrote %s\n", p.c_str());
  std::printf("Next: a quorum of the NEW custodians runs\n  keyrite unsealer prove --dir %s "
              "--nonce %s\nUntil then the snapshot's shards still open %s.\n",
              dir.c_str(), nonce.c_str(), dir.c_str());
}

void AddRestore(CLI::App* parent, const Globals& globals, Outcome& outcome) {
  auto f = std::make_shared<RestoreFlags>();
  CLI::App* cmd = parent->add_subcommand(
      "restore", "With the custodians' shards: a new unsealer from a snapshot, same keys, "
                 "optionally rekeyed to new custodians");
  cmd->footer(
      "Example:\n  keyrite snapshot restore state.krsnap --dir green --share alice-shard.asc "
      "--share carol-shard.asc --share erin-shard.asc\n"
      "  keyrite snapshot restore state.krsnap --dir green --share alice-shard.asc --share "
      "carol-shard.asc --share erin-shard.asc -t 2 --custodian frank.asc --custodian grace.asc "
      "--custodian heidi.asc --expect-fingerprints new-fingerprints.txt\nSee keyrite-snapshot(1).");
  cmd->add_option("file", f->file, "The snapshot")->required();
  cmd->add_option("--dir", f->sitting.dir, "The new unsealer's directory (must not exist)")
      ->required();
  cmd->add_option("-t,--threshold", f->threshold,
                  "With --custodian: custodians of the new set needed (default: as the snapshot's)")
      ->check(CLI::Range(0, 255));
  AddRecipientFlags(cmd, f->custodians, "--custodian",
                    "Rekey GREEN to this new custodian: certificate (repeat, in order)");
  cmd->add_option("--expect-fingerprints", f->fingerprints_file,
                  "A file of expected fingerprints, one per line, in --custodian order");
  AddQuorumFlags(cmd, f->sitting);
  cmd->callback([&globals, &outcome, f] {
    const std::string command = "snapshot restore";
    ops::Recipients* recipients = f->custodians.certificates.empty() ? nullptr : &f->custodians;
    if (!PrepareSitting(globals, command, f->sitting, outcome, recipients)) return;
    if (!f->fingerprints_file.empty()) f->custodians.confirm = nullptr;
    ops::RestoreRequest request{f->file, f->sitting.dir, f->sitting.quorum,
                                {f->custodians.certificates, f->custodians.expected_fingerprints,
                                 f->fingerprints_file, f->custodians.confirm,
                                 static_cast<std::uint8_t>(f->threshold)}};
    Result<ops::UnsealerReport> r = ops::RestoreUnsealerSnapshot(request, SystemRng(), SystemClock());
    if (!r.ok()) {
      outcome.code = Fail(globals, command, r.status());
      return;
    }
    PrintRestored(globals, f->sitting.dir, *r);
  });
}

}  // namespace

void AddSnapshotSittingCommands(CLI::App* parent, const Globals& globals, Outcome& outcome) {
  AddCreate(parent, globals, outcome);
  AddRestore(parent, globals, outcome);
  AddSealOrOpen(parent, true, globals, outcome);
  AddSealOrOpen(parent, false, globals, outcome);
}

}  // namespace keyrite::cli
