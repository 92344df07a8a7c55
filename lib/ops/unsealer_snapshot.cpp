#include "ops/unsealer_snapshot.h"

#include <cstring>
#include <map>

#include "base/hex.h"
#include "io/files.h"
#include "keys/key_material.h"
#include "shards/manifest_format.h"
#include "unsealer/master_key.h"

namespace keyrite::ops {
namespace {

using unsealer::UnsealerState;

constexpr std::size_t kMaxMemberBytes = unsealer::kMaxKeystoreBytes;

// Member names are plain; a shard set's files are "DIR.FILE" ("shards-1.manifest.json").
std::string MemberName(const std::string& relative) {
  std::string name = relative;
  for (char& c : name) {
    if (c == '/') c = '.';
  }
  return name;
}

// Every file of the unsealer as (member name, path relative to the unsealer directory).
std::vector<std::pair<std::string, std::string>> UnsealerFiles(const UnsealerState& s) {
  std::vector<std::pair<std::string, std::string>> files = {
      {std::string(unsealer::kStateFileName), std::string(unsealer::kStateFileName)},
      {s.keystore.file, s.keystore.file},
      {s.audit.file, s.audit.file}};
  const std::string manifest = s.shards.dir + "/" + std::string(shards::kManifestFileName);
  files.emplace_back(MemberName(manifest), manifest);
  for (const unsealer::Custodian& c : s.shards.custodians) {
    const std::string shard = s.shards.dir + "/" + c.shard_file;
    files.emplace_back(MemberName(shard), shard);
  }
  return files;
}

snapshot::SealKeys Keys(const Sitting& sitting, const secmem::SecureBytes& key) {
  return {key, sitting.signing.secret, sitting.unsealer.state.id};
}

secmem::SecureBytes SnapshotKey(const secmem::SecureBytes& master, const std::string& id) {
  return unsealer::DeriveKey(master, unsealer::KeyPurpose::kSnapshot, id);
}

Result<snapshot::PublicKey> PublicKeyOf(const UnsealerState& s) {
  KR_ASSIGN_OR_RETURN(const std::vector<std::uint8_t> bytes, FromHex(s.signing_public_key));
  snapshot::PublicKey key{};
  std::memcpy(key.data(), bytes.data(), key.size());
  return key;
}

// The members of a snapshot, each in locked memory (the state, keystore and log are small).
class MemberBuffers {
 public:
  snapshot::MemberSink Sink() {
    return [this](const snapshot::Member& m, std::span<const std::uint8_t> piece, bool) -> Status {
      auto it = members_.find(m.name);
      if (it == members_.end()) {
        if (m.size > kMaxMemberBytes) return InvalidInput("member " + m.name + " is too large");
        it = members_.emplace(m.name, Buffer{secmem::SecureBytes(m.size), 0}).first;
      }
      Buffer& b = it->second;
      if (b.used + piece.size() > b.bytes.size()) return Corrupt("member " + m.name + ": too long");
      if (!piece.empty()) std::memcpy(b.bytes.data() + b.used, piece.data(), piece.size());
      b.used += piece.size();
      return OkStatus();
    };
  }

  Result<std::string_view> Text(const std::string& name) const {
    const auto it = members_.find(name);
    if (it == members_.end()) return Corrupt("the snapshot has no member " + name);
    return it->second.bytes.view();
  }

  const std::map<std::string, secmem::SecureBytes>& All() {
    if (all_.empty()) {
      for (auto& [name, b] : members_) all_.emplace(name, std::move(b.bytes));
    }
    return all_;
  }

 private:
  struct Buffer {
    secmem::SecureBytes bytes;
    std::size_t used = 0;
  };
  std::map<std::string, Buffer> members_;
  std::map<std::string, secmem::SecureBytes> all_;
};

// The shard set inside a snapshot must be the one its state records, byte for byte.
Status CheckShardMembers(const MemberBuffers& members, const UnsealerState& s,
                         const std::string& origin) {
  const std::string manifest = s.shards.dir + "/" + std::string(shards::kManifestFileName);
  KR_ASSIGN_OR_RETURN(const std::string_view text, members.Text(MemberName(manifest)));
  if (Sha256(text) != s.shards.manifest_sha256) return Corrupt(origin + ": " + manifest + " differs");
  for (const unsealer::Custodian& c : s.shards.custodians) {
    const std::string shard = s.shards.dir + "/" + c.shard_file;
    KR_ASSIGN_OR_RETURN(const std::string_view bytes, members.Text(MemberName(shard)));
    if (Sha256(bytes) != c.shard_sha256) return Corrupt(origin + ": " + shard + " differs");
  }
  return OkStatus();
}

// The unsealer inside a decrypted snapshot, checked like LoadUnsealer checks a directory.
Result<unsealer::Unsealer> ReadMembers(const MemberBuffers& members, const std::string& origin) {
  unsealer::Unsealer u;
  KR_ASSIGN_OR_RETURN(const std::string_view state_text,
                      members.Text(std::string(unsealer::kStateFileName)));
  KR_ASSIGN_OR_RETURN(u.state, unsealer::ParseState(state_text, origin + ": unsealer.json"));
  KR_RETURN_IF_ERROR(unsealer::VerifySignature(u.state.signing_public_key,
                                               unsealer::StateSigningMessage(u.state),
                                               u.state.signature, origin + ": unsealer.json"));
  KR_RETURN_IF_ERROR(CheckShardMembers(members, u.state, origin));
  KR_ASSIGN_OR_RETURN(const std::string_view keystore, members.Text(u.state.keystore.file));
  if (Sha256(keystore) != u.state.keystore.sha256) return Corrupt(origin + ": keystore digest differs");
  KR_ASSIGN_OR_RETURN(u.entries, unsealer::ParseKeystore(keystore, origin, u.state.id));
  KR_ASSIGN_OR_RETURN(const std::string_view audit, members.Text(u.state.audit.file));
  if (Sha256(audit) != u.state.audit.sha256) return Corrupt(origin + ": audit log digest differs");
  KR_RETURN_IF_ERROR(unsealer::ParseAuditLog(audit, origin + ": audit log").status());
  u.audit_text = std::string(audit);
  return u;
}

Status CheckEntries(const unsealer::Unsealer& u, const secmem::SecureBytes& master,
                    std::size_t& checked) {
  const secmem::SecureBytes key = unsealer::DeriveKey(master, unsealer::KeyPurpose::kKeystore, u.state.id);
  for (const unsealer::KeyEntry& e : u.entries) {
    KR_ASSIGN_OR_RETURN(secmem::SecureBytes secret, unsealer::OpenEntry(key, u.state.id, e));
    KR_ASSIGN_OR_RETURN(const keys::KeyMaterial m, keys::DescribeKey(e.kind, std::move(secret)));
    if (m.public_key_hex != e.public_key || m.address != e.address) {
      return Corrupt("keystore entry \"" + e.name + "\": its secret does not match its public key");
    }
    ++checked;
  }
  return OkStatus();
}

Status WriteMembers(const std::string& dir, const UnsealerState& s,
                    const std::map<std::string, secmem::SecureBytes>& members) {
  KR_RETURN_IF_ERROR(io::MakeDirectory(io::JoinPath(dir, s.shards.dir)));
  for (const auto& [name, relative] : UnsealerFiles(s)) {
    const secmem::SecureBytes& bytes = members.at(name);
    KR_RETURN_IF_ERROR(io::WriteNewFile(io::JoinPath(dir, relative), bytes.span(), io::FileMode::kPublic));
  }
  return OkStatus();
}

std::string RandomSuffix(Rng& rng) {
  std::uint8_t raw[6];
  rng.Fill(raw);
  return ToHex(raw);
}

Status CheckRestoreRequest(const RestoreRequest& r) {
  if (io::PathExists(r.green_dir)) {
    return AlreadyExists(r.green_dir + ": already exists; a snapshot is restored into a new directory");
  }
  const QuorumSources& q = r.quorum;
  if (q.shares.empty() && q.scans.empty() && q.typed == nullptr) {
    return InvalidArgument("name the custodians' shards or shares (--share, --scan or --typed)");
  }
  const CustodianSet& c = r.rekey_to;
  if (c.certificates.empty() && (c.threshold != 0 || !c.expected_fingerprints.empty() ||
                                 !c.expected_fingerprints_file.empty())) {
    return InvalidArgument("--threshold and expected fingerprints need the new custodians: --custodian CERT");
  }
  return OkStatus();
}

Result<RecoveredSecret> RecoverMaster(const QuorumSources& quorum) {
  return RecoverSecret(CombineRequestFor(quorum));
}

// The unsealer inside a snapshot, opened with the master key the custodians brought.
struct Opened {
  snapshot::SnapshotInfo info;
  unsealer::Unsealer inside;
  unsealer::SigningKey signing;
};

Result<Opened> OpenForRestore(const std::string& path, const RecoveredSecret& master,
                              MemberBuffers& members) {
  KR_ASSIGN_OR_RETURN(const snapshot::Header header, snapshot::ReadSnapshotHeader(path));
  const std::string id = snapshot::FormatUnsealerId(header.unsealer_id);
  // The header's key is not trusted on its own: the state inside must carry the check value of
  // the master key the custodians brought, and its signing key must open under that key.
  Opened o;
  KR_ASSIGN_OR_RETURN(o.info, snapshot::OpenSnapshot(path, SnapshotKey(master.secret, id),
                                                     header.signer, id, members.Sink()));
  KR_ASSIGN_OR_RETURN(o.inside, ReadMembers(members, path));
  KR_RETURN_IF_ERROR(unsealer::CheckMasterKey(master.secret, id, o.inside.state.master_check));
  if (master.report.set_id != o.inside.state.shards.set_id) {
    return Mismatch("these shares are not of the snapshot's shard set " +
                    unsealer::SetIdText(o.inside.state.shards.set_id));
  }
  KR_ASSIGN_OR_RETURN(const std::vector<std::uint8_t> sealed,
                      FromBase64(o.inside.state.signing_key_sealed));
  KR_ASSIGN_OR_RETURN(o.signing, unsealer::OpenSigningKey(master.secret, id, sealed,
                                                          o.inside.state.signing_public_key));
  return o;
}

// Into `temp`: the snapshot's files and the restore record (the origin); with new custodians, a
// rekey to them begun in the same sitting with the master key already recombined, pending proof.
Result<UnsealerReport> BuildGreen(const std::string& temp, const RestoreRequest& request,
                                  Opened& o, MemberBuffers& members, RecoveredSecret& master,
                                  Rng& rng, Clock& clock) {
  KR_RETURN_IF_ERROR(WriteMembers(temp, o.inside.state, members.All()));
  KR_ASSIGN_OR_RETURN(unsealer::Unsealer loaded, unsealer::LoadUnsealer(temp));
  unsealer::AuditDetails details = {{"snapshot", request.path},
                                    {"digest", ToHex(o.info.snapshot_digest)},
                                    {"from_generation", std::to_string(loaded.state.generation)}};
  const bool rekey = !request.rekey_to.certificates.empty();
  if (rekey) details.emplace_back("rekey_to_custodians", std::to_string(request.rekey_to.certificates.size()));
  KR_ASSIGN_OR_RETURN(UnsealerState restored,
                      unsealer::Commit(temp, &loaded, loaded.state, loaded.entries,
                                       {{"snapshot restore", details}}, o.signing, clock));
  if (!rekey) return UnsealerReport{std::move(restored), {}, {}, std::move(master.report.shares), 0};
  KR_ASSIGN_OR_RETURN(loaded, unsealer::LoadUnsealer(temp));
  Sitting sitting{std::move(loaded), std::move(master.secret), std::move(o.signing),
                  std::move(master.report.shares)};
  return BeginRekeyInSitting(sitting, RekeyRequest{temp, {}, request.rekey_to, false}, rng, clock);
}

}  // namespace

Result<SnapshotReport> CreateUnsealerSnapshot(const std::string& dir, const QuorumSources& quorum,
                                              const std::string& out, Clock& clock) {
  if (out.empty()) return InvalidArgument("say where the snapshot goes: --out FILE");
  if (io::PathExists(out)) return AlreadyExists(out + ": already exists; nothing was written");
  KR_ASSIGN_OR_RETURN(Sitting sitting, OpenSitting(dir, quorum, QuorumOf::kCurrent));
  KR_RETURN_IF_ERROR(CheckNoPending(sitting.unsealer.state));
  std::vector<snapshot::MemberSource> members;
  for (const auto& [name, relative] : UnsealerFiles(sitting.unsealer.state)) {
    members.push_back({name, io::JoinPath(dir, relative)});
  }
  const secmem::SecureBytes key = SnapshotKey(sitting.master, sitting.unsealer.state.id);
  KR_ASSIGN_OR_RETURN(snapshot::SnapshotInfo info,
                      snapshot::WriteSnapshot(out, snapshot::Kind::kUnsealerSnapshot, members,
                                              Keys(sitting, key), clock));
  const unsealer::AuditDetails details = {
      {"file", out}, {"digest", ToHex(info.snapshot_digest)},
      {"bytes", std::to_string(info.file_bytes)},
      {"generation", std::to_string(sitting.unsealer.state.generation)}};
  Result<unsealer::UnsealerState> committed =
      unsealer::Commit(dir, &sitting.unsealer, sitting.unsealer.state, sitting.unsealer.entries,
                       {{"snapshot create", details}}, sitting.signing, clock);
  if (!committed.ok()) {
    io::RemoveQuietly(out);
    return committed.status();
  }
  return SnapshotReport{std::move(info), out, 0, std::move(sitting.used)};
}

Result<SnapshotReport> VerifyAgainstUnsealer(const std::string& path, const std::string& dir) {
  KR_ASSIGN_OR_RETURN(const UnsealerState state, unsealer::LoadState(dir));
  KR_ASSIGN_OR_RETURN(const snapshot::PublicKey signer, PublicKeyOf(state));
  KR_ASSIGN_OR_RETURN(snapshot::SnapshotInfo info,
                      snapshot::VerifySnapshot(path, signer, state.id));
  return SnapshotReport{std::move(info), path, 0, {}};
}

Result<SnapshotReport> TestUnsealerSnapshot(const std::string& path, const std::string& dir,
                                            const QuorumSources& quorum) {
  KR_ASSIGN_OR_RETURN(Sitting sitting, OpenSitting(dir, quorum, QuorumOf::kCurrent));
  const UnsealerState& s = sitting.unsealer.state;
  KR_ASSIGN_OR_RETURN(const snapshot::PublicKey signer, PublicKeyOf(s));
  const secmem::SecureBytes key = SnapshotKey(sitting.master, s.id);
  MemberBuffers members;
  KR_ASSIGN_OR_RETURN(snapshot::SnapshotInfo info,
                      snapshot::OpenSnapshot(path, key, signer, s.id, members.Sink()));
  KR_ASSIGN_OR_RETURN(const unsealer::Unsealer inside, ReadMembers(members, path));
  KR_RETURN_IF_ERROR(unsealer::CheckMasterKey(sitting.master, s.id, inside.state.master_check)
                         .WithContext(path + ": made under another master key (rotated since?)"));
  SnapshotReport report{std::move(info), path, 0, std::move(sitting.used)};
  KR_RETURN_IF_ERROR(CheckEntries(inside, sitting.master, report.entries_checked));
  return report;
}

Result<UnsealerReport> RestoreUnsealerSnapshot(const RestoreRequest& request, Rng& rng,
                                               Clock& clock) {
  KR_RETURN_IF_ERROR(CheckRestoreRequest(request));
  KR_ASSIGN_OR_RETURN(RecoveredSecret master, RecoverMaster(request.quorum));
  MemberBuffers members;
  KR_ASSIGN_OR_RETURN(Opened opened, OpenForRestore(request.path, master, members));
  // Built beside its final place and renamed into it: GREEN appears complete or not at all.
  const std::string temp = request.green_dir + ".restore-" + RandomSuffix(rng);
  KR_RETURN_IF_ERROR(io::MakeDirectory(temp));
  Result<UnsealerReport> built = BuildGreen(temp, request, opened, members, master, rng, clock);
  Status moved = built.ok() ? io::RenamePath(temp, request.green_dir) : built.status();
  if (!moved.ok()) {
    (void)io::RemoveTree(temp);
    return moved;
  }
  for (std::string& p : built->shard_paths) p = request.green_dir + p.substr(temp.size());
  return built;
}

Result<SnapshotReport> SealUnderUnsealer(const std::string& dir, const QuorumSources& quorum,
                                         const std::string& in, const std::string& out,
                                         Clock& clock) {
  if (io::PathExists(out)) return AlreadyExists(out + ": already exists; nothing was written");
  KR_ASSIGN_OR_RETURN(Sitting sitting, OpenSitting(dir, quorum, QuorumOf::kCurrent));
  const secmem::SecureBytes key = SnapshotKey(sitting.master, sitting.unsealer.state.id);
  KR_ASSIGN_OR_RETURN(snapshot::SnapshotInfo info,
                      snapshot::SealFile(in, out, Keys(sitting, key), clock));
  const unsealer::AuditDetails details = {{"file", in}, {"sealed", out},
                                          {"digest", ToHex(info.snapshot_digest)}};
  Result<unsealer::UnsealerState> committed =
      unsealer::Commit(dir, &sitting.unsealer, sitting.unsealer.state, sitting.unsealer.entries,
                       {{"snapshot seal", details}}, sitting.signing, clock);
  if (!committed.ok()) {
    io::RemoveQuietly(out);
    return committed.status();
  }
  return SnapshotReport{std::move(info), out, 0, std::move(sitting.used)};
}

Result<SnapshotReport> OpenUnderUnsealer(const std::string& dir, const QuorumSources& quorum,
                                         const std::string& path, const std::string& out) {
  KR_ASSIGN_OR_RETURN(Sitting sitting, OpenSitting(dir, quorum, QuorumOf::kCurrent));
  const UnsealerState& s = sitting.unsealer.state;
  KR_ASSIGN_OR_RETURN(const snapshot::PublicKey signer, PublicKeyOf(s));
  KR_ASSIGN_OR_RETURN(snapshot::SnapshotInfo info,
                      snapshot::OpenSealedFile(path, SnapshotKey(sitting.master, s.id), signer,
                                               s.id, out));
  return SnapshotReport{std::move(info), out, 0, std::move(sitting.used)};
}

}  // namespace keyrite::ops
