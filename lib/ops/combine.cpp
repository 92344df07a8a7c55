#include "ops/combine.h"

#include <algorithm>
#include <optional>

#include "io/files.h"
#include "io/prompt.h"
#include "ops/typed_entry.h"
#include "paper/scan.h"
#include "shards/manifest.h"
#include "shards/manifest_format.h"
#include "shards/shard_file.h"
#include "shards/shard_opener.h"
#include "share/share_file.h"
#include "share/share_set.h"
#include "share/share_v1.h"
#include "stream/stream.h"

namespace keyrite::ops {
namespace {

constexpr std::size_t kMaxInputBytes =
    std::max(share::kMaxShareFileBytes, shards::kMaxShardFileBytes);

// The shares so far, and what the report says about each (same order).
struct Collected {
  std::vector<share::SourcedShare> shares;
  std::vector<UsedShare> used;

  void Add(share::SourcedShare s, std::string kind) {
    used.push_back({s.share.index, s.origin, std::move(kind), "", "", {}});
    shares.push_back(std::move(s));
  }
};

Status CheckOutput(const CombineRequest& request) {
  if (request.to_stdout && !request.output.empty()) {
    return InvalidArgument("give either --out FILE or --stdout, not both");
  }
  if (request.to_stdout) {
    if (io::IsTerminal(1)) {
      return Refused(
          "standard output is a terminal: the secret would show on screen; redirect "
          "it, or use --out FILE");
    }
    return OkStatus();
  }
  if (request.output.empty()) {
    return InvalidArgument("say where the secret goes: --out FILE (created 0600), or --stdout");
  }
  if (io::PathExists(request.output)) {
    return AlreadyExists(request.output + ": already exists; nothing was overwritten");
  }
  return OkStatus();
}

// Reads each input; shards are opened through one ShardOpener, made at the first shard so that
// plain share files never need gpg.
class InputReader {
 public:
  InputReader(const CombineRequest& request, const shards::Manifest* manifest)
      : request_(request), manifest_(manifest) {}

  Status Read(const std::string& path, Collected& out) {
    if (path == "-" && io::IsTerminal(0)) {
      return Refused("standard input is a terminal: pipe the shares in, or name the files");
    }
    KR_ASSIGN_OR_RETURN(const secmem::SecureBytes text, io::ReadSecretFile(path, kMaxInputBytes));
    const std::string origin = path == "-" ? "standard input" : path;
    if (shards::LooksLikeOpenPgpMessage(text.span())) return ReadShard(text, origin, out);
    if (text.size() > share::kMaxShareFileBytes) {
      return InvalidInput(origin + ": larger than " + std::to_string(share::kMaxShareFileBytes) +
                          " bytes; not a share file");
    }
    KR_ASSIGN_OR_RETURN(std::vector<share::SourcedShare> shares,
                        share::ParseShareText(origin, text.view()));
    for (share::SourcedShare& s : shares) out.Add(std::move(s), "file");
    return OkStatus();
  }

 // A share line or an armored shard decoded from a sheet's QR code.
  Status ReadScanned(const paper::ScannedPayload& scanned, Collected& out) {
    if (scanned.kind == paper::PayloadKind::kArmoredShard) return ReadShard(scanned.text, scanned.origin, out);
    KR_ASSIGN_OR_RETURN(share::Share parsed, share::ParseShareV1(scanned.text.view()));
    out.Add({scanned.origin, std::move(parsed)}, "scanned");
    return OkStatus();
  }

 private:
  Status ReadShard(const secmem::SecureBytes& message, const std::string& origin, Collected& out) {
    if (!opener_) {
      KR_ASSIGN_OR_RETURN(
          opener_, shards::ShardOpener::Create(
                       {request_.gnupghome, manifest_, request_.manifest, request_.passphrases}));
    }
    KR_ASSIGN_OR_RETURN(shards::OpenedShard opened, opener_->Open(message.span(), origin));
    out.Add(std::move(opened.share), "shard");
    out.used.back().recipient_key_ids = std::move(opened.recipient_key_ids);
    return OkStatus();
  }

  const CombineRequest& request_;
  const shards::Manifest* manifest_;
  std::optional<shards::ShardOpener> opener_;
};

Status ReadTyped(const CombineRequest& request, const shards::Manifest* manifest, Collected& out) {
  TypedEntryOptions options;
  options.already_have = out.shares.size();
  if (manifest != nullptr) options.threshold_hint = manifest->threshold;
  if (!out.shares.empty()) options.threshold_hint = out.shares.front().share.threshold;
  KR_ASSIGN_OR_RETURN(std::vector<share::SourcedShare> typed,
                      ReadTypedShares(*request.typed, options));
  for (share::SourcedShare& s : typed) out.Add(std::move(s), "typed");
  return OkStatus();
}

// With a manifest: every share must be of its set; each is named by its custodian.
Status ApplyManifest(const shards::Manifest& manifest, const std::string& path, Collected& out) {
  for (std::size_t i = 0; i < out.shares.size(); ++i) {
    const share::SourcedShare& s = out.shares[i];
    KR_RETURN_IF_ERROR(shards::CheckShareInSet(s.share, manifest, path, s.origin));
    const shards::CustodianEntry* who = shards::FindByIndex(manifest, s.share.index);
    if (who == nullptr) {
      return Mismatch(s.origin + ": is share " + std::to_string(s.share.index) + ", but " + path +
                      " lists only " + std::to_string(manifest.count) + " custodians");
    }
    out.used[i].custodian = who->user_id;
    out.used[i].fingerprint = who->fingerprint;
  }
  return OkStatus();
}

Result<Collected> CollectShares(const CombineRequest& request, const shards::Manifest* manifest) {
  if (request.inputs.empty() && request.scans.empty() && request.typed == nullptr) {
    return InvalidArgument("no shares given: name shard or share files, or use --scan or --typed");
  }
  Collected out;
  InputReader reader(request, manifest);
  for (const std::string& path : request.inputs) KR_RETURN_IF_ERROR(reader.Read(path, out));
  if (!request.scans.empty()) {
    KR_ASSIGN_OR_RETURN(const std::vector<paper::ScannedPayload> scanned,
                        paper::ScanImageFiles(request.scans));
    for (const paper::ScannedPayload& s : scanned) KR_RETURN_IF_ERROR(reader.ReadScanned(s, out));
  }
  if (request.typed != nullptr) KR_RETURN_IF_ERROR(ReadTyped(request, manifest, out));
  if (manifest != nullptr) KR_RETURN_IF_ERROR(ApplyManifest(*manifest, request.manifest, out));
  return out;
}

Status WriteSecret(const CombineRequest& request, const secmem::SecureBytes& secret) {
  if (!request.to_stdout) {
    return io::WriteNewFile(request.output, secret.span(), io::FileMode::kSecret);
  }
  return io::WriteToDescriptor(1, secret.span(), "standard output");
}

Result<std::optional<shards::Manifest>> LoadManifest(const std::string& path) {
  if (path.empty()) return std::optional<shards::Manifest>();
  KR_ASSIGN_OR_RETURN(shards::Manifest manifest, shards::ReadManifestFile(path));
  return std::optional<shards::Manifest>(std::move(manifest));
}

}  // namespace

// Binary share files (file mode) are combined by streaming, straight into the output file.
Result<CombineReport> CombineBinary(const CombineRequest& request) {
  for (const std::string& path : request.inputs) {
    if (!stream::IsBinaryShareFile(path)) {
      return Mismatch(path + ": not a binary share file; binary and text shares cannot be mixed");
    }
  }
  if (request.to_stdout || request.typed != nullptr || !request.manifest.empty()) {
    return InvalidArgument("binary share files combine into --out FILE only");
  }
  KR_ASSIGN_OR_RETURN(const stream::CombineFileReport done,
                      stream::CombineFiles(request.inputs, request.output));
  CombineReport report{done.set_id, done.threshold, {}, static_cast<std::size_t>(done.secret_bytes),
                       done.output};
  for (std::size_t i = 0; i < done.indices.size(); ++i) {
    report.shares.push_back({done.indices[i], request.inputs[i], "binary", "", "", {}});
  }
  return report;
}

Result<CombineReport> CombineFromInputs(const CombineRequest& request) {
  KR_RETURN_IF_ERROR(CheckOutput(request));
  if (std::any_of(request.inputs.begin(), request.inputs.end(), stream::IsBinaryShareFile)) {
    return CombineBinary(request);
  }
  KR_ASSIGN_OR_RETURN(RecoveredSecret recovered, RecoverSecret(request));
  KR_RETURN_IF_ERROR(WriteSecret(request, recovered.secret));
  recovered.report.output = request.to_stdout ? "-" : request.output;
  return std::move(recovered.report);
}

Result<RecoveredSecret> RecoverSecret(const CombineRequest& request) {
  KR_ASSIGN_OR_RETURN(const std::optional<shards::Manifest> manifest,
                      LoadManifest(request.manifest));
  KR_ASSIGN_OR_RETURN(Collected collected, CollectShares(request, manifest ? &*manifest : nullptr));
  KR_ASSIGN_OR_RETURN(secmem::SecureBytes secret, share::CombineShares(collected.shares));
  CombineReport report;
  report.set_id = collected.shares.front().share.set_id;
  report.threshold = collected.shares.front().share.threshold;
  report.shares = std::move(collected.used);
  report.secret_bytes = secret.size();
  return RecoveredSecret{std::move(secret), std::move(report)};
}

}  // namespace keyrite::ops
