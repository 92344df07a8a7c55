#pragma once
// TranscriptWriter: appends to one transcript v1 file. Crash-safe by replacement: every append
// writes the complete new file and swaps it in with io::ReplaceFile (temp file, fsync, rename,
// fsync directory), so a crash leaves the transcript as it was before or after the record, never
// a torn line. (A transcript is small: a ceremony's few hundred records are rewritten in well
// under a millisecond each.) A torn or edited file is found when it is opened, never accepted.
// Records hold public values only (record.h). The signing key is borrowed, never stored.

#include <cstdint>
#include <optional>
#include <string>

#include "base/clock.h"
#include "base/rng.h"
#include "base/status.h"
#include "secmem/secure_bytes.h"
#include "pgp/detached_signature.h"
#include "transcript/record.h"

namespace keyrite::transcript {

struct NewTranscript {
  std::string ceremony;    // public name of the ceremony; not empty
  bool rehearsal = false;  // marks the header and every record
};

// What closing printed: to read aloud and write on the paper copy.
struct CheckpointInfo {
  std::uint64_t record = 0;   // the checkpoint's record number
  std::string digest_hex;     // SHA-256 of everything before the checkpoint
  std::string digest_words;   // the same, as 12 words
  std::string signer;         // Ed25519 public key hex
  std::string gpg_signature_path;  // "<path>.sig" when an auditor signed; else empty
};

class TranscriptWriter {
 public:
  // Creates `path` (kExists when it exists) holding only the header. `clock` gives every record's
  // time and must outlive the writer; `rng` draws the transcript id.
  static Result<TranscriptWriter> Create(const std::string& path, const NewTranscript& options,
                                         Clock& clock, Rng& rng);
  // Opens a transcript that is still open: it must verify up to its last record (a torn or edited
  // line is Corrupt, naming the record); a closed one is Refused.
  static Result<TranscriptWriter> Open(const std::string& path, Clock& clock);

  // Appends one record and returns its record number. InvalidArgument for a bad step (record.h),
  // Refused once closed, Corrupt when the file changed on disk since this writer last wrote it.
  Result<std::uint64_t> Append(const Step& step);

  // Closes the transcript: the checkpoint hashes every byte before it and signs them with
  // `secret_key` (libsodium's 64-byte Ed25519 secret key, which must be that of `public_hex`);
  // with `auditor`, the auditor's detached OpenPGP signature of the same bytes is verified and
  // written first to "<path>.sig" (replacing a stale one from an interrupted close).
  Result<CheckpointInfo> Checkpoint(const secmem::SecureBytes& secret_key, const std::string& public_hex,
                               const std::optional<pgp::Signer>& auditor = std::nullopt);

  const Header& header() const { return header_; }
  const std::string& path() const { return path_; }
  std::uint64_t records() const { return records_; }  // lines written, the header included
  bool closed() const { return closed_; }

 private:
  TranscriptWriter(std::string path, Clock& clock) : path_(std::move(path)), clock_(&clock) {}
  Status Write(const std::string& line);

  std::string path_;
  Clock* clock_;
  Header header_;
  std::string text_;  // the file as this writer last wrote or read it
  std::string last_hash_;
  std::uint64_t records_ = 0;
  bool closed_ = false;
};

// "<transcript>.sig": where the auditor's signature of `transcript_path` is kept.
std::string GpgSignaturePath(const std::string& transcript_path);

}  // namespace keyrite::transcript
