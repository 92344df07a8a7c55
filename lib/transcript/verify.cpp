#include "transcript/verify.h"

#include "base/hex.h"
#include "base/words.h"
#include "io/files.h"
#include "pgp/context.h"
#include "transcript/artifacts.h"
#include "transcript/ed25519_signature.h"
#include "pgp/detached_signature.h"
#include "transcript/transcript_format.h"

namespace keyrite::transcript {
namespace {

std::string Where(std::uint64_t record) { return "record " + std::to_string(record); }

class Verifier {
 public:
  Verifier(std::string_view text, const VerifyOptions& options) : text_(text), options_(options) {}

  VerifyReport Run() {
    if (Chain() && Closed() && OpenPgp()) Artifacts();
    return std::move(report_);
  }

 private:
  bool Fail(Status status) {
    report_.status = std::move(status);
    report_.bad_record = line_no_;
    return false;
  }

  bool Chain() {
    std::size_t offset = 0;
    while (offset < text_.size()) {
      ++line_no_;
      if (report_.checkpoint) return Fail(Corrupt(Where(line_no_) + ": follows the closing checkpoint"));
      const std::size_t end = text_.find('\n', offset);
      if (end == std::string_view::npos) {
        return Fail(Corrupt(Where(line_no_) + ": torn: the file ends inside this record (cut "
                                              "short, or a write did not finish)"));
      }
      if (!Line(text_.substr(offset, end - offset), offset)) return false;
      offset = end + 1;
    }
    return true;
  }

  bool Closed() {
    if (line_no_ == 0) {
      line_no_ = 1;
      return Fail(Corrupt(Where(1) + ": missing: the transcript is empty"));
    }
    if (report_.checkpoint || !options_.require_closed) return true;
    ++line_no_;
    return Fail(Corrupt(Where(line_no_) + ": missing: the transcript ends after record " +
                        std::to_string(line_no_ - 1) +
                        " without its closing checkpoint (cut short, or never closed)"));
  }

  bool Line(std::string_view line, std::size_t offset) {
    const std::string where = Where(line_no_);
    const std::optional<SealedLine> sealed = SplitSealedLine(line);
    if (!sealed) return Fail(Corrupt(where + ": damaged: it does not end with its hash"));
    if (HashHex(sealed->covered) != sealed->hash) {
      return Fail(Corrupt(where + ": changed since it was written (its hash does not match)"));
    }
    Result<ParsedLine> parsed = ParseLine(line, where);
    if (!parsed.ok()) return Fail(parsed.status());
    if (parsed->seq != line_no_) {
      return Fail(Corrupt(where + ": out of place: it is record " + std::to_string(parsed->seq) +
                          " (records were deleted, reordered or duplicated)"));
    }
    if (parsed->prev != prev_) {
      return Fail(Corrupt(where + ": does not follow the record before it (one was removed, "
                                  "reordered or replaced)"));
    }
    prev_ = std::string(sealed->hash);
    return Typed(*parsed, offset);
  }

  bool Typed(ParsedLine& p, std::size_t offset) {
    const std::string where = Where(line_no_);
    if ((line_no_ == 1) != (p.type == kTypeHeader)) {
      return Fail(Corrupt(where + (line_no_ == 1 ? ": is not the transcript header"
                                                 : ": a second header")));
    }
    if (p.type == kTypeHeader) {
      report_.header = p.header;
    } else if (p.type == kTypeStep) {
      if (p.step.rehearsal != report_.header->rehearsal) {
        return Fail(Corrupt(where + ": its rehearsal mark differs from the header's"));
      }
      report_.steps.push_back(std::move(p.step));
    } else {
      return CheckCheckpoint(p.checkpoint, text_.substr(0, offset));
    }
    return true;
  }

  bool CheckCheckpoint(const CheckpointRecord& c, std::string_view before) {
    const std::string where = Where(line_no_) + " (checkpoint)";
    if (c.records != line_no_ - 1) return Fail(Corrupt(where + ": counts the wrong number of records"));
    if (c.digest != Sha256(before)) {
      return Fail(Corrupt(where + ": its digest is not the hash of the records before it"));
    }
    if (c.words != DigestWords(c.digest)) return Fail(Corrupt(where + ": its words do not spell its digest"));
    if (!VerifyEd25519(c.signer, before, c.signature)) {
      return Fail(Corrupt(where + ": its signature does not verify (forged or changed)"));
    }
    if (!options_.expected_signer.empty() && c.signer != options_.expected_signer) {
      return Fail(Mismatch(where + ": signed by key " + c.signer + ", not by the expected key " +
                           options_.expected_signer));
    }
    report_.signer_expected = !options_.expected_signer.empty();
    report_.checkpoint = c;
    report_.signed_bytes = before.size();
    return true;
  }

  bool OpenPgp() {
    if (options_.gpg_signature.empty()) return true;
    if (!report_.checkpoint) {
      ++line_no_;
      return Fail(Corrupt(Where(line_no_) + ": an OpenPGP signature needs the closing checkpoint"));
    }
    line_no_ = report_.checkpoint->seq;
    Result<pgp::Context> ctx = pgp::Context::Create(options_.gpg_home);
    Result<std::string> signer =
        ctx.ok() ? pgp::VerifyDetached(*ctx, options_.gpg_signature,
                                     text_.substr(0, report_.signed_bytes), options_.gpg_fingerprint)
                 : Result<std::string>(ctx.status());
    if (!signer.ok()) return Fail(signer.status().WithContext(Where(line_no_) + " (checkpoint)"));
    report_.gpg_signer = *signer;
    return true;
  }

  void Artifacts() {
    if (options_.artifact_dir.empty()) return;
    ArtifactCheck check = CheckArtifacts(report_.steps, options_.artifact_dir);
    report_.artifacts_checked = check.checked;
    report_.artifact_problems = std::move(check.problems);
    if (report_.artifact_problems.empty()) return;
    const ArtifactProblem& first = report_.artifact_problems.front();
    line_no_ = first.record;
    Fail(Corrupt(Where(first.record) + ": artifact " + first.name +
                 (first.missing ? " is missing from " : " has changed in ") +
                 options_.artifact_dir));
  }

  std::string_view text_;
  const VerifyOptions& options_;
  VerifyReport report_;
  std::uint64_t line_no_ = 0;
  std::string prev_ = std::string(kGenesis);
};

}  // namespace

VerifyReport VerifyTranscript(std::string_view text, const VerifyOptions& options) {
  return Verifier(text, options).Run();
}

Result<std::string> ReadTranscriptFile(const std::string& path) {
  return io::ReadPublicFile(path, kMaxTranscriptBytes);
}

Result<std::string> NormalizePublicKeyHex(std::string_view text) {
  if (text.starts_with("0x") || text.starts_with("0X")) text.remove_prefix(2);
  const Result<std::vector<std::uint8_t>> bytes = FromHex(text);
  if (!bytes.ok() || bytes->size() != kPublicKeyChars / 2) {
    return InvalidArgument("--pubkey must be an Ed25519 public key: 64 hex digits");
  }
  return ToHex(*bytes);
}

Result<VerifyReport> VerifyTranscriptFile(const AuditRequest& request) {
  VerifyOptions options{.artifact_dir = request.artifact_dir,
                        .gpg_home = request.gpg_home,
                        .gpg_fingerprint = request.gpg_fingerprint};
  if (!request.expected_signer.empty()) {
    KR_ASSIGN_OR_RETURN(options.expected_signer, NormalizePublicKeyHex(request.expected_signer));
  }
  if (!request.artifact_dir.empty() && !io::IsDirectory(request.artifact_dir)) {
    return NotFound(request.artifact_dir + ": no such directory (--artifacts)");
  }
  if (!request.gpg_signature_path.empty()) {
    KR_ASSIGN_OR_RETURN(options.gpg_signature,
                        io::ReadPublicFile(request.gpg_signature_path, kMaxSignatureFileBytes));
  }
  KR_ASSIGN_OR_RETURN(const std::string text, ReadTranscriptFile(request.transcript_path));
  return VerifyTranscript(text, options);
}

}  // namespace keyrite::transcript
