// keyrite keygen: a new key; its private part into a split or a new file, its public parts shown.

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "../command.h"
#include "io/files.h"
#include "keys/key_kind.h"
#include "ops/keygen.h"
#include "share/share_v1.h"

namespace keyrite::cli {
namespace {

struct KeygenFlags {
  ops::KeygenRequest request;
  std::string kind;
  bool allow_online = false;
};

nlohmann::json PublicJson(const ops::KeygenReport& r) {
  nlohmann::json j = {{"ok", true}, {"command", "keygen"}, {"kind", keys::KeyKindName(r.key.kind)}};
  if (!r.key.public_key_hex.empty()) j["public_key"] = r.key.public_key_hex;
  if (!r.key.address.empty()) j["ethereum_address"] = r.key.address;
  if (!r.key.tezos_address.empty()) j["tezos_address"] = r.key.tezos_address;
  if (!r.key.tezos_public_key.empty()) j["tezos_public_key"] = r.key.tezos_public_key;
  if (r.split) {
    j["split"] = {{"set_id", share::FormatSetId(r.split->set_id)}, {"threshold", r.split->threshold},
                  {"count", r.split->count}, {"files", r.split->files}};
  }
  if (!r.out_file.empty()) j["out"] = r.out_file;
  return j;
}

void PrintText(const ops::KeygenReport& r) {
  std::printf("Generated a %s secret.\n", std::string(keys::KeyKindName(r.key.kind)).c_str());
  auto row = [](const char* label, const std::string& value) {
    if (!value.empty()) std::printf("  %-18s %s\n", label, value.c_str());
  };
  row("public key", r.key.public_key_hex);
  row("ethereum address", r.key.address);
  row("tezos address", r.key.tezos_address);
  row("tezos public key", r.key.tezos_public_key);
  if (r.split) {
    std::printf("Split into %u shares, any %u recover it; set %s\n", r.split->count,
                r.split->threshold, share::FormatSetId(r.split->set_id).c_str());
    for (const std::string& f : r.split->files) std::printf("  wrote %s\n", f.c_str());
  }
  if (!r.out_file.empty()) std::printf("Wrote the private part to %s (mode 0600)\n", r.out_file.c_str());
}

void Run(const Globals& globals, KeygenFlags& flags, Outcome& outcome) {
  auto fail = [&](const Status& s) { outcome.code = Fail(globals, "keygen", s); };
  if (!Preflight(globals, "keygen", flags.allow_online, outcome)) return;
  Result<keys::KeyKind> kind = keys::ParseKeyKind(flags.kind);
  if (!kind.ok()) return fail(kind.status());
  flags.request.kind = *kind;
  Result<ops::KeygenReport> r = ops::Keygen(flags.request, SystemRng());
  if (!r.ok()) return fail(r.status());
  if (!r->out_file.empty()) Warn("the private part is in an unencrypted file: " + r->out_file);
  if (globals.json) {
    std::printf("%s\n", PublicJson(*r).dump().c_str());
  } else {
    PrintText(*r);
  }
  if (flags.request.show) {
    // Straight to the descriptor: the password must not linger in stdio's unlocked buffer.
    std::fflush(stdout);
    secmem::SecureBytes line(r->key.secret.size() + 1);
    std::copy(r->key.secret.data(), r->key.secret.data() + r->key.secret.size(), line.data());
    line[line.size() - 1] = '\n';
    const Status shown = io::WriteToDescriptor(1, line.span(), "standard output");
    if (!shown.ok()) outcome.code = Fail(globals, "keygen", shown);
  }
}

void Add(CLI::App& app, const Globals& globals, Outcome& outcome) {
  auto flags = std::make_shared<KeygenFlags>();
  CLI::App* cmd = app.add_subcommand("keygen", "Generate a key; its private part goes into a split or a file");
  cmd->add_option("--kind", flags->kind, "secp256k1 | ed25519 | random | password")->required();
  cmd->add_option("--bytes", flags->request.options.random_bytes, "Size of a random secret (1..65536)")
      ->capture_default_str();
  cmd->add_option("--length", flags->request.options.password_length, "Length of a password")
      ->capture_default_str();
  cmd->add_option("--split", flags->request.split, "Split the private part TofN, e.g. 3of5 (with --out DIR)");
  cmd->add_option("--out", flags->request.out,
                  "With --split: the share directory; alone: a new file for the private part");
  cmd->add_flag("--show", flags->request.show, "Print a generated password (passwords only)");
  cmd->add_flag("--allow-online", flags->allow_online,
                "Run even while a network interface is up (not recommended)");
  cmd->footer("Example:\n  keyrite keygen --kind secp256k1 --split 3of5 --out shares/\n"
              "  keyrite keygen --kind random --bytes 32 --out master.key\nSee keyrite-keygen(1).");
  cmd->callback([&globals, &outcome, flags] { Run(globals, *flags, outcome); });
}

}  // namespace

void AddKeygenCommand(CLI::App& app, const Globals& globals, Outcome& outcome) {
  Add(app, globals, outcome);
}

}  // namespace keyrite::cli
