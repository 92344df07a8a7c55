#include "transcript/writer.h"

#include <array>

#include "base/hex.h"
#include "base/words.h"
#include "io/files.h"
#include "pgp/context.h"
#include "transcript/ed25519_signature.h"
#include "transcript/transcript_format.h"
#include "transcript/verify.h"

namespace keyrite::transcript {
namespace {

std::span<const std::uint8_t> Bytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

std::string NewId(Rng& rng) {
  std::array<std::uint8_t, kIdChars / 2> id{};
  rng.Fill(id);
  return ToHex(id);
}

// The hash that the next record's "prev" carries: the one at the end of the last line.
std::string LastHash(const std::string& text) {
  const std::size_t start = text.rfind('\n', text.size() - 2);
  const std::string_view last(text.data() + (start == std::string::npos ? 0 : start + 1),
                              text.size() - (start == std::string::npos ? 0 : start + 1) - 1);
  return std::string(SplitSealedLine(last)->hash);
}

// Check before release: the auditor's signature must verify in the signer's own keyring.
Result<std::string> AuditorSignature(const pgp::Signer& auditor, std::string_view message) {
  KR_ASSIGN_OR_RETURN(std::string armored, pgp::SignDetached(auditor, message));
  KR_RETURN_IF_ERROR(
      pgp::VerifyDetached(*auditor.context, armored, message, auditor.fingerprint).status());
  return armored;
}

}  // namespace

std::string GpgSignaturePath(const std::string& transcript_path) {
  return transcript_path + std::string(kGpgSignatureSuffix);
}

Result<TranscriptWriter> TranscriptWriter::Create(const std::string& path,
                                                  const NewTranscript& options, Clock& clock,
                                                  Rng& rng) {
  if (options.ceremony.empty()) return InvalidArgument("a transcript needs a ceremony name");
  KR_RETURN_IF_ERROR(CheckStep({.action = options.ceremony}));  // UTF-8, like every text
  TranscriptWriter w(path, clock);
  w.header_ = {NewId(rng), options.ceremony, clock.NowUnixSeconds(), options.rehearsal};
  const std::string line = SealLine(HeaderBody(w.header_, kGenesis));
  KR_RETURN_IF_ERROR(io::WriteNewFile(path, line, io::FileMode::kPublic));
  w.text_ = line;
  w.last_hash_ = LastHash(line);
  w.records_ = 1;
  return w;
}

Result<TranscriptWriter> TranscriptWriter::Open(const std::string& path, Clock& clock) {
  KR_ASSIGN_OR_RETURN(std::string text, ReadTranscriptFile(path));
  VerifyReport report = VerifyTranscript(text, {.require_closed = false});
  if (!report.ok()) return report.status.WithContext(path);
  if (report.checkpoint) {
    return Refused(path + ": the transcript is closed by its checkpoint; start a new one");
  }
  TranscriptWriter w(path, clock);
  w.header_ = *report.header;
  w.records_ = 1 + report.steps.size();
  w.last_hash_ = LastHash(text);
  w.text_ = std::move(text);
  return w;
}

Status TranscriptWriter::Write(const std::string& line) {
  if (closed_) return Refused(path_ + ": the transcript is closed; nothing more can be added");
  KR_ASSIGN_OR_RETURN(const std::string on_disk, ReadTranscriptFile(path_));
  if (on_disk != text_) {
    return Corrupt(path_ + ": changed on disk by something else since keyrite last wrote it; "
                           "verify it with keyrite audit verify");
  }
  const std::string next = text_ + line;
  KR_RETURN_IF_ERROR(io::ReplaceFile(path_, Bytes(next), io::FileMode::kPublic));
  text_ = next;
  last_hash_ = LastHash(text_);
  ++records_;
  return OkStatus();
}

Result<std::uint64_t> TranscriptWriter::Append(const Step& step) {
  KR_RETURN_IF_ERROR(CheckStep(step));
  const std::uint64_t seq = records_ + 1;
  KR_RETURN_IF_ERROR(Write(SealLine(
      StepBody(seq, clock_->NowUnixSeconds(), header_.rehearsal, step, last_hash_))));
  return seq;
}

Result<CheckpointInfo> TranscriptWriter::Checkpoint(const secmem::SecureBytes& secret_key,
                                               const std::string& public_hex,
                                               const std::optional<pgp::Signer>& auditor) {
  if (closed_) return Refused(path_ + ": the transcript is already closed");
  KR_RETURN_IF_ERROR(CheckSigningKey(secret_key, public_hex));
  CheckpointRecord c{records_ + 1, records_, Sha256(text_), "", public_hex, SignEd25519(secret_key, text_)};
  c.words = DigestWords(c.digest);
  if (!VerifyEd25519(public_hex, text_, c.signature)) {
    return Internal("the transcript signature did not verify right after signing");
  }
  CheckpointInfo info{c.seq, ToHex(c.digest), c.words, public_hex, ""};
  if (auditor) {
    KR_ASSIGN_OR_RETURN(const std::string armored, AuditorSignature(*auditor, text_));
    info.gpg_signature_path = GpgSignaturePath(path_);
    KR_RETURN_IF_ERROR(
        io::ReplaceFile(info.gpg_signature_path, Bytes(armored), io::FileMode::kPublic));
  }
  KR_RETURN_IF_ERROR(Write(SealLine(CheckpointBody(c, last_hash_))));
  closed_ = true;
  return info;
}

}  // namespace keyrite::transcript
