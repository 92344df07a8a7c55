// keyrite shards verify: check every shard of a set against its manifest, with no secret; with
// --decrypt, every custodian proves in turn that their own shard opens to their share.

#include <cstdio>
#include <nlohmann/json.hpp>

#include "../command.h"
#include "io/prompt.h"
#include "ops/shards_verify.h"
#include "share/share_v1.h"

namespace keyrite::cli {
namespace {

constexpr const char* kName = "shards verify";

struct VerifyFlags {
  ops::ShardsVerifyRequest request;
  bool pinentry_loopback = false;
  bool allow_online = false;
};

void PrintJson(const ops::ShardsVerifyReport& r, const Status& first) {
  nlohmann::json list = nlohmann::json::array();
  for (const ops::CustodianVerdict& v : r.custodians) {
    nlohmann::json j = {{"index", v.custodian.index},
                        {"user_id", v.custodian.user_id},
                        {"fingerprint", v.custodian.fingerprint},
                        {"file", v.path},
                        {"ok", v.status.ok()},
                        {"decrypted", v.decrypted}};
    if (!v.status.ok()) j["error"] = v.status.message();
    list.push_back(j);
  }
  nlohmann::json j = {{"ok", first.ok()},
                      {"command", kName},
                      {"manifest", r.manifest_path},
                      {"set_id", share::FormatSetId(r.manifest.set_id)},
                      {"threshold", r.manifest.threshold},
                      {"count", r.manifest.count},
                      {"decrypt", r.decrypt},
                      {"custodians", list}};
  if (!first.ok()) {
    j["exit_code"] = static_cast<int>(ExitCodeFor(first.kind()));
    j["error"] = first.message();
  }
  std::printf("%s\n", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
}

void PrintText(const ops::ShardsVerifyReport& r) {
  std::printf("Shard set %s (any %u of %u recover), manifest %s\n",
              share::FormatSetId(r.manifest.set_id).c_str(), r.manifest.threshold, r.manifest.count,
              r.manifest_path.c_str());
  std::size_t failed = 0;
  for (const ops::CustodianVerdict& v : r.custodians) {
    std::printf("  %u  %s  %s\n", v.custodian.index, v.custodian.user_id.c_str(), v.path.c_str());
    if (!v.status.ok()) {
      ++failed;
      std::printf("     FAILED: %s\n", v.status.message().c_str());
    } else {
      std::printf("     ok: digest matches, encrypted only to 0x%s%s\n",
                  v.custodian.encryption_key_id.c_str(),
                  v.decrypted ? "; decrypts to this custodian's share of the set" : "");
    }
  }
  if (failed == 0) {
    std::printf("All %zu shards check out%s.\n", r.custodians.size(),
                r.decrypt ? ", and every custodian decrypted their own" : "");
  } else {
    std::printf("%zu of %zu shards failed.\n", failed, r.custodians.size());
  }
}

void Run(const Globals& globals, VerifyFlags& flags, Outcome& outcome) {
  if (flags.request.decrypt && !Preflight(globals, kName, flags.allow_online, outcome)) return;
  std::unique_ptr<io::Prompter> terminal;
  if (flags.pinentry_loopback) {
    Result<std::unique_ptr<io::Prompter>> opened = io::OpenTerminalPrompter();
    if (!opened.ok()) {
      outcome.code = Fail(globals, kName, opened.status());
      return;
    }
    terminal = std::move(opened).value();
    flags.request.passphrases = terminal.get();
  }
  flags.request.progress = [](std::string_view line) {
    std::fprintf(stderr, "%.*s", static_cast<int>(line.size()), line.data());
  };
  Result<ops::ShardsVerifyReport> r = ops::VerifyShards(flags.request);
  if (!r.ok()) {
    outcome.code = Fail(globals, kName, r.status());
    return;
  }
  const Status first = r->FirstFailure();
  globals.json ? PrintJson(*r, first) : PrintText(*r);
  if (first.ok()) return;
  outcome.code = Fail(Globals{}, kName, first);  // the one-line error, on stderr
}

void AddVerify(CLI::App* shards, const Globals& globals, Outcome& outcome) {
  auto flags = std::make_shared<VerifyFlags>();
  CLI::App* cmd = shards->add_subcommand(
      "verify",
      "Check every shard file against the manifest; --decrypt: every custodian opens theirs");
  cmd->add_option("manifest", flags->request.manifest, "The set's manifest.json")->required();
  cmd->add_flag("--decrypt", flags->request.decrypt,
                "Each custodian in turn decrypts their own shard (gpg-agent asks them)");
  cmd->add_option("--gnupghome", flags->request.gnupghome,
                  "With --decrypt: the keyring with the custodians' keys (default: GNUPGHOME or "
                  "~/.gnupg)");
  cmd->add_flag("--pinentry-loopback", flags->pinentry_loopback,
                "Ask for shard passphrases at this terminal instead of pinentry")
      ->group("");
  cmd->add_flag("--allow-online", flags->allow_online,
                "With --decrypt: run even while a network interface is up (not recommended)");
  cmd->footer(
      "Example:\n  keyrite shards verify shards/manifest.json\n"
      "  keyrite shards verify shards/manifest.json --decrypt\nSee keyrite-shards(1).");
  cmd->callback([&globals, &outcome, flags] { Run(globals, *flags, outcome); });
}

void Add(CLI::App& app, const Globals& globals, Outcome& outcome) {
  CLI::App* cmd = app.add_subcommand("shards", "Check a shard set: files, digests, recipients");
  cmd->require_subcommand(1);
  cmd->footer(
      "Example:\n  keyrite shards verify shards/manifest.json\n"
      "  keyrite shards verify shards/manifest.json --decrypt\nSee keyrite-shards(1).");
  AddVerify(cmd, globals, outcome);
}

}  // namespace

void AddShardsCommand(CLI::App& app, const Globals& globals, Outcome& outcome) {
  Add(app, globals, outcome);
}

}  // namespace keyrite::cli
