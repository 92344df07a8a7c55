#include "ops/unsealer.h"

#include <optional>

#include "base/hex.h"
#include "io/files.h"
#include "keys/dice.h"
#include "keys/key_material.h"
#include "pgp/context.h"
#include "pgp/temp_keyring.h"
#include "ops/keygen.h"
#include "ops/paper.h"
#include "shards/custodians.h"
#include "shards/manifest_format.h"
#include "shards/split_to_custodians.h"
#include "unsealer/master_key.h"

namespace keyrite::ops {
namespace {

using unsealer::Change;
using unsealer::ShardSet;
using unsealer::UnsealerState;

std::string RandomHex(Rng& rng, std::size_t bytes) {
  std::vector<std::uint8_t> raw(bytes);
  rng.Fill(raw);
  return ToHex(raw);
}

ShardSet SetFromReport(const shards::CustodianSplitReport& r, const std::string& set_dir,
                       const Sha256Digest& manifest_sha256) {
  ShardSet set{r.manifest.set_id, r.manifest.threshold, set_dir, manifest_sha256, {}};
  for (const shards::CustodianEntry& c : r.manifest.custodians) {
    set.custodians.push_back({c.index, c.user_id, c.fingerprint, c.file, c.sha256});
  }
  return set;
}

// Splits `master` to the custodians into `dir`/`set_dir` (shards and manifest).
Result<ShardSet> WriteShards(const std::string& dir, const std::string& set_dir,
                             const secmem::SecureBytes& master, const CustodianSet& custodians,
                             std::uint8_t threshold, Rng& rng, Clock& clock,
                             std::vector<std::string>& paths) {
  shards::CustodianSplitRequest split;
  split.certificates = custodians.certificates;
  split.expected_fingerprints = custodians.expected_fingerprints;
  if (!custodians.expected_fingerprints_file.empty()) {
    KR_ASSIGN_OR_RETURN(split.expected_fingerprints,
                        shards::ReadFingerprintList(custodians.expected_fingerprints_file));
  }
  split.confirm = custodians.confirm;
  split.threshold = threshold;
  split.output_dir = io::JoinPath(dir, set_dir);
  KR_ASSIGN_OR_RETURN(const shards::CustodianSplitReport report,
                      shards::SplitToCustodians(master.span(), split, rng, clock));
  KR_ASSIGN_OR_RETURN(const Sha256Digest manifest_sha256, Sha256File(report.manifest_path));
  paths = report.shard_paths;
  return SetFromReport(report, set_dir, manifest_sha256);
}

Status CheckCustodianCount(const CustodianSet& c, std::uint8_t threshold) {
  if (c.certificates.size() < 2 || c.certificates.size() > 255) {
    return InvalidArgument("an unsealer needs 2 to 255 custodians (--custodian CERT, repeated)");
  }
  if (threshold < 2 || threshold > c.certificates.size()) {
    return InvalidArgument("the threshold must be from 2 to the number of custodians (" +
                           std::to_string(c.certificates.size()) + ")");
  }
  return OkStatus();
}

unsealer::AuditDetails SetDetails(const ShardSet& set) {
  unsealer::AuditDetails d = {{"set_id", unsealer::SetIdText(set.set_id)},
                              {"threshold", std::to_string(set.threshold)},
                              {"custodians", std::to_string(set.custodians.size())}};
  for (const unsealer::Custodian& c : set.custodians) {
    d.emplace_back("custodian " + std::to_string(c.index), c.fingerprint);
  }
  return d;
}

// The randomness of a new master key: the OS generator, or with --dice that mixed with rolls
// typed at `dice` (enough for 256 bits). Only the number of rolls is ever recorded.
struct Entropy {
  std::optional<keys::MixedRng> mixed;
  std::size_t rolls = 0;
  Rng& Of(Rng& os) { return mixed ? static_cast<Rng&>(*mixed) : os; }
};

Result<Entropy> AskEntropy(io::Prompter* dice, Rng& os) {
  Entropy entropy;
  if (dice == nullptr) return entropy;
  KR_ASSIGN_OR_RETURN(const keys::DiceRolls rolls, AskDiceRolls(*dice, keys::MinimumDiceRolls(256)));
  entropy.rolls = rolls.count;
  entropy.mixed.emplace(keys::MixedRng::FromOs(os, &rolls));
  return entropy;
}

void AddDiceDetail(std::size_t rolls, unsealer::AuditDetails& details) {
  if (rolls > 0) details.emplace_back("dice rolls", std::to_string(rolls));
}

Result<UnsealerReport> InitInto(const std::string& dir, const InitRequest& request, Rng& rng,
                                std::size_t dice_rolls, Clock& clock) {
  UnsealerState state;
  state.id = RandomHex(rng, 8);
  const secmem::SecureBytes master = unsealer::GenerateMasterKey(rng);
  const unsealer::SigningKey signing = unsealer::GenerateSigningKey(rng);
  UnsealerReport report;
  KR_ASSIGN_OR_RETURN(state.shards, WriteShards(dir, unsealer::ShardDirName(1), master,
                                                request.custodians, request.custodians.threshold,
                                                rng, clock, report.shard_paths));
  state.master_check = unsealer::MasterCheckValue(master, state.id);
  state.signing_public_key = signing.public_hex;
  state.signing_key_sealed = ToBase64(unsealer::SealSigningKey(master, state.id, signing, rng));
  unsealer::AuditDetails details = SetDetails(state.shards);
  details.insert(details.begin(), {"signing_public_key", signing.public_hex});
  AddDiceDetail(dice_rolls, details);
  KR_ASSIGN_OR_RETURN(report.state, unsealer::Commit(dir, nullptr, std::move(state), {},
                                                     {{"unsealer init", details}}, signing, clock));
  return report;
}

std::vector<std::string> Rebase(const std::vector<std::string>& paths, const std::string& from,
                                const std::string& to) {
  std::vector<std::string> out;
  for (const std::string& p : paths) out.push_back(to + p.substr(from.size()));
  return out;
}

Result<std::vector<std::string>> PrintShardSheets(const std::string& dir, const ShardSet& set,
                                                  const std::string& print_dir, Clock& clock) {
  PrintRequest print;
  for (const unsealer::Custodian& c : set.custodians) {
    print.inputs.push_back(io::JoinPath(io::JoinPath(dir, set.dir), c.shard_file));
  }
  print.manifest = io::JoinPath(io::JoinPath(dir, set.dir), shards::kManifestFileName);
  print.out_dir = print_dir;
  print.title = "Unsealer master key shard";
  KR_ASSIGN_OR_RETURN(PrintReport printed, PrintSheets(print, clock));
  printed.sheets.push_back(printed.labels);
  return printed.sheets;
}

Status CheckEntry(const Sitting& sitting, const secmem::SecureBytes& key,
                  const unsealer::KeyEntry& e) {
  KR_ASSIGN_OR_RETURN(secmem::SecureBytes secret,
                      unsealer::OpenEntry(key, sitting.unsealer.state.id, e));
  KR_ASSIGN_OR_RETURN(const keys::KeyMaterial m, keys::DescribeKey(e.kind, std::move(secret)));
  if (m.public_key_hex != e.public_key || m.address != e.address ||
      m.tezos_address != e.tezos_address) {
    return Corrupt("keystore entry \"" + e.name + "\": its secret does not match its public key");
  }
  return OkStatus();
}

Status CheckNonce(const UnsealerState& state, const std::string& nonce) {
  if (!state.pending) return NotFound("no rekey or rotation is pending");
  if (nonce != state.pending->nonce) {
    return Mismatch("nonce " + nonce + " is not the pending " + state.pending->operation +
                    "'s; read it from 'keyrite unsealer status'");
  }
  return OkStatus();
}

// Rotation: every entry sealed again under the new master key, into the pending keystore file.
Result<unsealer::FileRef> WriteRotatedKeystore(const Sitting& sitting,
                                               const secmem::SecureBytes& new_master,
                                               std::uint64_t generation, Rng& rng) {
  const std::string& id = sitting.unsealer.state.id;
  const secmem::SecureBytes old_key = sitting.KeystoreKey();
  const secmem::SecureBytes new_key =
      unsealer::DeriveKey(new_master, unsealer::KeyPurpose::kKeystore, id);
  std::vector<unsealer::KeyEntry> entries;
  for (const unsealer::KeyEntry& e : sitting.unsealer.entries) {
    KR_ASSIGN_OR_RETURN(unsealer::KeyEntry resealed,
                        unsealer::ResealEntry(old_key, new_key, id, e, rng));
    entries.push_back(std::move(resealed));
  }
  const std::string file = unsealer::KeystoreFileName(generation) + ".rotated";
  const std::string text = unsealer::FormatKeystore(id, generation, entries);
  const std::string path = io::JoinPath(sitting.unsealer.dir, file);
  io::RemoveQuietly(path);
  KR_RETURN_IF_ERROR(io::WriteNewFile(path, text, io::FileMode::kPublic));
  return unsealer::FileRef{file, Sha256(text), entries.size()};
}

// The new custodians judged before the quorum sits (certificate policy, fingerprints matched or
// confirmed once): the split after it is given their fingerprints and asks nothing again.
Result<CustodianSet> JudgeCustodians(const CustodianSet& c, Clock& clock) {
  shards::CustodianCheckOptions options{clock.NowUnixSeconds(), c.expected_fingerprints, c.confirm};
  if (!c.expected_fingerprints_file.empty()) {
    KR_ASSIGN_OR_RETURN(options.expected_fingerprints,
                        shards::ReadFingerprintList(c.expected_fingerprints_file));
  }
  KR_ASSIGN_OR_RETURN(pgp::TempKeyring keyring, pgp::TempKeyring::Create());
  KR_ASSIGN_OR_RETURN(pgp::Context ctx, pgp::Context::Create(keyring.home()));
  KR_ASSIGN_OR_RETURN(const std::vector<pgp::Certificate> certs,
                      shards::LoadCustodians(ctx, c.certificates, options));
  CustodianSet judged = c;
  judged.expected_fingerprints.clear();
  for (const pgp::Certificate& cert : certs) judged.expected_fingerprints.push_back(cert.fingerprint);
  judged.expected_fingerprints_file.clear();
  judged.confirm = nullptr;
  return judged;
}

// What a rekey or rotation needs of the current state, checked before the quorum sits.
Status CheckRekeyable(const UnsealerState& state, const CustodianSet& custodians) {
  KR_RETURN_IF_ERROR(CheckNoPending(state));
  const std::uint8_t threshold =
      custodians.threshold != 0 ? custodians.threshold : state.shards.threshold;
  return CheckCustodianCount(custodians, threshold);
}

Result<UnsealerState> WritePending(Sitting& sitting, const RekeyRequest& request,
                                   std::uint8_t threshold, Rng& rng, Clock& clock,
                                   std::vector<std::string>& paths) {
  const UnsealerState& state = sitting.unsealer.state;
  const std::uint64_t generation = state.generation + 1;
  unsealer::Pending pending;
  pending.operation = request.rotate ? "rotate" : "rekey";
  pending.nonce = RandomHex(rng, 8);
  secmem::SecureBytes new_master = request.rotate ? unsealer::GenerateMasterKey(rng)
                                                  : secmem::SecureBytes::CopyOf(sitting.master.span());
  KR_ASSIGN_OR_RETURN(pending.shards,
                      WriteShards(request.dir, unsealer::ShardDirName(generation), new_master,
                                  request.custodians, threshold, rng, clock, paths));
  pending.master_check = unsealer::MasterCheckValue(new_master, state.id);
  if (request.rotate) {
    pending.signing_key_sealed =
        ToBase64(unsealer::SealSigningKey(new_master, state.id, sitting.signing, rng));
    KR_ASSIGN_OR_RETURN(pending.keystore,
                        WriteRotatedKeystore(sitting, new_master, generation, rng));
  }
  UnsealerState next = state;
  next.pending = std::move(pending);
  return next;
}

// Begins a rekey or rotation in an open sitting, to custodians already judged.
Result<UnsealerReport> BeginJudgedRekey(Sitting& sitting, const RekeyRequest& judged, Rng& rng,
                                        std::size_t dice_rolls, Clock& clock) {
  const UnsealerState& state = sitting.unsealer.state;
  const std::uint8_t threshold =
      judged.custodians.threshold != 0 ? judged.custodians.threshold : state.shards.threshold;
  KR_RETURN_IF_ERROR(unsealer::RemoveUnreferenced(judged.dir, state));
  UnsealerReport report;
  Result<UnsealerState> next = WritePending(sitting, judged, threshold, rng, clock,
                                            report.shard_paths);
  if (next.ok()) {
    const unsealer::Pending& p = *next->pending;
    unsealer::AuditDetails details = SetDetails(p.shards);
    details.insert(details.begin(), {"nonce", p.nonce});
    AddDiceDetail(dice_rolls, details);
    next = unsealer::Commit(judged.dir, &sitting.unsealer, std::move(next).value(),
                            sitting.unsealer.entries, {{"unsealer " + p.operation + " begun", details}},
                            sitting.signing, clock);
  }
  if (!next.ok()) {
    (void)unsealer::RemoveUnreferenced(judged.dir, state);  // the shards just written
    return next.status();
  }
  report.state = std::move(next).value();
  report.used = std::move(sitting.used);
  return report;
}


}  // namespace

Result<UnsealerReport> InitUnsealer(const InitRequest& request, Rng& rng, Clock& clock) {
  if (request.dir.empty()) return InvalidArgument("say where the unsealer goes: --dir DIR");
  KR_RETURN_IF_ERROR(CheckCustodianCount(request.custodians, request.custodians.threshold));
  if (io::PathExists(request.dir)) {
    return AlreadyExists(request.dir + ": already exists; an unsealer is made in a new directory");
  }
  KR_ASSIGN_OR_RETURN(Entropy entropy, AskEntropy(request.dice, rng));
  // Built beside its final place and renamed into it: the directory appears complete or not at all.
  const std::string temp = request.dir + ".init-" + RandomHex(rng, 6);
  KR_RETURN_IF_ERROR(io::MakeDirectory(temp));
  Result<UnsealerReport> made = InitInto(temp, request, entropy.Of(rng), entropy.rolls, clock);
  Status moved = made.ok() ? io::RenamePath(temp, request.dir) : made.status();
  if (!moved.ok()) {
    (void)io::RemoveTree(temp);
    return moved;
  }
  made->shard_paths = Rebase(made->shard_paths, temp, request.dir);
  if (!request.print_dir.empty()) {
    KR_ASSIGN_OR_RETURN(made->sheets, PrintShardSheets(request.dir, made->state.shards,
                                                       request.print_dir, clock));
  }
  return made;
}

Result<StatusReport> UnsealerStatus(const std::string& dir) {
  StatusReport report;
  KR_ASSIGN_OR_RETURN(report.state, unsealer::LoadState(dir));
  // One pass over each file: the checks listed are those made while reading.
  Result<unsealer::Unsealer> loaded =
      unsealer::ReadUnsealer(dir, report.state, unsealer::AuditText::kDrop, &report.files);
  if (loaded.ok()) {
    report.entries = std::move(loaded->entries);
  } else {
    report.problem = loaded.status().message();
  }
  return report;
}

Result<UnsealerReport> CheckUnsealer(const std::string& dir, const QuorumSources& quorum) {
  KR_ASSIGN_OR_RETURN(const Sitting sitting, OpenSitting(dir, quorum, QuorumOf::kCurrent));
  const secmem::SecureBytes key = sitting.KeystoreKey();
  for (const unsealer::KeyEntry& e : sitting.unsealer.entries) {
    KR_RETURN_IF_ERROR(CheckEntry(sitting, key, e));
  }
  UnsealerReport report{sitting.unsealer.state, {}, {}, sitting.used,
                        sitting.unsealer.entries.size()};
  return report;
}

Result<UnsealerReport> BeginRekey(const RekeyRequest& request, Rng& rng, Clock& clock) {
  // Everything that needs no secret is refused before any custodian is asked to decrypt.
  KR_ASSIGN_OR_RETURN(const UnsealerState peek, unsealer::LoadState(request.dir));
  KR_RETURN_IF_ERROR(CheckRekeyable(peek, request.custodians));
  if (request.dice != nullptr && !request.rotate) {
    return InvalidArgument("--dice mixes entropy into a new master key: it goes with rotate, not rekey");
  }
  RekeyRequest judged = request;
  KR_ASSIGN_OR_RETURN(judged.custodians, JudgeCustodians(request.custodians, clock));
  KR_ASSIGN_OR_RETURN(Entropy entropy, AskEntropy(request.dice, rng));
  KR_ASSIGN_OR_RETURN(Sitting sitting,
                      OpenSitting(request.dir, request.quorum, QuorumOf::kCurrent,
                                  [&request](const unsealer::Unsealer& u) -> Status {
                                    return CheckRekeyable(u.state, request.custodians);
                                  }));
  return BeginJudgedRekey(sitting, judged, entropy.Of(rng), entropy.rolls, clock);
}

Result<UnsealerReport> BeginRekeyInSitting(Sitting& sitting, const RekeyRequest& request, Rng& rng,
                                           Clock& clock) {
  KR_RETURN_IF_ERROR(CheckRekeyable(sitting.unsealer.state, request.custodians));
  RekeyRequest judged = request;
  KR_ASSIGN_OR_RETURN(judged.custodians, JudgeCustodians(request.custodians, clock));
  return BeginJudgedRekey(sitting, judged, rng, 0, clock);
}

Result<UnsealerReport> ProveRekey(const std::string& dir, const QuorumSources& quorum,
                                  const std::string& nonce, Rng& rng, Clock& clock) {
  (void)rng;
  KR_ASSIGN_OR_RETURN(const unsealer::UnsealerState peek, unsealer::LoadState(dir));
  KR_RETURN_IF_ERROR(CheckNonce(peek, nonce));
  KR_ASSIGN_OR_RETURN(Sitting sitting, OpenSitting(dir, quorum, QuorumOf::kPending));
  const UnsealerState& state = sitting.unsealer.state;
  KR_RETURN_IF_ERROR(CheckNonce(state, nonce));
  const unsealer::Pending& p = *state.pending;
  std::vector<unsealer::KeyEntry> entries = sitting.unsealer.entries;
  if (p.operation == "rotate") {
    const std::string path = io::JoinPath(dir, p.keystore.file);
    KR_ASSIGN_OR_RETURN(const std::string text, io::ReadPublicFile(path, unsealer::kMaxKeystoreBytes));
    KR_ASSIGN_OR_RETURN(entries, unsealer::ParseKeystore(text, path, state.id));
    const secmem::SecureBytes key = sitting.KeystoreKey();  // the new master key's
    for (const unsealer::KeyEntry& e : entries) KR_RETURN_IF_ERROR(CheckEntry(sitting, key, e));
  }
  UnsealerState next = state;
  next.retired_sets.push_back(unsealer::SetIdText(state.shards.set_id));
  next.shards = p.shards;
  next.master_check = p.master_check;
  if (p.operation == "rotate") next.signing_key_sealed = p.signing_key_sealed;
  next.pending.reset();
  unsealer::AuditDetails details = {{"nonce", p.nonce},
                          {"set_id", unsealer::SetIdText(p.shards.set_id)},
                          {"retired_set_id", unsealer::SetIdText(state.shards.set_id)}};
  KR_ASSIGN_OR_RETURN(UnsealerState committed,
                      unsealer::Commit(dir, &sitting.unsealer, std::move(next), entries,
                                       {{"unsealer " + p.operation + " proven", details}},
                                       sitting.signing, clock));
  return UnsealerReport{std::move(committed), {}, {}, std::move(sitting.used), entries.size()};
}

Result<UnsealerReport> AbortRekey(const std::string& dir, const QuorumSources& quorum,
                                  const std::string& nonce, Clock& clock) {
  KR_ASSIGN_OR_RETURN(const unsealer::UnsealerState peek, unsealer::LoadState(dir));
  KR_RETURN_IF_ERROR(CheckNonce(peek, nonce));
  KR_ASSIGN_OR_RETURN(Sitting sitting, OpenSitting(dir, quorum, QuorumOf::kCurrent));
  UnsealerState next = sitting.unsealer.state;
  const std::string operation = next.pending->operation;
  next.pending.reset();
  KR_ASSIGN_OR_RETURN(UnsealerState committed,
                      unsealer::Commit(dir, &sitting.unsealer, std::move(next),
                                       sitting.unsealer.entries,
                                       {{"unsealer " + operation + " dropped", {{"nonce", nonce}}}},
                                       sitting.signing, clock));
  return UnsealerReport{std::move(committed), {}, {}, std::move(sitting.used), 0};
}

}  // namespace keyrite::ops
