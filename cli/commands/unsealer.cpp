// keyrite unsealer: init, status, check, rekey, rotate, prove, abort.

#include "ops/unsealer.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "../command.h"
#include "../entry_view.h"
#include "../sitting_flags.h"
#include "base/clock.h"
#include "base/hex.h"
#include "base/rng.h"

namespace keyrite::cli {
namespace {

constexpr std::string_view kName = "unsealer";

struct Flags {
  SittingFlags sitting;
  ops::InitRequest init;
  ops::Recipients custodians;  // certificates and expected fingerprints
  std::string fingerprints_file;
  int threshold = 0;
  std::string print_dir;
  std::string nonce;
};

ops::CustodianSet Custodians(Flags& f) {
  return {f.custodians.certificates, f.custodians.expected_fingerprints, f.fingerprints_file,
          f.custodians.confirm, static_cast<std::uint8_t>(f.threshold)};
}

nlohmann::json SetJson(const unsealer::ShardSet& set) {
  nlohmann::json custodians = nlohmann::json::array();
  for (const unsealer::Custodian& c : set.custodians) {
    custodians.push_back({{"index", c.index},
                          {"user_id", c.user_id},
                          {"fingerprint", c.fingerprint},
                          {"shard", set.dir + "/" + c.shard_file}});
  }
  return {{"set_id", unsealer::SetIdText(set.set_id)},
          {"threshold", set.threshold},
          {"custodians", custodians}};
}

nlohmann::json StateJson(const unsealer::UnsealerState& s) {
  nlohmann::json j = {{"unsealer_id", s.id},
                      {"generation", s.generation},
                      {"created", FormatUtc(s.created)},
                      {"changed", FormatUtc(s.changed)},
                      {"signing_public_key", s.signing_public_key},
                      {"master_check", s.master_check},
                      {"shards", SetJson(s.shards)},
                      {"audit_records", s.audit.count},
                      {"pending", nullptr}};
  if (s.pending) {
    j["pending"] = {{"operation", s.pending->operation},
                    {"nonce", s.pending->nonce},
                    {"shards", SetJson(s.pending->shards)}};
  }
  return j;
}

void PrintSet(const char* title, const unsealer::ShardSet& set) {
  std::printf("%s %s: any %u of %zu custodians recover the master key\n", title,
              unsealer::SetIdText(set.set_id).c_str(), set.threshold, set.custodians.size());
  for (const unsealer::Custodian& c : set.custodians) {
    std::printf("  %u  %s  %s  %s/%s\n", c.index, c.fingerprint.c_str(), c.user_id.c_str(),
                set.dir.c_str(), c.shard_file.c_str());
  }
}

void PrintState(const unsealer::UnsealerState& s) {
  std::printf("Unsealer %s, generation %llu, created %s, last change %s\n", s.id.c_str(),
              static_cast<unsigned long long>(s.generation), FormatUtc(s.created).c_str(),
              FormatUtc(s.changed).c_str());
  std::printf("Signing key (Ed25519): %s\n", s.signing_public_key.c_str());
  PrintSet("Shard set", s.shards);
  if (s.pending) {
    std::printf("Pending %s, nonce %s (prove with a quorum of the new set):\n",
                s.pending->operation.c_str(), s.pending->nonce.c_str());
    PrintSet("  new shard set", s.pending->shards);
  }
}

void PrintReport(const Globals& globals, std::string_view what, const ops::UnsealerReport& r) {
  if (globals.json) {
    nlohmann::json j = {{"ok", true}, {"command", std::string(kName) + " " + std::string(what)},
                        {"state", StateJson(r.state)}, {"shards_written", r.shard_paths},
                        {"sheets", r.sheets}};
    if (what == "check") j["entries_checked"] = r.entries_checked;
    std::printf("%s\n", j.dump().c_str());
    return;
  }
  PrintState(r.state);
  for (const std::string& p : r.shard_paths) std::printf("  wrote %s\n", p.c_str());
  for (const std::string& p : r.sheets) std::printf("  printed %s\n", p.c_str());
  if (what == "check") {
    std::printf("Checked: the quorum recombines the master key; all %zu keystore entries open "
                "and match their public keys\n", r.entries_checked);
  }
  if (r.state.pending && (what == "rekey" || what == "rotate")) {
    std::printf("Next: a quorum of the NEW custodians runs\n  keyrite unsealer prove --dir DIR "
                "--nonce %s\nUntil then the old shards still work.\n",
                r.state.pending->nonce.c_str());
  }
}

template <typename F>
void Finish(const Globals& globals, std::string_view what, Outcome& outcome, F&& run) {
  Result<ops::UnsealerReport> r = run();
  const std::string name = std::string(kName) + " " + std::string(what);
  if (!r.ok()) {
    outcome.code = Fail(globals, name, r.status());
    return;
  }
  PrintReport(globals, what, *r);
}

void RunStatus(const Globals& globals, Flags& f, Outcome& outcome) {
  Result<ops::StatusReport> r = ops::UnsealerStatus(f.sitting.dir);
  if (!r.ok()) {
    outcome.code = Fail(globals, "unsealer status", r.status());
    return;
  }
  if (globals.json) {
    nlohmann::json files = nlohmann::json::array();
    for (const unsealer::FileCheck& c : r->files) {
      files.push_back({{"file", c.file}, {"ok", c.problem.empty()}, {"problem", c.problem}});
    }
    // Keys in nlohmann::json's (sorted) order, entries streamed: the same text as one dump.
    std::printf("{\"command\":\"unsealer status\",\"entries\":");
    PrintEntriesJson(stdout, r->entries);
    std::printf(",\"files\":%s,\"ok\":%s,\"problem\":%s,\"state\":%s}\n",
                files.dump().c_str(), r->problem.empty() ? "true" : "false",
                nlohmann::json(r->problem).dump().c_str(), StateJson(r->state).dump().c_str());
  } else {
    PrintState(r->state);
    std::printf("Keystore: %zu entries\n", r->entries.size());
    PrintEntryTable(stdout, r->entries);
    std::printf("Files:\n");
    for (const unsealer::FileCheck& c : r->files) {
      std::printf("  %-40s %s\n", c.file.c_str(), c.problem.empty() ? "ok" : c.problem.c_str());
    }
  }
  if (!r->problem.empty()) outcome.code = Fail(Globals{}, "unsealer status", Corrupt(r->problem));
}

CLI::App* Sub(CLI::App* parent, const char* name, const char* help, const char* example) {
  CLI::App* cmd = parent->add_subcommand(name, help);
  cmd->footer(std::string("Example:\n  ") + example + "\nSee keyrite-unsealer(1).");
  return cmd;
}

void AddInit(CLI::App* parent, const Globals& globals, Outcome& outcome) {
  auto f = std::make_shared<Flags>();
  CLI::App* cmd = Sub(parent, "init", "Make an unsealer: a master key split to custodians' shards",
                      "keyrite unsealer init --dir unsealer -t 3 --custodian alice.asc --custodian "
                      "bob.asc --custodian carol.asc --custodian dave.asc --custodian erin.asc "
                      "--expect-fingerprints fingerprints.txt");
  AddDirFlag(cmd, f->sitting);
  cmd->add_option("-t,--threshold", f->threshold, "Custodians needed to recover")->required();
  AddRecipientFlags(cmd, f->custodians, "--custodian", "A custodian's certificate (repeat, in order)");
  cmd->add_option("--expect-fingerprints", f->fingerprints_file,
                  "A file of expected fingerprints, one per line, in --custodian order");
  cmd->add_option("--print", f->print_dir, "Also print one sheet per shard into this directory");
  AddDiceFlag(cmd, f->sitting, "the master key");
  cmd->add_flag("--allow-online", f->sitting.allow_online,
                "Run even while a network interface is up (not recommended)");
  cmd->callback([&globals, &outcome, f] {
    if (!PrepareSitting(globals, "unsealer init", f->sitting, outcome, &f->custodians)) return;
    if (!f->fingerprints_file.empty()) f->custodians.confirm = nullptr;
    ops::InitRequest request{f->sitting.dir, Custodians(*f), f->print_dir};
    if (!DicePrompter(globals, "unsealer init", f->sitting, outcome, request.dice)) return;
    Finish(globals, "init", outcome,
           [&] { return ops::InitUnsealer(request, SystemRng(), SystemClock()); });
  });
}

void AddStatus(CLI::App* parent, const Globals& globals, Outcome& outcome) {
  auto f = std::make_shared<Flags>();
  CLI::App* cmd = Sub(parent, "status", "Show the public state; check every file (no quorum)",
                      "keyrite unsealer status --dir unsealer");
  AddDirFlag(cmd, f->sitting);
  cmd->callback([&globals, &outcome, f] { RunStatus(globals, *f, outcome); });
}

void AddCheck(CLI::App* parent, const Globals& globals, Outcome& outcome) {
  auto f = std::make_shared<Flags>();
  CLI::App* cmd = Sub(parent, "check", "With a quorum: open every keystore entry and check it",
                      "keyrite unsealer check --dir unsealer");
  AddDirFlag(cmd, f->sitting);
  AddQuorumFlags(cmd, f->sitting);
  cmd->callback([&globals, &outcome, f] {
    if (!PrepareSitting(globals, "unsealer check", f->sitting, outcome)) return;
    Finish(globals, "check", outcome,
           [&] { return ops::CheckUnsealer(f->sitting.dir, f->sitting.quorum); });
  });
}

void AddRekey(CLI::App* parent, const char* name, bool rotate, const Globals& globals,
              Outcome& outcome) {
  auto f = std::make_shared<Flags>();
  CLI::App* cmd = Sub(
      parent, name,
      rotate ? "With a quorum: a new master key, every entry re-sealed, new shards (pending proof)"
             : "With a quorum: new custodians and/or threshold for the same master key (pending "
               "proof)",
      rotate ? "keyrite unsealer rotate --dir unsealer --custodian alice.asc --custodian bob.asc "
               "--custodian carol.asc -t 2 --expect-fingerprints fingerprints.txt"
             : "keyrite unsealer rekey --dir unsealer -t 2 --custodian frank.asc --custodian "
               "grace.asc --custodian heidi.asc --expect-fingerprints new-fingerprints.txt");
  AddDirFlag(cmd, f->sitting);
  cmd->add_option("-t,--threshold", f->threshold, "Custodians needed (default: as now)");
  AddRecipientFlags(cmd, f->custodians, "--custodian",
                    "A custodian of the new set: certificate (repeat, in order)");
  cmd->add_option("--expect-fingerprints", f->fingerprints_file,
                  "A file of expected fingerprints, one per line, in --custodian order");
  AddQuorumFlags(cmd, f->sitting);
  if (rotate) AddDiceFlag(cmd, f->sitting, "the new master key");
  cmd->callback([&globals, &outcome, f, rotate, name] {
    const std::string command = std::string("unsealer ") + name;
    if (!PrepareSitting(globals, command, f->sitting, outcome, &f->custodians)) return;
    if (!f->fingerprints_file.empty()) f->custodians.confirm = nullptr;
    ops::RekeyRequest request{f->sitting.dir, f->sitting.quorum, Custodians(*f), rotate};
    if (!DicePrompter(globals, command, f->sitting, outcome, request.dice)) return;
    Finish(globals, name, outcome,
           [&] { return ops::BeginRekey(request, SystemRng(), SystemClock()); });
  });
}

void AddProveOrAbort(CLI::App* parent, bool prove, const Globals& globals, Outcome& outcome) {
  auto f = std::make_shared<Flags>();
  CLI::App* cmd =
      prove ? Sub(parent, "prove",
                  "A quorum of the NEW set proves a pending rekey or rotation; the old set retires",
                  "keyrite unsealer prove --dir unsealer --nonce 3f9a0c2e71d45b86")
            : Sub(parent, "abort", "With a quorum of the current set: drop a pending rekey",
                  "keyrite unsealer abort --dir unsealer --nonce 3f9a0c2e71d45b86");
  AddDirFlag(cmd, f->sitting);
  cmd->add_option("--nonce", f->nonce, "The nonce the rekey or rotation showed")->required();
  AddQuorumFlags(cmd, f->sitting);
  cmd->callback([&globals, &outcome, f, prove] {
    const char* what = prove ? "prove" : "abort";
    if (!PrepareSitting(globals, std::string("unsealer ") + what, f->sitting, outcome)) return;
    Finish(globals, what, outcome, [&] {
      return prove ? ops::ProveRekey(f->sitting.dir, f->sitting.quorum, f->nonce, SystemRng(),
                                     SystemClock())
                   : ops::AbortRekey(f->sitting.dir, f->sitting.quorum, f->nonce, SystemClock());
    });
  });
}

void Add(CLI::App& app, const Globals& globals, Outcome& outcome) {
  CLI::App* cmd = app.add_subcommand(
      "unsealer", "A master key held by a quorum of custodians, guarding a sealed keystore");
  cmd->require_subcommand(1);
  cmd->footer(
      "Example:\n  keyrite unsealer init --dir unsealer -t 3 --custodian alice.asc ... "
      "--expect-fingerprints fingerprints.txt\n  keyrite unsealer status --dir unsealer\n"
      "See keyrite-unsealer(1).");
  AddInit(cmd, globals, outcome);
  AddStatus(cmd, globals, outcome);
  AddCheck(cmd, globals, outcome);
  AddRekey(cmd, "rekey", false, globals, outcome);
  AddRekey(cmd, "rotate", true, globals, outcome);
  AddProveOrAbort(cmd, true, globals, outcome);
  AddProveOrAbort(cmd, false, globals, outcome);
}

}  // namespace

void AddUnsealerCommand(CLI::App& app, const Globals& globals, Outcome& outcome) {
  Add(app, globals, outcome);
}

}  // namespace keyrite::cli
