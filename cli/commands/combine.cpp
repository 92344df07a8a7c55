// keyrite combine: shard files, share files and typed shares (any t or more of one set) back
// into the secret.

#include "ops/combine.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "../command.h"
#include "legacy_formats.h"
#include "io/prompt.h"
#include "pgp/fingerprint.h"
#include "share/share_v1.h"
#include "slip39.h"

namespace keyrite::cli {
namespace {

struct CombineFlags {
  ops::CombineRequest request;
  bool typed = false;
  bool pinentry_loopback = false;
  bool allow_online = false;
  std::string format = "keyrite";
  LegacyCombineFlags legacy;
  Slip39CombineFlags slip39;
};

nlohmann::json UsedJson(const ops::UsedShare& u) {
  nlohmann::json j = {{"index", u.index}, {"from", u.origin}, {"kind", u.kind}};
  if (!u.custodian.empty()) j["custodian"] = u.custodian;
  if (!u.fingerprint.empty()) j["fingerprint"] = u.fingerprint;
  if (!u.recipient_key_ids.empty()) j["encrypted_to"] = u.recipient_key_ids;
  return j;
}

// What the text report adds after a share's origin: who it is, as far as keyrite knows.
std::string Detail(const ops::UsedShare& u) {
  if (u.kind == "shard" && u.custodian.empty()) {
    std::string ids;
    for (const std::string& id : u.recipient_key_ids)
      ids += (ids.empty() ? "" : ", ") + pgp::DisplayKeyId(id);
    return "  (shard encrypted to " + ids + ")";
  }
  if (u.kind != "shard" && !u.custodian.empty()) return "  (custodian " + u.custodian + ")";
  return "";
}

void Print(const Globals& globals, const ops::CombineReport& r) {
  std::FILE* out = r.output == "-" ? stderr : stdout;
  if (globals.json) {
    nlohmann::json used = nlohmann::json::array();
    for (const ops::UsedShare& u : r.shares) used.push_back(UsedJson(u));
    nlohmann::json j = {{"ok", true},
                        {"command", "combine"},
                        {"set_id", share::FormatSetId(r.set_id)},
                        {"threshold", r.threshold},
                        {"shares", used},
                        {"secret_bytes", r.secret_bytes},
                        {"output", r.output}};
    std::fprintf(out, "%s\n",
                 j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    return;
  }
  std::fprintf(out, "Recovered a %zu-byte secret from set %s (any %u recover) using:\n",
               r.secret_bytes, share::FormatSetId(r.set_id).c_str(), r.threshold);
  for (const ops::UsedShare& u : r.shares) {
    std::fprintf(out, "  share %u  %s%s\n", u.index, u.origin.c_str(), Detail(u).c_str());
  }
  if (r.output != "-") std::fprintf(out, "Wrote %s (mode 0600)\n", r.output.c_str());
}

void Run(const Globals& globals, CombineFlags& flags, Outcome& outcome) {
  if (!Preflight(globals, "combine", flags.allow_online, outcome)) return;
  if (RunSlip39CombineIfAsked(globals, flags.format, flags.slip39, flags.request, flags.typed,
                              outcome)) return;
  std::unique_ptr<io::Prompter> terminal;
  if (flags.typed || flags.pinentry_loopback) {
    Result<std::unique_ptr<io::Prompter>> opened = io::OpenTerminalPrompter();
    if (!opened.ok()) {
      outcome.code = Fail(globals, "combine", opened.status());
      return;
    }
    terminal = std::move(opened).value();
    if (flags.typed) flags.request.typed = terminal.get();
    if (flags.pinentry_loopback) flags.request.passphrases = terminal.get();
  }
  if (IsLegacyFormat(flags.format)) {
    return RunLegacyCombine(globals, flags.format, flags.request, flags.legacy, outcome);
  }
  Result<ops::CombineReport> r = ops::CombineFromInputs(flags.request);
  if (!r.ok()) {
    outcome.code = Fail(globals, "combine", r.status());
    return;
  }
  Print(globals, *r);
}

void AddShardFlags(CLI::App* cmd, CombineFlags& flags) {
  cmd->add_option("--gnupghome", flags.request.gnupghome,
                  "The keyring whose gpg-agent decrypts shards (default: GNUPGHOME or ~/.gnupg)");
  cmd->add_option("--manifest", flags.request.manifest,
                  "The shard set's manifest.json: check shard digests and name custodians");
  // For rehearsals and tests on a keyring whose agent allows loopback: passphrases are typed at
  // this terminal (echo off) instead of pinentry. Never from the command line or environment.
  cmd->add_flag("--pinentry-loopback", flags.pinentry_loopback,
                "Ask for shard passphrases at this terminal instead of pinentry")
      ->group("");
}

void Add(CLI::App& app, const Globals& globals, Outcome& outcome) {
  auto flags = std::make_shared<CombineFlags>();
  CLI::App* cmd = app.add_subcommand(
      "combine", "Recover a secret from t or more shards, share files or typed shares");
  cmd->add_option("shares", flags->request.inputs,
                  "Shard files (decrypted by gpg-agent) or share files; - for standard input");
  cmd->add_option("--scan", flags->request.scans,
                  "Images (PNG, JPEG) or PDFs of share sheets whose QR codes to read (SLIP-39 "
                  "sheets with --format slip39)");
  cmd->add_flag("--typed", flags->typed,
                "Custodians type share lines at the terminal (echo off), after any files");
  cmd->add_option("--out", flags->request.output, "New file for the secret (created 0600)");
  cmd->add_flag("--stdout", flags->request.to_stdout,
                "Write the secret to standard output (refused when it is a terminal)");
  AddShardFlags(cmd, *flags);
  cmd->add_option("--format", flags->format,
                  "Whose shares: keyrite (default), slip39 (mnemonics), ssss or vault")
      ->check(CLI::IsMember({"keyrite", "slip39", "ssss", "vault", "vault-hex"}));
  AddLegacyCombineFlags(cmd, flags->legacy);
  AddSlip39CombineFlags(cmd, flags->slip39);
  cmd->add_flag("--allow-online", flags->allow_online,
                "Run even while a network interface is up (not recommended)");
  cmd->footer(
      "Example:\n  keyrite combine shares/share-1-of-5.txt shares/share-3-of-5.txt "
      "shares/share-5-of-5.txt --out recovered.bin\n"
      "  keyrite combine shards/shard-1-of-5.asc shards/shard-4-of-5.asc "
      "share-2.txt --manifest shards/manifest.json --out recovered.bin\n"
      "  keyrite combine shares/share-1-of-5.txt --typed --out recovered.bin\n"
      "  keyrite combine --format ssss -t 3 ssss-shares.txt --out recovered.bin\n"
      "  keyrite combine --format vault --check vault/vault-check.json k1.txt k2.txt k3.txt --out key\n"
      "  keyrite combine --format slip39 slip39/*.txt --passphrase --out seed.bin\n"
      "  keyrite combine --format slip39 --scan sheet-1-of-5.pdf sheet-2-of-5.pdf "
      "slip39/slip39-share-4-of-5.txt --out seed.bin\n"
      "See keyrite-combine(1).");
  cmd->callback([&globals, &outcome, flags] { Run(globals, *flags, outcome); });
}

}  // namespace

void AddCombineCommand(CLI::App& app, const Globals& globals, Outcome& outcome) {
  Add(app, globals, outcome);
}

}  // namespace keyrite::cli
