// keyrite keygen: a new key or BIP-39 mnemonic, or a key derived from a mnemonic; its private part
// into a split or a new file, its public parts shown.

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "../command.h"
#include "io/files.h"
#include "io/prompt.h"
#include "keys/key_kind.h"
#include "ops/keygen.h"
#include "share/share_v1.h"

namespace keyrite::cli {
namespace {

struct KeygenFlags {
  ops::KeygenRequest request;
  std::string kind;
  bool dice = false;
  bool bip39_passphrase = false;
  bool allow_online = false;
  CLI::Option* words = nullptr;
};

std::string EntropyName(const ops::KeygenReport& r) {
  if (!r.derivation_path.empty()) return "derived";
  std::string name = r.entropy_replayed ? "entropy-file" : "os";
  return r.dice_rolls > 0 ? name + "+dice" : name;
}

nlohmann::json PublicJson(const ops::KeygenReport& r) {
  nlohmann::json j = {{"ok", true}, {"command", "keygen"}, {"kind", r.kind_name},
                      {"entropy", EntropyName(r)}, {"dice_rolls", r.dice_rolls}};
  if (r.mnemonic_words != 0) j["words"] = r.mnemonic_words;
  if (!r.derivation_path.empty()) j["path"] = r.derivation_path;
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

void PrintHeadline(const ops::KeygenReport& r) {
  if (r.mnemonic_words != 0) {
    std::printf("Generated a %zu-word BIP-39 mnemonic.\n", r.mnemonic_words);
  } else if (!r.derivation_path.empty()) {
    std::printf("Derived the %s key at %s.\n", r.kind_name.c_str(), r.derivation_path.c_str());
  } else {
    std::printf("Generated a %s secret.\n", r.kind_name.c_str());
  }
  if (r.dice_rolls > 0) std::printf("  %-18s %zu (mixed with %s)\n", "dice rolls", r.dice_rolls,
                                    r.entropy_replayed ? "the entropy file" : "OS randomness");
}

void PrintText(const ops::KeygenReport& r) {
  PrintHeadline(r);
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

// Straight to the descriptor: the secret must not linger in stdio's unlocked buffer.
Status ShowSecret(const secmem::SecureBytes& secret) {
  std::fflush(stdout);
  secmem::SecureBytes line(secret.size() + 1);
  std::copy(secret.data(), secret.data() + secret.size(), line.data());
  line[line.size() - 1] = '\n';
  return io::WriteToDescriptor(1, line.span(), "standard output");
}

Status ParseKind(KeygenFlags& flags) {
  flags.request.mnemonic = flags.kind == "bip39";
  if (flags.request.mnemonic) return OkStatus();
  if (flags.words->count() > 0) return InvalidArgument("--words is for --kind bip39");
  Result<keys::KeyKind> kind = keys::ParseKeyKind(flags.kind);
  if (!kind.ok()) return InvalidArgument(kind.status().message() + " (or bip39)");
  flags.request.kind = *kind;
  return OkStatus();
}

void WarnAboutReplay(const KeygenFlags& flags) {
  if (flags.request.entropy_file.empty()) return;
  Warn("REPLAY MODE: --entropy-file " + flags.request.entropy_file + " replaces the operating "
       "system's random generator. The same file (and dice) always give the SAME key, so anyone "
       "holding the file can make it. Use this only to cross-check two machines, then destroy "
       "the file.");
}

void Run(const Globals& globals, KeygenFlags& flags, Outcome& outcome) {
  auto fail = [&](const Status& s) { outcome.code = Fail(globals, "keygen", s); };
  if (!Preflight(globals, "keygen", flags.allow_online, outcome)) return;
  const Status kind = ParseKind(flags);
  if (!kind.ok()) return fail(kind);
  std::unique_ptr<io::Prompter> terminal;
  if (flags.dice || flags.bip39_passphrase) {
    Result<std::unique_ptr<io::Prompter>> opened = io::OpenTerminalPrompter();
    if (!opened.ok()) return fail(opened.status());
    terminal = std::move(opened).value();
    if (flags.dice) flags.request.dice = terminal.get();
    if (flags.bip39_passphrase) flags.request.bip39_passphrase = terminal.get();
  }
  WarnAboutReplay(flags);
  Result<ops::KeygenReport> r = ops::Keygen(flags.request, SystemRng());
  if (!r.ok()) return fail(r.status());
  if (!r->out_file.empty()) Warn("the private part is in an unencrypted file: " + r->out_file);
  if (globals.json) {
    std::printf("%s\n", PublicJson(*r).dump().c_str());
  } else {
    PrintText(*r);
  }
  if (flags.request.show) {
    const Status shown = ShowSecret(r->key.secret);
    if (!shown.ok()) fail(shown);
  }
}

void AddEntropyFlags(CLI::App* cmd, KeygenFlags& flags) {
  cmd->add_flag("--dice", flags.dice,
                "Mix typed dice rolls (asked at the terminal) with the OS random generator");
  cmd->add_option("--entropy-file", flags.request.entropy_file,
                  "REPLAY: take randomness from FILE instead of the OS (cross-checks only)");
}

void AddDerivationFlags(CLI::App* cmd, KeygenFlags& flags) {
  flags.words = cmd->add_option("--words", flags.request.mnemonic_words,
                                "Words of a bip39 mnemonic: 12 or 24")
                    ->capture_default_str();
  cmd->add_option("--from-mnemonic", flags.request.from_mnemonic,
                  "Derive the secp256k1 or ed25519 key from the BIP-39 mnemonic in FILE");
  cmd->add_option("--path", flags.request.path,
                  "Derivation path (default m/44'/60'/0'/0/0 secp256k1, m/44'/1729'/0'/0' ed25519)");
  cmd->add_flag("--bip39-passphrase", flags.bip39_passphrase,
                "Ask at the terminal for the mnemonic's BIP-39 passphrase");
}

void Add(CLI::App& app, const Globals& globals, Outcome& outcome) {
  auto flags = std::make_shared<KeygenFlags>();
  CLI::App* cmd = app.add_subcommand("keygen", "Generate a key; its private part goes into a split or a file");
  cmd->add_option("--kind", flags->kind, "secp256k1 | ed25519 | random | password | bip39")->required();
  cmd->add_option("--bytes", flags->request.options.random_bytes, "Size of a random secret (1..65536)")
      ->capture_default_str();
  cmd->add_option("--length", flags->request.options.password_length, "Length of a password")
      ->capture_default_str();
  AddDerivationFlags(cmd, *flags);
  AddEntropyFlags(cmd, *flags);
  cmd->add_option("--split", flags->request.split, "Split the private part TofN, e.g. 3of5 (with --out DIR)");
  cmd->add_option("--out", flags->request.out,
                  "With --split: the share directory; alone: a new file for the private part");
  cmd->add_flag("--show", flags->request.show, "Print a generated password or mnemonic");
  cmd->add_flag("--allow-online", flags->allow_online,
                "Run even while a network interface is up (not recommended)");
  cmd->footer("Example:\n  keyrite keygen --kind secp256k1 --split 3of5 --out shares/\n"
              "  keyrite keygen --kind bip39 --words 24 --dice --split 3of5 --out seed-shares/\n"
              "  keyrite keygen --kind secp256k1 --from-mnemonic seed.txt --path \"m/44'/60'/0'/0/1\" "
              "--out key1\nSee keyrite-keygen(1).");
  cmd->callback([&globals, &outcome, flags] { Run(globals, *flags, outcome); });
}

}  // namespace

void AddKeygenCommand(CLI::App& app, const Globals& globals, Outcome& outcome) {
  Add(app, globals, outcome);
}

}  // namespace keyrite::cli
