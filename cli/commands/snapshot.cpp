// keyrite snapshot verify: check a keyrite snapshot with no secret (structure, sizes, every chunk,
// the signature, the unsealer it is bound to). keyrite snapshot inspect-vault: check a Vault raft
// snapshot's own checksums offline and show its metadata.

#include <cstdio>
#include <nlohmann/json.hpp>

#include "../command.h"
#include "base/clock.h"
#include "base/hex.h"
#include "ops/snapshot.h"

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

void AddVerify(CLI::App* parent, const Globals& globals, Outcome& outcome) {
  auto request = std::make_shared<ops::SnapshotVerifyRequest>();
  CLI::App* cmd = parent->add_subcommand(
      "verify", "Check a snapshot without any secret: structure, every chunk, the signature");
  cmd->add_option("file", request->path, "The snapshot file")->required();
  cmd->add_option("--pubkey", request->pubkey_hex, "The unsealer's signing public key (64 hex)");
  cmd->add_option("--pubkey-file", request->pubkey_file, "A file holding that key in hex");
  cmd->add_option("--unsealer-id", request->unsealer_id,
                  "The unsealer (16 hex digits) the snapshot must belong to");
  cmd->footer(
      "Example:\n  keyrite snapshot verify state.krsnap --pubkey-file unsealer.pub "
      "--unsealer-id 0123456789abcdef\nSee keyrite-snapshot(1).");
  cmd->callback([&globals, &outcome, request] {
    Result<ops::SnapshotVerifyReport> r = ops::VerifySnapshotFile(*request);
    if (!r.ok()) {
      outcome.code = Fail(globals, kVerifyName, r.status());
      return;
    }
    PrintVerify(globals, *r);
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
  CLI::App* cmd = app.add_subcommand("snapshot", "Verify snapshots; inspect Vault raft snapshots");
  cmd->require_subcommand(1);
  cmd->footer(
      "Example:\n  keyrite snapshot verify state.krsnap --pubkey-file unsealer.pub\n"
      "  keyrite snapshot inspect-vault raft.snap\nSee keyrite-snapshot(1).");
  AddVerify(cmd, globals, outcome);
  AddInspectVault(cmd, globals, outcome);
}

}  // namespace keyrite::cli
