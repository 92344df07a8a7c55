#pragma once
// Verifying a transcript v1 offline, with no secret: every line's own hash, the chain of "prev"
// hashes, the sequence, the closing checkpoint (digest, words, Ed25519 signature and, when asked,
// the expected signer), an auditor's detached OpenPGP signature, and the artifacts the records
// name. The report names the first bad record by its 1-based line number and says why.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/digest.h"
#include "base/status.h"
#include "transcript/record.h"

namespace keyrite::transcript {

struct VerifyOptions {
  // The Ed25519 public key (64 hex digits) that must have signed the checkpoint. Empty: any
  // signer is reported but not trusted (VerifyReport::signer_expected stays false).
  std::string expected_signer = {};
  // When set, every artifact named in the records is hashed under this directory and must have
  // the digest its last record gave it.
  std::string artifact_dir = {};
  // A transcript without its closing checkpoint fails (at the missing record) unless this is
  // false (a ceremony still running: TranscriptWriter::Open uses it).
  bool require_closed = true;
  // An auditor's armored detached OpenPGP signature (the text of "<transcript>.sig"), checked in
  // the keyring `gpg_home` (empty: GNUPGHOME or ~/.gnupg); `gpg_fingerprint`, when set, must be
  // its signer.
  std::string gpg_signature = {};
  std::string gpg_home = {};
  std::string gpg_fingerprint = {};
};

struct ArtifactProblem {
  std::string name;         // as recorded ("shards/shard-1-of-5.asc")
  std::uint64_t record = 0;  // the last record that gave its digest
  bool missing = false;      // false: present but its bytes changed
};

struct VerifyReport {
  Status status;                 // ok, or the first failure; the message names the record
  std::uint64_t bad_record = 0;  // 1-based line number of the first bad record; 0 when ok
  std::optional<Header> header;
  std::vector<StepRecord> steps;  // the good step records, in order
  std::optional<CheckpointRecord> checkpoint;
  std::size_t signed_bytes = 0;   // length of the prefix the checkpoint signs
  bool signer_expected = false;   // the checkpoint's signer is VerifyOptions::expected_signer
  std::string gpg_signer;         // fingerprint of a verified OpenPGP signature
  std::size_t artifacts_checked = 0;
  std::vector<ArtifactProblem> artifact_problems;  // by record, then name

  bool ok() const { return status.ok(); }
};

// Never fails as a call: everything wrong is in the report.
VerifyReport VerifyTranscript(std::string_view text, const VerifyOptions& options);

// Reads a transcript file (NotFound / IoError naming it; InvalidInput when over 16 MiB).
Result<std::string> ReadTranscriptFile(const std::string& path);

// An Ed25519 public key as typed (64 hex digits, any case, optional "0x") in the form
// transcripts carry (lowercase); InvalidArgument otherwise.
Result<std::string> NormalizePublicKeyHex(std::string_view text);

// What `keyrite audit verify` is asked: files by path.
struct AuditRequest {
  std::string transcript_path;
  std::string expected_signer = {};       // as typed; normalized here
  std::string artifact_dir = {};
  std::string gpg_signature_path = {};    // an auditor's detached signature ("<file>.sig")
  std::string gpg_home = {};
  std::string gpg_fingerprint = {};
};
// Reads the files and verifies. Fails as a call only when an input cannot be read or a flag is
// unusable (NotFound, IoError, InvalidArgument); everything wrong inside is in the report.
Result<VerifyReport> VerifyTranscriptFile(const AuditRequest& request);

}  // namespace keyrite::transcript
