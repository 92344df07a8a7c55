#include "ops/keystore.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "io/files.h"
#include "keys/key_text.h"
#include "pgp/context.h"
#include "pgp/decrypt.h"
#include "shards/shard_file.h"

namespace keyrite::ops {
namespace {

using unsealer::Change;
using unsealer::KeyEntry;

constexpr std::size_t kMaxImportBytes = 64 * 1024;
constexpr std::size_t kMaxAllocate = 100000;

unsealer::AuditDetails EntryDetails(const KeyEntry& e) {
  unsealer::AuditDetails d = {{"name", e.name}, {"kind", std::string(keys::KeyKindName(e.kind))}};
  if (!e.public_key.empty()) d.emplace_back("public_key", e.public_key);
  if (!e.address.empty()) d.emplace_back("address", e.address);
  if (!e.tezos_address.empty()) d.emplace_back("tezos_address", e.tezos_address);
  if (!e.holder.empty()) d.emplace_back("holder", e.holder);
  if (!e.seed.empty()) d.emplace_back("derived from", e.seed + " " + e.path);
  return d;
}

Status CheckNewNames(const std::vector<std::string>& names) {
  if (names.empty()) return InvalidArgument("name the key(s) to add");
  std::set<std::string> seen;
  for (const std::string& n : names) {
    KR_RETURN_IF_ERROR(unsealer::CheckEntryName(n));
    if (!seen.insert(n).second) return InvalidArgument("key name \"" + n + "\" is given twice");
  }
  return OkStatus();
}

Status CheckNoClash(const std::vector<KeyEntry>& entries, const std::vector<std::string>& names) {
  for (const std::string& n : names) {
    if (unsealer::FindEntry(entries, n) != nullptr) {
      return AlreadyExists("key name \"" + n + "\" is already in the keystore; nothing was added");
    }
  }
  return OkStatus();
}

// Before the quorum sits: no rekey pending and none of `names` taken.
BeforeQuorum NoPendingNoClash(const std::vector<std::string>& names) {
  return [&names](const unsealer::Unsealer& u) -> Status {
    KR_RETURN_IF_ERROR(CheckNoPending(u.state));
    return CheckNoClash(u.entries, names);
  };
}

Status NoPending(const unsealer::Unsealer& u) { return CheckNoPending(u.state); }

// DeliverSecretTo takes one certificate; refused here, before the quorum sits, not after.
Status CheckOneRecipient(const Recipients& to, Clock& clock) {
  if (to.certificates.size() != 1) return InvalidArgument("give exactly one --to CERT");
  return CheckRecipients(to, clock);
}

Status CheckNewFile(const std::string& path) {
  if (path.empty()) return InvalidArgument("say where the encrypted keys go: --out FILE");
  if (io::PathExists(path)) return AlreadyExists(path + ": already exists; nothing was written");
  return OkStatus();
}

// The key inside an entry, with its public parts checked against the recorded ones.
Result<keys::KeyMaterial> OpenKey(const Sitting& sitting, const secmem::SecureBytes& key,
                                  const KeyEntry& e) {
  KR_ASSIGN_OR_RETURN(secmem::SecureBytes secret,
                      unsealer::OpenEntry(key, sitting.unsealer.state.id, e));
  KR_ASSIGN_OR_RETURN(keys::KeyMaterial m, keys::DescribeKey(e.kind, std::move(secret)));
  if (m.public_key_hex != e.public_key || m.address != e.address) {
    return Corrupt("keystore entry \"" + e.name + "\": its secret does not match its public key");
  }
  return m;
}

secmem::SecureBytes KeyText(const std::vector<KeyEntry>& entries,
                            const std::vector<keys::KeyMaterial>& keys_in_order) {
  std::vector<keys::NamedKey> named;
  for (std::size_t i = 0; i < entries.size(); ++i) named.push_back({entries[i].name, &keys_in_order[i]});
  return keys::FormatKeyText(named);
}

Result<unsealer::UnsealerState> CommitEntries(Sitting& sitting,
                                              const std::vector<KeyEntry>& entries,
                                              std::vector<Change> changes, Clock& clock) {
  return unsealer::Commit(sitting.unsealer.dir, &sitting.unsealer, sitting.unsealer.state,
                          entries, changes, sitting.signing, clock);
}

std::string PoolName(keys::KeyKind kind, std::size_t number) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%06zu", number);
  return "pool-" + std::string(keys::KeyKindName(kind)) + "-" + digits;
}

// The next unused pool name for `kind`.
std::string NextPoolName(const std::vector<KeyEntry>& entries, keys::KeyKind kind,
                         std::size_t& counter) {
  std::string name;
  do {
    name = PoolName(kind, ++counter);
  } while (unsealer::FindEntry(entries, name) != nullptr);
  return name;
}

Status ChooseForExport(const ExportRequest& request, const std::vector<KeyEntry>& entries,
                       std::vector<KeyEntry>& chosen) {
  for (const KeyEntry& e : entries) {
    const bool named = std::find(request.names.begin(), request.names.end(), e.name) !=
                       request.names.end();
    if (named || (!request.holder.empty() && e.holder == request.holder)) chosen.push_back(e);
  }
  if (chosen.empty() || (!request.names.empty() && chosen.size() != request.names.size())) {
    return NotFound(request.holder.empty() ? "no such key in the keystore"
                                           : "holder \"" + request.holder + "\" holds no keys");
  }
  return OkStatus();
}

Result<secmem::SecureBytes> ReadImportText(const ImportKeyRequest& request) {
  if (request.typed != nullptr) return request.typed->ReadSecretLine("Key to import: ");
  if (request.input == "-" && io::IsTerminal(0)) {
    return Refused("standard input is a terminal: pipe the key in, or use --typed");
  }
  KR_ASSIGN_OR_RETURN(secmem::SecureBytes text, io::ReadSecretFile(request.input, kMaxImportBytes));
  if (!shards::LooksLikeOpenPgpMessage(text.span())) return text;
  KR_ASSIGN_OR_RETURN(pgp::Context ctx, pgp::Context::Create(request.quorum.gnupghome));
  KR_ASSIGN_OR_RETURN(pgp::DecryptedShard opened, pgp::Decrypt(ctx, text.span()));
  return std::move(opened.plaintext);
}

}  // namespace

Result<KeystoreReport> AddKeys(const AddKeysRequest& request, Rng& rng, Clock& clock) {
  KR_RETURN_IF_ERROR(CheckNewNames(request.names));
  KR_ASSIGN_OR_RETURN(const std::string path_template,
                      ChoosePathTemplate(request.kind, request.from_seed, request.path,
                                         request.names.size()));
  const bool deliver = !request.deliver_to.certificates.empty();
  if (deliver) KR_RETURN_IF_ERROR(CheckRecipients(request.deliver_to, clock));
  KR_ASSIGN_OR_RETURN(Sitting sitting, OpenSitting(request.dir, request.quorum, QuorumOf::kCurrent,
                                                   NoPendingNoClash(request.names)));
  const secmem::SecureBytes key = sitting.KeystoreKey();
  std::vector<KeyEntry> entries = sitting.unsealer.entries;
  KR_ASSIGN_OR_RETURN(KeySource source, OpenKeySource(request.kind, request.options, request.from_seed,
                                                      entries, key, sitting.unsealer.state.id));
  if (request.dice != nullptr) KR_RETURN_IF_ERROR(source.MixDice(*request.dice, rng));
  KeystoreReport report;
  std::vector<Change> changes;
  for (const std::string& name : request.names) {
    std::string path;
    if (source.derives()) {
      KR_ASSIGN_OR_RETURN(path, source.NextPath(path_template));
    }
    KR_ASSIGN_OR_RETURN(const keys::KeyMaterial m, source.Make(path, rng));
    KeyEntry e = unsealer::SealEntry(key, sitting.unsealer.state.id, name, m, clock.NowUnixSeconds(), rng);
    source.Record(e, path);
    unsealer::AuditDetails details = EntryDetails(e);
    if (source.dice_rolls() > 0) details.emplace_back("dice rolls", std::to_string(source.dice_rolls()));
    if (deliver) {
      const secmem::SecureBytes text = keys::FormatKeyText({{name, &m}});
      Result<std::vector<Delivered>> sent =
          DeliverSecret(text.span(), name, request.deliver_to, request.deliver_dir, clock);
      if (!sent.ok()) {
        for (const Delivered& d : report.delivered) io::RemoveQuietly(d.file);
        return sent.status();
      }
      for (std::size_t i = 0; i < sent->size(); ++i) {
        details.emplace_back("delivered to " + std::to_string(i + 1), (*sent)[i].fingerprint);
      }
      report.delivered.insert(report.delivered.end(), sent->begin(), sent->end());
    }
    changes.push_back({"keystore add", std::move(details)});
    report.entries.push_back(e);
    entries.push_back(std::move(e));
  }
  Result<unsealer::UnsealerState> committed = CommitEntries(sitting, entries, changes, clock);
  if (!committed.ok()) {
    for (const Delivered& d : report.delivered) io::RemoveQuietly(d.file);
    return committed.status();
  }
  report.used = std::move(sitting.used);
  return report;
}

Result<KeystoreReport> ImportKey(const ImportKeyRequest& request, Rng& rng, Clock& clock) {
  KR_RETURN_IF_ERROR(CheckNewNames({request.name}));
  KR_ASSIGN_OR_RETURN(const secmem::SecureBytes text, ReadImportText(request));
  const std::string origin = request.typed ? "typed key" : request.input;
  KR_ASSIGN_OR_RETURN(secmem::SecureBytes secret, keys::ParseSecretText(request.kind, text, origin));
  KR_ASSIGN_OR_RETURN(const keys::KeyMaterial m, keys::DescribeKey(request.kind, std::move(secret)));
  const std::vector<std::string> names = {request.name};
  KR_ASSIGN_OR_RETURN(Sitting sitting, OpenSitting(request.dir, request.quorum, QuorumOf::kCurrent,
                                                   NoPendingNoClash(names)));
  KeyEntry e = unsealer::SealEntry(sitting.KeystoreKey(), sitting.unsealer.state.id, request.name,
                                   m, clock.NowUnixSeconds(), rng);
  std::vector<KeyEntry> entries = sitting.unsealer.entries;
  entries.push_back(e);
  KR_RETURN_IF_ERROR(
      CommitEntries(sitting, entries, {{"keystore import", EntryDetails(e)}}, clock).status());
  return KeystoreReport{{e}, {}, std::move(sitting.used), 0};
}

Result<KeystoreReport> ExportKeys(const ExportRequest& request, Clock& clock) {
  KR_RETURN_IF_ERROR(CheckNewFile(request.out));
  if (request.names.empty() == request.holder.empty()) {
    return InvalidArgument("name the keys to export, or give --holder H, not both");
  }
  KR_RETURN_IF_ERROR(CheckOneRecipient(request.to, clock));
  std::vector<KeyEntry> chosen;
  KR_ASSIGN_OR_RETURN(Sitting sitting,
                      OpenSitting(request.dir, request.quorum, QuorumOf::kCurrent,
                                  [&](const unsealer::Unsealer& u) -> Status {
                                    KR_RETURN_IF_ERROR(CheckNoPending(u.state));
                                    return ChooseForExport(request, u.entries, chosen);
                                  }));
  const secmem::SecureBytes key = sitting.KeystoreKey();
  std::vector<keys::KeyMaterial> opened;
  for (const KeyEntry& e : chosen) {
    KR_ASSIGN_OR_RETURN(keys::KeyMaterial m, OpenKey(sitting, key, e));
    opened.push_back(std::move(m));
  }
  const secmem::SecureBytes text = KeyText(chosen, opened);
  KR_ASSIGN_OR_RETURN(const Delivered sent, DeliverSecretTo(text.span(), request.to, request.out, clock));
  std::vector<Change> changes;
  for (const KeyEntry& e : chosen) {
    unsealer::AuditDetails d = EntryDetails(e);
    d.emplace_back("exported to", sent.fingerprint);
    changes.push_back({"keystore export", std::move(d)});
  }
  Result<unsealer::UnsealerState> committed =
      CommitEntries(sitting, sitting.unsealer.entries, changes, clock);
  if (!committed.ok()) {
    io::RemoveQuietly(sent.file);
    return committed.status();
  }
  return KeystoreReport{chosen, {sent}, std::move(sitting.used), 0};
}

Result<KeystoreReport> AllocateKeys(const AllocateRequest& request, Rng& rng, Clock& clock) {
  KR_RETURN_IF_ERROR(unsealer::CheckEntryName(request.holder).WithContext("--holder"));
  if (request.count == 0 || request.count > kMaxAllocate) {
    return InvalidArgument("-n must be from 1 to " + std::to_string(kMaxAllocate));
  }
  KR_ASSIGN_OR_RETURN(const std::string path_template,
                      ChoosePathTemplate(request.kind, request.from_seed, request.path_template,
                                         request.count));
  KR_RETURN_IF_ERROR(CheckNewFile(request.out));
  KR_RETURN_IF_ERROR(CheckOneRecipient(request.to, clock));
  KR_ASSIGN_OR_RETURN(Sitting sitting, OpenSitting(request.dir, request.quorum, QuorumOf::kCurrent,
                                                   NoPending));
  const secmem::SecureBytes key = sitting.KeystoreKey();
  std::vector<KeyEntry> entries = sitting.unsealer.entries;
  KR_ASSIGN_OR_RETURN(KeySource source, OpenKeySource(request.kind, {}, request.from_seed, entries,
                                                      key, sitting.unsealer.state.id));
  if (request.dice != nullptr) KR_RETURN_IF_ERROR(source.MixDice(*request.dice, rng));
  KeystoreReport report;
  std::vector<keys::KeyMaterial> handed;
  for (KeyEntry& e : entries) {  // released keys first, oldest first
    if (handed.size() == request.count) break;
    if (!e.pool || !e.holder.empty() || e.kind != request.kind) continue;
    if (source.derives() && e.seed != request.from_seed) continue;
    KR_ASSIGN_OR_RETURN(keys::KeyMaterial m, OpenKey(sitting, key, e));
    e.holder = request.holder;
    handed.push_back(std::move(m));
    report.entries.push_back(e);
  }
  report.reused = handed.size();
  std::size_t counter = 0;
  while (handed.size() < request.count) {
    std::string path;
    if (source.derives()) {
      KR_ASSIGN_OR_RETURN(path, source.NextPath(path_template));
    }
    KR_ASSIGN_OR_RETURN(keys::KeyMaterial m, source.Make(path, rng));
    KeyEntry e = unsealer::SealEntry(key, sitting.unsealer.state.id,
                                     NextPoolName(entries, request.kind, counter), m,
                                     clock.NowUnixSeconds(), rng);
    source.Record(e, path);
    e.pool = true;
    e.holder = request.holder;
    handed.push_back(std::move(m));
    report.entries.push_back(e);
    entries.push_back(std::move(e));
  }
  std::vector<Change> changes;
  for (const KeyEntry& e : report.entries) changes.push_back({"keystore allocate", EntryDetails(e)});
  if (source.dice_rolls() > 0) {  // the number of rolls only, never their values
    for (Change& c : changes) c.details.emplace_back("dice rolls", std::to_string(source.dice_rolls()));
  }
  // Recorded before the keys are handed out: a crash in between can never hand one key to two
  // holders; the holder's file can be made again with 'keystore export --holder'.
  KR_RETURN_IF_ERROR(CommitEntries(sitting, entries, changes, clock).status());
  const secmem::SecureBytes text = KeyText(report.entries, handed);
  Result<Delivered> sent = DeliverSecretTo(text.span(), request.to, request.out, clock);
  if (!sent.ok()) {
    return sent.status().WithContext("the allocation is recorded; send the keys again with "
                                     "'keyrite keystore export --holder " + request.holder + "'");
  }
  report.delivered.push_back(std::move(sent).value());
  report.used = std::move(sitting.used);
  return report;
}

Result<KeystoreReport> ReleaseKeys(const std::string& dir, const QuorumSources& quorum,
                                   const std::string& holder, Clock& clock) {
  KR_RETURN_IF_ERROR(unsealer::CheckEntryName(holder).WithContext("--holder"));
  const BeforeQuorum holds_some = [&holder](const unsealer::Unsealer& u) -> Status {
    KR_RETURN_IF_ERROR(CheckNoPending(u.state));
    const bool any = std::any_of(u.entries.begin(), u.entries.end(),
                                 [&holder](const KeyEntry& e) { return e.holder == holder; });
    return any ? OkStatus() : NotFound("holder \"" + holder + "\" holds no keys");
  };
  KR_ASSIGN_OR_RETURN(Sitting sitting, OpenSitting(dir, quorum, QuorumOf::kCurrent, holds_some));
  std::vector<KeyEntry> entries = sitting.unsealer.entries;
  KeystoreReport report;
  std::vector<Change> changes;
  for (KeyEntry& e : entries) {
    if (e.holder != holder) continue;
    changes.push_back({"keystore release", EntryDetails(e)});
    e.holder.clear();
    report.entries.push_back(e);
  }
  if (report.entries.empty()) return NotFound("holder \"" + holder + "\" holds no keys");
  KR_RETURN_IF_ERROR(CommitEntries(sitting, entries, changes, clock).status());
  report.used = std::move(sitting.used);
  return report;
}

Result<std::vector<KeyEntry>> ListKeys(const std::string& dir, bool held_only) {
  KR_ASSIGN_OR_RETURN(unsealer::Unsealer u, unsealer::LoadUnsealer(dir, unsealer::AuditText::kDrop));
  // In place: a second vector grown entry by entry cost 20 MiB of peak memory at 100,000 entries.
  if (held_only) std::erase_if(u.entries, [](const KeyEntry& e) { return e.holder.empty(); });
  return std::move(u.entries);
}

}  // namespace keyrite::ops
