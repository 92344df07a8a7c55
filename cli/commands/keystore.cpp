// keyrite keystore: add, import, export, list, allocate, release, assignments.

#include "ops/keystore.h"
#include "ops/keystore_export.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "../command.h"
#include "../entry_view.h"
#include "../sitting_flags.h"
#include "base/clock.h"
#include "base/rng.h"
#include "keys/key_kind.h"

namespace keyrite::cli {
namespace {

struct Flags {
  SittingFlags sitting;
  std::vector<std::string> names;
  std::string kind = "secp256k1";
  ops::Recipients recipients;
  std::string deliver_dir = "delivered";
  std::string holder;
  std::size_t count = 0;
  std::string out;
  std::string from = "-";
  bool typed_key = false;
  bool json_out = false;
  bool html = false;
  std::string from_seed;
  std::string path;
  std::size_t words = 24;
  std::string format = "keyrite";
  int passphrase_fd = -1;
  std::uint64_t scrypt_n = keys::KeystoreV3Params{}.scrypt_n;
};

CLI::App* Sub(CLI::App* parent, const char* name, const char* help, const std::string& example) {
  CLI::App* cmd = parent->add_subcommand(name, help);
  cmd->footer("Example:\n  " + example + "\nSee keyrite-keystore(1).");
  return cmd;
}

void PrintKeys(const Globals& globals, const std::string& command, const ops::KeystoreReport& r) {
  if (globals.json) {
    nlohmann::json delivered = nlohmann::json::array();
    for (const ops::Delivered& d : r.delivered) {
      delivered.push_back({{"file", d.file}, {"fingerprint", d.fingerprint}, {"user_id", d.user_id}});
    }
    std::printf("%s\n", nlohmann::json{{"ok", true}, {"command", command},
                                       {"entries", EntriesJson(r.entries)},
                                       {"delivered", delivered}, {"reused", r.reused}}
                            .dump().c_str());
    return;
  }
  std::printf("%s: %zu key(s)\n", command.c_str(), r.entries.size());
  PrintEntryTable(stdout, r.entries);
  if (r.reused > 0) std::printf("  (%zu of them released earlier and handed out again)\n", r.reused);
  for (const ops::Delivered& d : r.delivered) {
    std::printf("  encrypted to %s (%s): %s\n", d.user_id.c_str(), d.fingerprint.c_str(),
                d.file.c_str());
  }
}

template <typename F>
void Finish(const Globals& globals, const std::string& command, Outcome& outcome, F&& run) {
  Result<ops::KeystoreReport> r = run();
  if (!r.ok()) {
    outcome.code = Fail(globals, command, r.status());
    return;
  }
  PrintKeys(globals, command, *r);
}

// The kind flag, checked; false (outcome set) when unknown.
bool Kind(const Globals& globals, const std::string& command, const Flags& f, Outcome& outcome,
          keys::KeyKind& kind) {
  Result<keys::KeyKind> parsed = keys::ParseKeyKind(f.kind);
  if (!parsed.ok()) {
    outcome.code = Fail(globals, command, parsed.status());
    return false;
  }
  kind = *parsed;
  return true;
}

void AddKindFlag(CLI::App* cmd, Flags& f) {
  cmd->add_option("--kind", f.kind, "secp256k1 (default), ed25519, random, password or bip39");
}

// --from-seed and the path flag of add / allocate.
void AddSeedFlags(CLI::App* cmd, Flags& f, const char* path_flag) {
  cmd->add_option("--from-seed", f.from_seed,
                  "Derive from this bip39 entry instead of generating (secp256k1: BIP-32, "
                  "ed25519: SLIP-10)");
  cmd->add_option(path_flag, f.path,
                  "Derivation path; {i} stands for the key's index (default: m/44'/60'/0'/0/{i} "
                  "for secp256k1, m/44'/1729'/{i}'/0' for ed25519)");
  AddDiceFlag(cmd, f.sitting, "the generated keys");
}

void AddAdd(CLI::App* parent, const Globals& globals, Outcome& outcome) {
  auto f = std::make_shared<Flags>();
  CLI::App* cmd = Sub(parent, "add", "With a quorum: generate keys inside, sealed; print public parts",
                      "keyrite keystore add authority --dir unsealer --kind secp256k1\n"
                      "  keyrite keystore add seed --dir unsealer --kind bip39 --words 24\n"
                      "  keyrite keystore add eth0 --dir unsealer --from-seed seed "
                      "--path \"m/44'/60'/0'/0/0\"\n"
                      "  keyrite keystore add ovs --kind random --dir unsealer --deliver-to p1.asc "
                      "--deliver-to p2.asc --expect-fingerprint F1 --expect-fingerprint F2");
  cmd->add_option("names", f->names, "Names of the new keys (one sitting for all)")->required();
  AddDirFlag(cmd, f->sitting);
  AddKindFlag(cmd, *f);
  AddRecipientFlags(cmd, f->recipients, "--deliver-to",
                    "Also give each new key to this peer, encrypted to their certificate (repeat)");
  cmd->add_option("--deliver-dir", f->deliver_dir,
                  "Where the encrypted deliveries go (default: delivered)");
  cmd->add_option("--words", f->words, "--kind bip39: words of the mnemonic, 12 to 24 (default 24)");
  AddSeedFlags(cmd, *f, "--path");
  AddQuorumFlags(cmd, f->sitting);
  cmd->callback([&globals, &outcome, f] {
    const std::string command = "keystore add";
    ops::AddKeysRequest request;
    if (!Kind(globals, command, *f, outcome, request.kind)) return;
    if (!PrepareSitting(globals, command, f->sitting, outcome, &f->recipients)) return;
    request.dir = f->sitting.dir;
    request.quorum = f->sitting.quorum;
    request.names = f->names;
    request.deliver_to = f->recipients;
    request.deliver_dir = f->deliver_dir;
    request.options.mnemonic_words = f->words;
    request.from_seed = f->from_seed;
    request.path = f->path;
    if (!DicePrompter(globals, command, f->sitting, outcome, request.dice)) return;
    Finish(globals, command, outcome, [&] { return ops::AddKeys(request, SystemRng(), SystemClock()); });
  });
}

void AddImport(CLI::App* parent, const Globals& globals, Outcome& outcome) {
  auto f = std::make_shared<Flags>();
  CLI::App* cmd = Sub(parent, "import", "With a quorum: seal an existing key into the keystore",
                      "keyrite keystore import old-authority --dir unsealer --kind secp256k1 "
                      "--from key.asc");
  cmd->add_option("name", f->names, "Name of the key")->required()->expected(1);
  AddDirFlag(cmd, f->sitting);
  AddKindFlag(cmd, *f);
  cmd->add_option("--from", f->from,
                  "The key: a file of hex (or a password), an OpenPGP message to decrypt, or - "
                  "for standard input (default)");
  cmd->add_flag("--typed-key", f->typed_key, "Type the key at the terminal (echo off)");
  AddQuorumFlags(cmd, f->sitting);
  cmd->callback([&globals, &outcome, f] {
    const std::string command = "keystore import";
    ops::ImportKeyRequest request;
    if (!Kind(globals, command, *f, outcome, request.kind)) return;
    if (!PrepareSitting(globals, command, f->sitting, outcome)) return;
    request.dir = f->sitting.dir;
    request.quorum = f->sitting.quorum;
    request.name = f->names.front();
    request.input = f->from;
    if (f->typed_key) request.typed = f->sitting.Terminal();
    Finish(globals, command, outcome, [&] { return ops::ImportKey(request, SystemRng(), SystemClock()); });
  });
}

// --format keystore-v3: one secp256k1 key in an Ethereum keystore v3 file under a passphrase.
void ExportV3(const Globals& globals, Flags& f, Outcome& outcome) {
  const std::string command = "keystore export";
  if (f.names.size() != 1 || !f.holder.empty() || !f.recipients.certificates.empty()) {
    outcome.code = Fail(globals, command, InvalidArgument("--format keystore-v3 exports one named "
                                                          "key under a passphrase; drop --to and --holder"));
    return;
  }
  if (!PrepareSitting(globals, command, f.sitting, outcome)) return;
  ops::KeystoreV3ExportRequest request{f.sitting.dir, f.sitting.quorum, f.names.front(), f.out};
  request.passphrase_fd = f.passphrase_fd;
  if (f.passphrase_fd < 0) request.terminal = f.sitting.Terminal();
  request.params.scrypt_n = f.scrypt_n;
  Finish(globals, command, outcome, [&] { return ops::ExportKeystoreV3(request, SystemRng(), SystemClock()); });
}

void AddExport(CLI::App* parent, const Globals& globals, Outcome& outcome) {
  auto f = std::make_shared<Flags>();
  CLI::App* cmd = Sub(parent, "export", "With a quorum: keys encrypted to one recipient's certificate",
                      "keyrite keystore export authority --dir unsealer --to auditor.asc "
                      "--expect-fingerprint F --out authority.asc\n"
                      "  keyrite keystore export authority --dir unsealer --format keystore-v3 "
                      "--out authority.json");
  cmd->add_option("names", f->names, "Names of the keys");
  cmd->add_option("--holder", f->holder, "Instead of names: every key this holder has");
  AddDirFlag(cmd, f->sitting);
  AddRecipientFlags(cmd, f->recipients, "--to", "The recipient's certificate");
  cmd->add_option("--out", f->out, "A new file for the encrypted keys")->required();
  cmd->add_option("--format", f->format,
                  "keyrite (default: key text encrypted to --to) or keystore-v3 (one secp256k1 key, "
                  "Ethereum keystore under a passphrase)")
      ->check(CLI::IsMember({"keyrite", "keystore-v3"}));
  cmd->add_option("--passphrase-fd", f->passphrase_fd,
                  "keystore-v3: read the passphrase's first line from this file descriptor "
                  "(default: typed twice at the terminal)");
  cmd->add_option("--scrypt-n", f->scrypt_n,
                  "keystore-v3: scrypt cost N, a power of two (default 262144, as geth)");
  AddQuorumFlags(cmd, f->sitting);
  cmd->callback([&globals, &outcome, f] {
    const std::string command = "keystore export";
    if (f->format == "keystore-v3") return ExportV3(globals, *f, outcome);
    if (!PrepareSitting(globals, command, f->sitting, outcome, &f->recipients)) return;
    ops::ExportRequest request{f->sitting.dir, f->sitting.quorum, f->names, f->holder,
                               f->recipients, f->out};
    Finish(globals, command, outcome, [&] { return ops::ExportKeys(request, SystemClock()); });
  });
}

void AddAllocate(CLI::App* parent, const Globals& globals, Outcome& outcome) {
  auto f = std::make_shared<Flags>();
  CLI::App* cmd = Sub(parent, "allocate",
                      "With a quorum: hand N pool keys to a holder (released keys first)",
                      "keyrite keystore allocate --dir unsealer --holder worker-1 -n 4 "
                      "--kind secp256k1 --to worker-1.asc --expect-fingerprint F --out worker-1-keys.asc\n"
                      "  keyrite keystore allocate --dir unsealer --holder worker-2 -n 4 --from-seed seed "
                      "--path-template \"m/44'/60'/0'/0/{i}\" --to worker-2.asc --out worker-2-keys.asc");
  AddDirFlag(cmd, f->sitting);
  cmd->add_option("--holder", f->holder, "Who receives the keys")->required();
  cmd->add_option("-n,--count", f->count, "How many keys")->required();
  AddKindFlag(cmd, *f);
  AddRecipientFlags(cmd, f->recipients, "--to", "The holder's certificate");
  cmd->add_option("--out", f->out, "A new file for the keys, encrypted to the holder")->required();
  AddSeedFlags(cmd, *f, "--path-template");
  AddQuorumFlags(cmd, f->sitting);
  cmd->callback([&globals, &outcome, f] {
    const std::string command = "keystore allocate";
    ops::AllocateRequest request;
    if (!Kind(globals, command, *f, outcome, request.kind)) return;
    if (!PrepareSitting(globals, command, f->sitting, outcome, &f->recipients)) return;
    request.dir = f->sitting.dir;
    request.quorum = f->sitting.quorum;
    request.holder = f->holder;
    request.count = f->count;
    request.to = f->recipients;
    request.out = f->out;
    request.from_seed = f->from_seed;
    request.path_template = f->path;
    if (!DicePrompter(globals, command, f->sitting, outcome, request.dice)) return;
    Finish(globals, command, outcome, [&] { return ops::AllocateKeys(request, SystemRng(), SystemClock()); });
  });
}

void AddRelease(CLI::App* parent, const Globals& globals, Outcome& outcome) {
  auto f = std::make_shared<Flags>();
  CLI::App* cmd = Sub(parent, "release", "With a quorum: take back a holder's keys into the pool",
                      "keyrite keystore release --dir unsealer --holder worker-1");
  AddDirFlag(cmd, f->sitting);
  cmd->add_option("--holder", f->holder, "Whose keys")->required();
  AddQuorumFlags(cmd, f->sitting);
  cmd->callback([&globals, &outcome, f] {
    const std::string command = "keystore release";
    if (!PrepareSitting(globals, command, f->sitting, outcome)) return;
    Finish(globals, command, outcome, [&] {
      return ops::ReleaseKeys(f->sitting.dir, f->sitting.quorum, f->holder, SystemClock());
    });
  });
}

void AddList(CLI::App* parent, const char* name, bool held_only, const Globals& globals,
             Outcome& outcome) {
  auto f = std::make_shared<Flags>();
  CLI::App* cmd =
      held_only ? Sub(parent, name, "Holders and their keys' public parts (no quorum)",
                      "keyrite keystore assignments --dir unsealer --html > assignments.html")
                : Sub(parent, name, "Every key's public parts (no quorum)",
                      "keyrite keystore list --dir unsealer");
  AddDirFlag(cmd, f->sitting);
  if (held_only) cmd->add_flag("--html", f->html, "An HTML page instead of text");
  cmd->callback([&globals, &outcome, f, held_only, name] {
    const std::string command = std::string("keystore ") + name;
    Result<std::vector<unsealer::KeyEntry>> r = ops::ListKeys(f->sitting.dir, held_only);
    if (!r.ok()) {
      outcome.code = Fail(globals, command, r.status());
      return;
    }
    if (globals.json) {
      // Keys in nlohmann::json's (sorted) order, entries streamed: the same text as one dump.
      std::printf("{\"command\":%s,\"entries\":", nlohmann::json(command).dump().c_str());
      PrintEntriesJson(stdout, *r);
      std::printf(",\"ok\":true}\n");
    } else if (f->html) {
      PrintAssignmentsHtml(stdout, *r);
    } else {
      PrintEntryTable(stdout, *r);
    }
  });
}

void Add(CLI::App& app, const Globals& globals, Outcome& outcome) {
  CLI::App* cmd = app.add_subcommand("keystore", "Keys sealed by an unsealer: add, export, pool");
  cmd->require_subcommand(1);
  cmd->footer(
      "Example:\n  keyrite keystore add authority --dir unsealer --kind secp256k1\n"
      "  keyrite keystore list --dir unsealer\nSee keyrite-keystore(1).");
  AddAdd(cmd, globals, outcome);
  AddImport(cmd, globals, outcome);
  AddExport(cmd, globals, outcome);
  AddList(cmd, "list", false, globals, outcome);
  AddAllocate(cmd, globals, outcome);
  AddRelease(cmd, globals, outcome);
  AddList(cmd, "assignments", true, globals, outcome);
}

}  // namespace

void AddKeystoreCommand(CLI::App& app, const Globals& globals, Outcome& outcome) {
  Add(app, globals, outcome);
}

}  // namespace keyrite::cli
