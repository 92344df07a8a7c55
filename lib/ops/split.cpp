#include "ops/split.h"

#include "io/prompt.h"
#include "ops/paper.h"
#include "shards/custodians.h"
#include "stream/stream.h"

namespace keyrite::ops {
namespace {

Status CheckShardFlags(const SplitRequest& r) {
  const bool expects = !r.expected_fingerprints.empty() || !r.expected_fingerprints_file.empty();
  if (r.to.empty()) {
    if (!expects && r.gnupghome.empty()) return OkStatus();
    return InvalidArgument(
        "--expect-fingerprint, --expect-fingerprints and --gnupghome go with --to CERT");
  }
  if (!r.expected_fingerprints.empty() && !r.expected_fingerprints_file.empty()) {
    return InvalidArgument("give --expect-fingerprint or --expect-fingerprints FILE, not both");
  }
  if (r.count != 0 && r.count != r.to.size()) {
    return InvalidArgument("-n " + std::to_string(r.count) + " does not match the " +
                           std::to_string(r.to.size()) +
                           " certificates given with --to; the number of shards is the number "
                           "of custodians");
  }
  return OkStatus();
}

Result<shards::CustodianSplitRequest> CustodianRequest(const SplitRequest& r) {
  shards::CustodianSplitRequest out;
  out.certificates = r.to;
  out.expected_fingerprints = r.expected_fingerprints;
  if (!r.expected_fingerprints_file.empty()) {
    KR_ASSIGN_OR_RETURN(out.expected_fingerprints,
                        shards::ReadFingerprintList(r.expected_fingerprints_file));
  }
  out.confirm = r.confirm;
  out.gnupghome = r.gnupghome;
  out.threshold = r.threshold;
  out.output_dir = r.output;
  return out;
}

Result<SplitReport> SplitToShards(std::span<const std::uint8_t> secret,
                                  const shards::CustodianSplitRequest& request, Rng& rng,
                                  Clock& clock) {
  KR_ASSIGN_OR_RETURN(shards::CustodianSplitReport done,
                      shards::SplitToCustodians(secret, request, rng, clock));
  SplitReport report{{done.manifest.set_id, done.manifest.threshold, done.manifest.count,
                      secret.size(), done.shard_paths}};
  report.files.push_back(done.manifest_path);
  report.shards = std::move(done);
  return report;
}

}  // namespace

Result<SplitReport> SplitToOutput(std::span<const std::uint8_t> secret, std::uint8_t threshold,
                                  std::uint8_t count, const std::string& output, Rng& rng,
                                  const std::string& print_dir) {
  std::vector<share::Share> shares;
  KR_ASSIGN_OR_RETURN(ShareFilesReport written,
                      WriteSplitShares(secret, threshold, count, output, rng, &shares));
  SplitReport report{std::move(written)};
  if (!print_dir.empty()) {
    PrintRequest print;
    print.out_dir = print_dir;
    KR_ASSIGN_OR_RETURN(PrintReport printed, PrintShareSheets(shares, count, print, SystemClock()));
    report.sheets = std::move(printed.sheets);
    report.sheets.push_back(printed.labels);
  }
  return report;
}

Result<SplitReport> SplitFile(const SplitRequest& r, Rng& rng) {
  if (!r.to.empty()) return InvalidArgument("--binary does not go with --to: shards are text shares");
  if (r.input == "-" || r.output == "-") {
    return InvalidArgument("--binary reads a named file (--in FILE) and writes a directory (--out DIR)");
  }
  KR_RETURN_IF_ERROR(CheckSplitParameters(r.threshold, r.count));
  KR_ASSIGN_OR_RETURN(stream::SplitFileReport done,
                      stream::SplitFile(r.input, r.threshold, r.count, r.output, rng));
  return SplitReport{{done.set_id, done.threshold, done.count,
                      static_cast<std::size_t>(done.secret_bytes), std::move(done.share_paths)}};
}

Result<SplitReport> SplitFromInput(const SplitRequest& request, Rng& rng, Clock& clock) {
  if (request.binary) return SplitFile(request, rng);
  KR_RETURN_IF_ERROR(CheckShardFlags(request));
  std::optional<shards::CustodianSplitRequest> custodians;
  if (request.to.empty()) {
    KR_RETURN_IF_ERROR(CheckSplitParameters(request.threshold, request.count));
  } else {
    KR_ASSIGN_OR_RETURN(custodians, CustodianRequest(request));
  }
  KR_ASSIGN_OR_RETURN(const secmem::SecureBytes secret, ReadSplitSecret(request.input));
  if (custodians && !request.print_dir.empty()) {
    return InvalidArgument("--print goes with plain shares; print shards with 'keyrite paper print --manifest'");
  }
  if (custodians) return SplitToShards(secret.span(), *custodians, rng, clock);
  return SplitToOutput(secret.span(), request.threshold, request.count, request.output, rng,
                       request.print_dir);
}

}  // namespace keyrite::ops
