// keyrite split: a secret from a file or standard input into t-of-n share files, or into one
// OpenPGP-encrypted shard per custodian (--to CERT ...) with a manifest.

#include "ops/split.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "../command.h"
#include "legacy_formats.h"
#include "base/hex.h"
#include "base/rng.h"
#include "io/prompt.h"
#include "pgp/fingerprint.h"
#include "shards/custodians.h"
#include "slip39.h"
#include "split_plain.h"
#include "share/share_v1.h"

namespace keyrite::cli {
namespace {

struct SplitFlags {
  PlainSplitFlags plain;
  ops::SplitRequest request;  // the flags beyond the plain split's
  std::string format = "keyrite";
  Slip39SplitFlags slip39;
};

nlohmann::json CustodiansJson(const shards::CustodianSplitReport& s) {
  nlohmann::json list = nlohmann::json::array();
  for (std::size_t i = 0; i < s.manifest.custodians.size(); ++i) {
    const shards::CustodianEntry& c = s.manifest.custodians[i];
    list.push_back({{"index", c.index},
                    {"user_id", c.user_id},
                    {"fingerprint", c.fingerprint},
                    {"fingerprint_words", shards::FingerprintWords(c.fingerprint)},
                    {"encryption_key_id", c.encryption_key_id},
                    {"algorithm", s.algorithms[i]},
                    {"file", s.shard_paths[i]},
                    {"sha256", ToHex(c.sha256)}});
  }
  return list;
}

void PrintJson(const ops::SplitReport& r) {
  nlohmann::json j = SplitJson(r);
  if (r.shards) {
    j["manifest"] = r.shards->manifest_path;
    j["custodians"] = CustodiansJson(*r.shards);
  }
  std::printf("%s\n", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
}

void PrintShards(const ops::SplitReport& r) {
  const shards::CustodianSplitReport& s = *r.shards;
  std::printf(
      "Split a %zu-byte secret into %u shards, one per custodian; any %u recover it.\n"
      "Set %s\n",
      r.secret_bytes, r.count, r.threshold, share::FormatSetId(r.set_id).c_str());
  for (std::size_t i = 0; i < s.manifest.custodians.size(); ++i) {
    const shards::CustodianEntry& c = s.manifest.custodians[i];
    std::printf("  %u  %s\n     fingerprint  %s\n     in words     %s\n     wrote %s\n", c.index,
                c.user_id.c_str(), pgp::FingerprintGroups(c.fingerprint).c_str(),
                shards::FingerprintWords(c.fingerprint).c_str(), s.shard_paths[i].c_str());
  }
  std::printf("  wrote %s\nEvery shard was read back and checked against the manifest.\n",
              s.manifest_path.c_str());
}

void Print(const Globals& globals, const ops::SplitReport& r) {
  if (globals.json) return PrintJson(r);
  if (r.shards) return PrintShards(r);
  PrintSplitSummary(r, r.sheets);
}

// Without expected fingerprints, the operator confirms each at the terminal; with no terminal
// the library refuses (naming the flags to use instead).
std::unique_ptr<io::Prompter> ConfirmationTerminal(const ops::SplitRequest& request) {
  if (request.to.empty() || !request.expected_fingerprints.empty() ||
      !request.expected_fingerprints_file.empty()) {
    return nullptr;
  }
  Result<std::unique_ptr<io::Prompter>> opened = io::OpenTerminalPrompter();
  return opened.ok() ? std::move(opened).value() : nullptr;
}

// A split that only the plain split's flags shape, the one the launcher also runs in-process.
bool IsPlain(const SplitFlags& flags) {
  const ops::SplitRequest& r = flags.request;
  return flags.format == "keyrite" && r.to.empty() && r.expected_fingerprints.empty() &&
         r.expected_fingerprints_file.empty() && r.gnupghome.empty() && !r.binary &&
         r.print_dir.empty() && !Slip39SplitFlagsGiven(flags.slip39);
}

void Run(const Globals& globals, SplitFlags& flags, Outcome& outcome) {
  if (IsPlain(flags)) return RunPlainSplit(globals, flags.plain, outcome);
  if (!Preflight(globals, "split", flags.plain.allow_online, outcome)) return;
  flags.request.input = flags.plain.input;
  flags.request.output = flags.plain.output;
  const unsigned threshold = flags.plain.threshold, count = flags.plain.count;
  if (RunSlip39SplitIfAsked(globals, flags.format, flags.slip39, flags.request, threshold, count,
                            outcome)) return;
  flags.request.threshold = static_cast<std::uint8_t>(threshold);
  flags.request.count = static_cast<std::uint8_t>(count);
  if (threshold == 1) Warn("threshold 1: every share alone reveals the secret");
  if (IsLegacyFormat(flags.format)) return RunLegacySplit(globals, flags.format, flags.request, outcome);
  const std::unique_ptr<io::Prompter> terminal = ConfirmationTerminal(flags.request);
  flags.request.confirm = terminal.get();
  Result<ops::SplitReport> r = ops::SplitFromInput(flags.request, SystemRng(), SystemClock());
  if (!r.ok()) {
    outcome.code = Fail(globals, "split", r.status());
    return;
  }
  Print(globals, *r);
}

void AddShardFlags(CLI::App* cmd, SplitFlags& flags) {
  cmd->add_option("--to", flags.request.to,
                  "A custodian's OpenPGP certificate (.asc or .gpg); repeat, in custodian order: "
                  "one encrypted shard each")
      ->allow_extra_args(false);
  cmd->add_option("--expect-fingerprint", flags.request.expected_fingerprints,
                  "The fingerprint each --to must have, in the same order (repeat)")
      ->allow_extra_args(false);
  cmd->add_option("--expect-fingerprints", flags.request.expected_fingerprints_file,
                  "A file of expected fingerprints, one per line, in --to order");
  cmd->add_option("--gnupghome", flags.request.gnupghome,
                  "Import the certificates into this keyring instead of a temporary one");
}

void Add(CLI::App& app, const Globals& globals, Outcome& outcome) {
  auto flags = std::make_shared<SplitFlags>();
  CLI::App* cmd = app.add_subcommand(
      "split", "Split a secret into t-of-n Shamir share files, or shards encrypted to custodians");
  AddPlainSplitFlags(cmd, flags->plain);
  AddShardFlags(cmd, *flags);
  cmd->add_option("--print", flags->request.print_dir,
                  "Also print one sheet per share (PDF with QR, read back first) into this "
                  "directory; with --format slip39, one per mnemonic, its words numbered");
  cmd->add_flag("--binary", flags->request.binary,
                "Split a whole file of any size into binary share files, in constant memory");
  cmd->add_option("--format", flags->format,
                  "keyrite (default), slip39 (mnemonics), or vault / vault-hex: HashiCorp Vault "
                  "unseal-key shares")
      ->check(CLI::IsMember({"keyrite", "slip39", "vault", "vault-hex"}));
  AddSlip39SplitFlags(cmd, flags->slip39);
  cmd->footer(
      "Example:\n  keyrite split -t 3 -n 5 --in secret.bin --out shares/\n"
      "  keyrite split -t 3 --to alice.asc --to bob.asc --to carol.asc --to dave.asc \\\n"
      "      --to erin.asc --expect-fingerprints fingerprints.txt --in secret.bin --out shards/\n"
      "  keyrite split -t 2 -n 3 --binary --in snapshot.tar --out file-shares/\n"
      "  keyrite split -t 3 -n 5 --format vault --in unseal.key --out vault-shares/\n"
      "  keyrite split --format slip39 --groups 2of3,3of5 --group-threshold 2 --passphrase \\\n"
      "      --in seed.bin --out slip39/\n"
      "  keyrite split --format slip39 -t 3 -n 5 --in seed.bin --out slip39/ --print sheets/\n"
      "The secret is read as raw bytes (1 to 65536; any size with --binary). See keyrite-split(1).");
  cmd->callback([&globals, &outcome, flags] { Run(globals, *flags, outcome); });
}

}  // namespace

void AddSplitCommand(CLI::App& app, const Globals& globals, Outcome& outcome) {
  Add(app, globals, outcome);
}

}  // namespace keyrite::cli
