#include "unsealer/store.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <set>

#include <fcntl.h>
#include <unistd.h>

#include "base/hex.h"
#include "io/files.h"
#include "keyrite_config.h"
#include "shards/manifest_format.h"
#include "unsealer/line_file.h"

namespace keyrite::unsealer {
namespace {

std::string Numbered(const char* pattern, std::uint64_t generation) {
  char name[64];
  std::snprintf(name, sizeof name, pattern, static_cast<unsigned long long>(generation));
  return name;
}

bool HashFile(const std::string& path, Sha256Digest& out) {
  const Result<Sha256Digest> digest = Sha256File(path);  // SHA-NI when the CPU has it
  if (!digest.ok()) return false;
  out = *digest;
  return true;
}

void CheckOne(const std::string& dir, const std::string& file, const Sha256Digest& expected,
              std::vector<FileCheck>& out) {
  Sha256Digest actual{};
  if (!HashFile(io::JoinPath(dir, file), actual)) {
    out.push_back({file, io::PathExists(io::JoinPath(dir, file)) ? "cannot be read" : "missing"});
  } else {
    out.push_back({file, actual == expected ? "" : "changed since it was recorded"});
  }
}

void CheckShardSet(const std::string& dir, const ShardSet& set, std::vector<FileCheck>& out) {
  CheckOne(dir, set.dir + "/" + std::string(shards::kManifestFileName), set.manifest_sha256, out);
  for (const Custodian& c : set.custodians) {
    CheckOne(dir, set.dir + "/" + c.shard_file, c.shard_sha256, out);
  }
}

std::set<std::string> Referenced(const UnsealerState& s) {
  std::set<std::string> names = {s.keystore.file, s.audit.file, s.shards.dir};
  if (s.pending) {
    names.insert(s.pending->shards.dir);
    if (!s.pending->keystore.file.empty()) names.insert(s.pending->keystore.file);
  }
  return names;
}

bool IsOurs(const std::string& name) {
  const auto starts = [&name](std::string_view p) { return name.rfind(p, 0) == 0; };
  return starts("keystore-") || starts("audit-") || starts("shards-") ||
         name.find(".tmp-") != std::string::npos;
}

// io::ReadPublicFile fills a buffer of `max` bytes before it reads (a gibibyte for the keystore:
// that much resident memory and zeroing time for any unsealer), so it is first asked for the
// file's size plus one; if that fails (the file grew, or cannot be read), the read with the full
// limit gives ReadPublicFile's own result.
Result<std::string> ReadText(const std::string& dir, const std::string& file, std::size_t max) {
  const std::string path = io::JoinPath(dir, file);
  const std::uint64_t size = io::FileSize(path);
  if (size < max) {
    Result<std::string> text = io::ReadPublicFile(path, static_cast<std::size_t>(size) + 1);
    if (text.ok()) return text;
  }
  return io::ReadPublicFile(path, max);
}

// The files after the keystore and the audit log, in CheckFiles' order.
void CheckShardFiles(const std::string& dir, const UnsealerState& state,
                     std::vector<FileCheck>& out) {
  CheckShardSet(dir, state.shards, out);
  if (state.pending) {
    CheckShardSet(dir, state.pending->shards, out);
    if (!state.pending->keystore.file.empty()) {
      CheckOne(dir, state.pending->keystore.file, state.pending->keystore.sha256, out);
    }
  }
}

// A file read by ScanLines, as CheckOne would have found it.
FileCheck Checked(const std::string& dir, const std::string& file,
                  const Result<ScannedFile>& scanned, const Sha256Digest& expected) {
  if (!scanned.ok()) {
    return {file, io::PathExists(io::JoinPath(dir, file)) ? "cannot be read" : "missing"};
  }
  return {file, scanned->sha256 == expected ? "" : "changed since it was recorded"};
}

// The keystore parsed as it is read and hashed; its check goes to `checks`. Readers (kDrop) keep
// no sealed values, which they never open.
Result<std::vector<KeyEntry>> ReadKeystore(const std::string& dir, const UnsealerState& state,
                                           AuditText audit, std::vector<FileCheck>& checks) {
  const std::string path = io::JoinPath(dir, state.keystore.file);
  const auto keep = audit == AuditText::kDrop ? KeystoreReader::Keep::kPublic
                                              : KeystoreReader::Keep::kAll;
  KeystoreReader reader(path, state.id, io::FileSize(path), keep);
  const Result<ScannedFile> scanned =
      ScanLines(path, path, [&reader](std::string_view line, bool complete) {
        return reader.Line(line, complete);
      });
  checks.push_back(Checked(dir, state.keystore.file, scanned, state.keystore.sha256));
  if (!scanned.ok()) return scanned.status();
  KR_RETURN_IF_ERROR(scanned->lines);
  return reader.Finish();
}

Status CheckAuditEnd(const std::string& path, const UnsealerState& state, std::uint64_t records,
                     const std::string& head) {
  if (records != state.audit.count || head != state.audit_head) {
    return Corrupt(path + ": does not end where unsealer.json says it does");
  }
  return OkStatus();
}

// Writers (kKeep) need the log's text to append to; readers (kDrop) check it as it is read and
// keep nothing of it.
Status ReadAudit(const std::string& dir, const UnsealerState& state, AuditText audit,
                 std::string& text, std::vector<FileCheck>& checks) {
  const std::string path = io::JoinPath(dir, state.audit.file);
  if (audit == AuditText::kKeep) {
    Result<std::string> read = ReadText(dir, state.audit.file, kMaxKeystoreBytes);
    const Result<ScannedFile> scanned =
        read.ok() ? Result<ScannedFile>(ScannedFile{Sha256(*read), OkStatus()})
                  : Result<ScannedFile>(read.status());
    checks.push_back(Checked(dir, state.audit.file, scanned, state.audit.sha256));
    KR_RETURN_IF_ERROR(read.status());
    text = std::move(read).value();
    KR_ASSIGN_OR_RETURN(const std::uint64_t records, CheckAuditLog(text, path));
    return CheckAuditEnd(path, state, records, AuditHead(text));
  }
  AuditChain chain(path);
  const Result<ScannedFile> scanned =
      ScanLines(path, path, [&chain](std::string_view line, bool complete) {
        return chain.Line(line, complete).status();
      });
  checks.push_back(Checked(dir, state.audit.file, scanned, state.audit.sha256));
  KR_RETURN_IF_ERROR(scanned.status());
  KR_RETURN_IF_ERROR(scanned->lines);
  return CheckAuditEnd(path, state, chain.count(), chain.head());
}

std::string AppendChanges(const Unsealer* previous, const std::vector<Change>& changes,
                          std::int64_t now) {
  std::string log = previous ? previous->audit_text : "";
  std::uint64_t seq = previous ? previous->state.audit.count : 0;
  for (const Change& c : changes) {
    const AuditRecord record{++seq, now, c.action, c.details, AuditHead(log)};
    log += FormatAuditRecord(record);
  }
  return log;
}

Status WriteFresh(const std::string& path, std::string_view text) {
  io::RemoveQuietly(path);  // a leftover of an unfinished change, never a referenced file
  return io::WriteNewFile(path, text, io::FileMode::kPublic);
}

}  // namespace

std::string KeystoreFileName(std::uint64_t generation) {
  return Numbered("keystore-%06llu.jsonl", generation);
}
std::string AuditFileName(std::uint64_t generation) {
  return Numbered("audit-%06llu.jsonl", generation);
}
std::string ShardDirName(std::uint64_t generation) { return Numbered("shards-%llu", generation); }

std::vector<FileCheck> CheckFiles(const std::string& dir, const UnsealerState& state) {
  std::vector<FileCheck> out;
  CheckOne(dir, state.keystore.file, state.keystore.sha256, out);
  CheckOne(dir, state.audit.file, state.audit.sha256, out);
  CheckShardFiles(dir, state, out);
  return out;
}

Result<UnsealerState> LoadState(const std::string& dir) {
  const std::string path = io::JoinPath(dir, kStateFileName);
  if (!io::PathExists(path)) {
    return NotFound(dir + ": no unsealer here (no " + std::string(kStateFileName) + ")");
  }
  KR_ASSIGN_OR_RETURN(const std::string text, io::ReadPublicFile(path, kMaxStateBytes));
  KR_ASSIGN_OR_RETURN(UnsealerState state, ParseState(text, path));
  KR_RETURN_IF_ERROR(VerifySignature(state.signing_public_key, StateSigningMessage(state),
                                     state.signature, path));
  return state;
}

Result<Unsealer> LoadUnsealer(const std::string& dir, AuditText audit) {
  KR_ASSIGN_OR_RETURN(UnsealerState state, LoadState(dir));
  return ReadUnsealer(dir, std::move(state), audit, nullptr);
}

Result<Unsealer> ReadUnsealer(const std::string& dir, UnsealerState state, AuditText audit,
                              std::vector<FileCheck>* files) {
  Unsealer u{dir, std::move(state), {}, {}};
  std::vector<FileCheck> checks;
  Result<std::vector<KeyEntry>> entries = ReadKeystore(dir, u.state, audit, checks);
  const Status audited = ReadAudit(dir, u.state, audit, u.audit_text, checks);
  CheckShardFiles(dir, u.state, checks);
  if (files != nullptr) *files = checks;
  for (const FileCheck& check : checks) {
    if (!check.problem.empty()) return Corrupt(io::JoinPath(dir, check.file) + ": " + check.problem);
  }
  KR_RETURN_IF_ERROR(audited);
  KR_ASSIGN_OR_RETURN(u.entries, std::move(entries));
  return u;
}

Result<UnsealerState> Commit(const std::string& dir, const Unsealer* previous, UnsealerState next,
                             const std::vector<KeyEntry>& entries,
                             const std::vector<Change>& changes, const SigningKey& key,
                             Clock& clock) {
  const std::int64_t now = clock.NowUnixSeconds();
  next.generation = previous ? previous->state.generation + 1 : 1;
  next.changed = now;
  if (!previous) next.created = now;
  next.keyrite_version = KEYRITE_VERSION;
  KR_ASSIGN_OR_RETURN(next.keyrite_sha256, Sha256File("/proc/self/exe"));
  const std::string keystore_text = FormatKeystore(next.id, next.generation, entries);
  const std::string audit_text = AppendChanges(previous, changes, now);
  next.keystore = {KeystoreFileName(next.generation), Sha256(keystore_text), entries.size()};
  next.audit = {AuditFileName(next.generation), Sha256(audit_text),
                (previous ? previous->state.audit.count : 0) + changes.size()};
  next.audit_head = AuditHead(audit_text);
  next.signature = SignMessage(key, StateSigningMessage(next));
  KR_RETURN_IF_ERROR(WriteFresh(io::JoinPath(dir, next.keystore.file), keystore_text));
  KR_RETURN_IF_ERROR(WriteFresh(io::JoinPath(dir, next.audit.file), audit_text));
  const std::string state_text = FormatState(next);
  KR_RETURN_IF_ERROR(io::ReplaceFile(
      io::JoinPath(dir, kStateFileName),
      std::span(reinterpret_cast<const std::uint8_t*>(state_text.data()), state_text.size()),
      io::FileMode::kPublic));
  // Committed. What is left is tidying; a failure here leaves only unreferenced files.
  (void)RemoveUnreferenced(dir, next);
  return next;
}

Status RemoveUnreferenced(const std::string& dir, const UnsealerState& state,
                          const std::vector<std::string>& also_keep) {
  std::set<std::string> keep = Referenced(state);
  keep.insert(also_keep.begin(), also_keep.end());
  KR_ASSIGN_OR_RETURN(const std::vector<std::string> names, io::ListDirectory(dir));
  for (const std::string& name : names) {
    if (!IsOurs(name) || keep.count(name) != 0) continue;
    const std::string path = io::JoinPath(dir, name);
    if (io::IsDirectory(path)) {
      KR_RETURN_IF_ERROR(io::RemoveTree(path));
    } else {
      io::RemoveQuietly(path);
    }
  }
  return OkStatus();
}

}  // namespace keyrite::unsealer
