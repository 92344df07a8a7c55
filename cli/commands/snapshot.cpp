// keyrite snapshot verify: check a keyrite snapshot with no secret (structure, sizes, every chunk,
// the signature, the unsealer it is bound to), or with --test and a quorum, every member too.
// keyrite snapshot inspect-vault: check a Vault raft snapshot's own checksums offline and show
// its metadata. The commands that need a quorum are in snapshot_sitting.cpp.

#include <cstdio>
#include <nlohmann/json.hpp>

#include "../command.h"
#include "base/clock.h"
#include "base/hex.h"
#include "ops/snapshot.h"
#include "ops/unsealer_snapshot.h"
#include "../sitting_flags.h"
#include "snapshot_sitting.h"

namespace keyrite::cli {
namespace {

constexpr const char* kVerifyName = "snapshot verify";
constexpr const char* kVaultName = "snapshot inspect-vault";

void Print(const nlohmann::json& j) {
  std::printf("%s\n", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
}

void PrintVerify(const Globals& globals, const ops::SnapshotVerifyReport& r) {
  const snapshot::Header& h = r.info.header;
  if (globals.json) {
    nlohmann::json members = nlohmann::json::array();
    for (const snapshot::Member& m : h.members) {
      members.push_back({{"name", m.name}, {"size", m.size}, {"sha256", ToHex(m.sha256)}});
    }
    Print({{"ok", true}, {"command", kVerifyName}, {"file", r.path},
           {"kind", snapshot::KindName(h.kind)}, {"unsealer_id", snapshot::FormatUnsealerId(h.unsealer_id)},
           {"created", FormatUtc(h.created)}, {"signer", ToHex(h.signer)},
           {"snapshot_digest", ToHex(r.info.snapshot_digest)}, {"file_bytes", r.info.file_bytes},
           {"chunks", r.info.chunk_count}, {"members", members}});
    return;
  }
  std::printf("%s: snapshot verified (signature, sizes and all %llu chunks)\n", r.path.c_str(),
              static_cast<unsigned long long>(r.info.chunk_count));
  std::printf("  kind      %s\n  unsealer  %s\n  created   %s\n  signer    %s\n  digest    %s\n",
              std::string(snapshot::KindName(h.kind)).c_str(),
              snapshot::FormatUnsealerId(h.unsealer_id).c_str(), FormatUtc(h.created).c_str(),
              ToHex(h.signer).c_str(), ToHex(r.info.snapshot_digest).c_str());
  std::printf("  members   %zu, %llu bytes in all\n", h.members.size(),
              static_cast<unsigned long long>(h.total_bytes));
  for (const snapshot::Member& m : h.members) {
    std::printf("    %-24s %12llu  sha256 %s\n", m.name.c_str(),
                static_cast<unsigned long long>(m.size), ToHex(m.sha256).c_str());
  }
}

void PrintVault(const Globals& globals, const std::string& path,
                const snapshot::VaultSnapshotReport& r) {
  if (globals.json) {
    nlohmann::json members = nlohmann::json::array();
    for (const snapshot::VaultMember& m : r.members) {
      members.push_back({{"name", m.name}, {"size", m.size}, {"sha256", ToHex(m.sha256)}});
    }
    Print({{"ok", true}, {"command", kVaultName}, {"file", path}, {"id", r.id},
           {"index", r.index}, {"term", r.term}, {"members", members},
           {"meta", nlohmann::json::parse(r.meta_json, nullptr, false)}});
    return;
  }
  std::printf("%s: Vault raft snapshot, SHA256SUMS matches meta.json and state.bin\n",
              path.c_str());
  std::printf("  id %s, index %llu, term %llu\n", r.id.c_str(),
              static_cast<unsigned long long>(r.index), static_cast<unsigned long long>(r.term));
  for (const snapshot::VaultMember& m : r.members) {
    std::printf("    %-20s %12llu  sha256 %s\n", m.name.c_str(),
                static_cast<unsigned long long>(m.size), ToHex(m.sha256).c_str());
  }
  std::printf("  meta.json:\n%s\n", r.meta_json.c_str());
  std::printf("  SHA256SUMS.sealed needs Vault's own keys and was not checked.\n");
}

struct VerifyFlags {
  ops::SnapshotVerifyRequest request;
  SittingFlags sitting;
  bool test = false;
};

// --dir: the public key and id from the unsealer; with --test also a quorum.
Result<ops::SnapshotVerifyReport> VerifyWith(const Globals& globals, VerifyFlags& f,
                                             Outcome& outcome) {
  if (f.sitting.dir.empty()) {
    if (f.test) return InvalidArgument("--test needs the unsealer: --dir DIR");
    return ops::VerifySnapshotFile(f.request);
  }
  if (!f.request.pubkey_hex.empty() || !f.request.pubkey_file.empty()) {
    return InvalidArgument("give --dir or --pubkey/--pubkey-file, not both");
  }
  Result<ops::SnapshotReport> r = Status(Cancelled("not run"));
  if (f.test) {
    if (!PrepareSitting(globals, kVerifyName, f.sitting, outcome)) return Cancelled("");
    r = ops::TestUnsealerSnapshot(f.request.path, f.sitting.dir, f.sitting.quorum);
  } else {
    r = ops::VerifyAgainstUnsealer(f.request.path, f.sitting.dir);
  }
  if (!r.ok()) return r.status();
  return ops::SnapshotVerifyReport{r->info, r->path};
}

void AddVerify(CLI::App* parent, const Globals& globals, Outcome& outcome) {
  auto f = std::make_shared<VerifyFlags>();
  CLI::App* cmd = parent->add_subcommand(
      "verify", "Check a snapshot without any secret: structure, every chunk, the signature");
  cmd->add_option("file", f->request.path, "The snapshot file")->required();
  cmd->add_option("--pubkey", f->request.pubkey_hex, "The unsealer's signing public key (64 hex)");
  cmd->add_option("--pubkey-file", f->request.pubkey_file, "A file holding that key in hex");
  cmd->add_option("--unsealer-id", f->request.unsealer_id,
                  "The unsealer (16 hex digits) the snapshot must belong to");
  cmd->add_option("--dir", f->sitting.dir,
                  "Check against this unsealer (its public key and id) instead of --pubkey");
  cmd->add_flag("--test", f->test,
                "With --dir and a quorum: decrypt every member in memory and check every key");
  AddQuorumFlags(cmd, f->sitting);
  cmd->footer(
      "Example:\n  keyrite snapshot verify state.krsnap --pubkey-file unsealer.pub "
      "--unsealer-id 0123456789abcdef\n  keyrite snapshot verify state.krsnap --dir unsealer\n"
      "  keyrite snapshot verify state.krsnap --dir unsealer --test\nSee keyrite-snapshot(1).");
  cmd->callback([&globals, &outcome, f] {
    Result<ops::SnapshotVerifyReport> r = VerifyWith(globals, *f, outcome);
    if (!r.ok()) {
      if (outcome.code == ExitCode::kSuccess) outcome.code = Fail(globals, kVerifyName, r.status());
      return;
    }
    PrintVerify(globals, *r);
    if (f->test && !globals.json) std::printf("  tested: every member decrypted and checked\n");
  });
}

void AddInspectVault(CLI::App* parent, const Globals& globals, Outcome& outcome) {
  auto path = std::make_shared<std::string>();
  CLI::App* cmd = parent->add_subcommand(
      "inspect-vault", "Check a Vault raft snapshot's own checksums offline and show meta.json");
  cmd->add_option("file", *path, "The raft snapshot (a gzip'd tar)")->required();
  cmd->footer("Example:\n  keyrite snapshot inspect-vault raft.snap\nSee keyrite-snapshot(1).");
  cmd->callback([&globals, &outcome, path] {
    Result<snapshot::VaultSnapshotReport> r = ops::InspectVaultSnapshotFile(*path);
    if (!r.ok()) {
      outcome.code = Fail(globals, kVaultName, r.status());
      return;
    }
    PrintVault(globals, *path, *r);
  });
}

}  // namespace

void AddSnapshotCommand(CLI::App& app, const Globals& globals, Outcome& outcome) {
  CLI::App* cmd = app.add_subcommand(
      "snapshot", "Snapshots of an unsealer and files sealed under it; Vault raft snapshots");
  cmd->require_subcommand(1);
  cmd->footer(
      "Example:\n  keyrite snapshot verify state.krsnap --pubkey-file unsealer.pub\n"
      "  keyrite snapshot create --dir unsealer --out state.krsnap\n"
      "  keyrite snapshot inspect-vault raft.snap\nSee keyrite-snapshot(1).");
  AddVerify(cmd, globals, outcome);
  AddInspectVault(cmd, globals, outcome);
  AddSnapshotSittingCommands(cmd, globals, outcome);
}

}  // namespace keyrite::cli
