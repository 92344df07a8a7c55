#include "ops/quorum.h"

#include <algorithm>
#include <optional>

#include "base/hex.h"
#include "io/files.h"
#include "ops/held_quorum.h"
#include "shards/manifest.h"
#include "shards/manifest_format.h"
#include "shards/shard_opener.h"
#include "share/share_set.h"
#include "unsealer/master_key.h"

namespace keyrite::ops {
namespace {

bool NoSources(const QuorumSources& s) {
  return s.shares.empty() && s.scans.empty() && s.typed == nullptr;
}

// The set's own shard files, opened in custodian order; shards this keyring cannot open are
// skipped (a custodian who is not here), anything else wrong stops the sitting.
Result<RecoveredSecret> OpenOwnShards(const std::string& set_dir, const QuorumSources& sources,
                                      const unsealer::ShardSet& set) {
  const std::string manifest_path = io::JoinPath(set_dir, shards::kManifestFileName);
  KR_ASSIGN_OR_RETURN(const shards::Manifest manifest, shards::ReadManifestFile(manifest_path));
  KR_ASSIGN_OR_RETURN(shards::ShardOpener opener,
                      shards::ShardOpener::Create({sources.gnupghome, &manifest, manifest_path,
                                                   sources.passphrases}));
  std::vector<share::SourcedShare> opened;
  RecoveredSecret out;
  for (const unsealer::Custodian& c : set.custodians) {
    if (opened.size() == set.threshold) break;
    const std::string path = io::JoinPath(set_dir, c.shard_file);
    KR_ASSIGN_OR_RETURN(const secmem::SecureBytes message,
                        io::ReadSecretFile(path, shards::kMaxShardFileBytes));
    Result<shards::OpenedShard> shard = opener.Open(message.span(), path);
    if (!shard.ok() && shard.status().kind() == ErrorKind::kNotFound) continue;
    if (!shard.ok()) return shard.status();
    out.report.shares.push_back({c.index, path, "shard", c.user_id, c.fingerprint, {}});
    opened.push_back(std::move(shard->share));
  }
  if (opened.size() < set.threshold) {
    return Insufficient("only " + std::to_string(opened.size()) + " of the " +
                        std::to_string(set.threshold) +
                        " shards needed could be opened with this keyring; bring the others, or "
                        "name shard or share files");
  }
  KR_ASSIGN_OR_RETURN(out.secret, share::CombineShares(opened));
  out.report.set_id = set.set_id;
  out.report.threshold = set.threshold;
  return out;
}

Result<RecoveredSecret> Recover(const std::string& dir, const QuorumSources& sources,
                                const unsealer::ShardSet& set) {
  const std::string set_dir = io::JoinPath(dir, set.dir);
  if (NoSources(sources)) return OpenOwnShards(set_dir, sources, set);
  CombineRequest request = CombineRequestFor(sources);
  request.manifest = io::JoinPath(set_dir, shards::kManifestFileName);
  return RecoverSecret(request);
}

// A set id check before the recombination message, so a retired set is named as such.
Status CheckSet(const unsealer::UnsealerState& state, const unsealer::ShardSet& set,
                const CombineReport& report) {
  if (report.set_id == set.set_id) return OkStatus();
  const std::string id = unsealer::SetIdText(report.set_id);
  const auto& retired = state.retired_sets;
  if (std::find(retired.begin(), retired.end(), id) != retired.end()) {
    return Mismatch("shard set " + id + " was retired by a rekey or rotation; use the shards of set " +
                    unsealer::SetIdText(set.set_id));
  }
  return Mismatch("these shares are of set " + id + ", not this unsealer's set " +
                  unsealer::SetIdText(set.set_id));
}

}  // namespace

secmem::SecureBytes Sitting::KeystoreKey() const {
  return unsealer::DeriveKey(master, unsealer::KeyPurpose::kKeystore, unsealer.state.id);
}

Result<Sitting> OpenSitting(const std::string& dir, const QuorumSources& sources, QuorumOf which,
                            const BeforeQuorum& before) {
  KR_ASSIGN_OR_RETURN(unsealer::Unsealer u, unsealer::LoadUnsealer(dir));
  const unsealer::UnsealerState& s = u.state;
  if (which == QuorumOf::kPending && !s.pending) {
    return NotFound(dir + ": no rekey or rotation is pending");
  }
  if (before) KR_RETURN_IF_ERROR(before(u));
  const unsealer::ShardSet& set = which == QuorumOf::kPending ? s.pending->shards : s.shards;
  const std::string& check = which == QuorumOf::kPending ? s.pending->master_check : s.master_check;
  const bool rotated = which == QuorumOf::kPending && s.pending->operation == "rotate";
  const std::string& sealed_b64 = rotated ? s.pending->signing_key_sealed : s.signing_key_sealed;
  // A ceremony holding this unsealer's quorum (held_quorum.h) sits once; the held key must
  // still pass the recorded check.
  std::optional<HeldKey> held = FindHeldKey(s.id, set.set_id);
  if (held && !unsealer::CheckMasterKey(held->master, s.id, check).ok()) held.reset();
  if (!held) {
    KR_ASSIGN_OR_RETURN(RecoveredSecret recovered, Recover(dir, sources, set));
    KR_RETURN_IF_ERROR(CheckSet(s, set, recovered.report));
    KR_RETURN_IF_ERROR(unsealer::CheckMasterKey(recovered.secret, s.id, check));
    HoldKey(s.id, set.set_id, recovered.secret, recovered.report.shares);
    held = HeldKey{std::move(recovered.secret), std::move(recovered.report.shares)};
  }
  KR_ASSIGN_OR_RETURN(const std::vector<std::uint8_t> sealed, FromBase64(sealed_b64));
  KR_ASSIGN_OR_RETURN(unsealer::SigningKey signing,
                      unsealer::OpenSigningKey(held->master, s.id, sealed, s.signing_public_key));
  return Sitting{std::move(u), std::move(held->master), std::move(signing),
                 std::move(held->used)};
}

}  // namespace keyrite::ops

namespace keyrite::ops {

Status CheckNoPending(const unsealer::UnsealerState& state) {
  if (!state.pending) return OkStatus();
  return Refused("a " + state.pending->operation + " is pending (nonce " + state.pending->nonce +
                 "): prove it with 'keyrite unsealer prove' or drop it with 'keyrite unsealer "
                 "abort' first");
}

CombineRequest CombineRequestFor(const QuorumSources& sources) {
  CombineRequest request;
  request.inputs = sources.shares;
  request.scans = sources.scans;
  request.typed = sources.typed;
  request.gnupghome = sources.gnupghome;
  request.passphrases = sources.passphrases;
  return request;
}

}  // namespace keyrite::ops
