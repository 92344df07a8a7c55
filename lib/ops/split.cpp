#include "ops/split.h"

#include <unistd.h>

#include "io/files.h"
#include "io/prompt.h"
#include "ops/paper.h"
#include "shards/custodians.h"
#include "share/share_file.h"
#include "share/share_set.h"
#include "stream/stream.h"

namespace keyrite::ops {
namespace {

Status CheckParameters(std::uint8_t threshold, std::uint8_t count) {
  if (threshold < 1) return InvalidArgument("the threshold must be at least 1");
  if (count < 1) {
    return InvalidArgument(
        "give -n N, the number of shares (1..255), or one --to CERT per custodian");
  }
  if (threshold > count) {
    return InvalidArgument("the threshold (" + std::to_string(threshold) +
                           ") cannot exceed the number of shares (" + std::to_string(count) + ")");
  }
  return OkStatus();
}

// The share paths, refusing any that exists before a single byte is written.
Result<std::vector<std::string>> PlanPaths(const std::string& dir, std::uint8_t count) {
  std::vector<std::string> paths;
  for (unsigned i = 1; i <= count; ++i) {
    paths.push_back(io::JoinPath(dir, ShareFileName(static_cast<std::uint8_t>(i), count)));
    if (io::PathExists(paths.back())) {
      return AlreadyExists(paths.back() + ": already exists; nothing was written");
    }
  }
  return paths;
}

Status WriteShareFiles(const std::vector<share::Share>& shares,
                       const std::vector<std::string>& paths, std::uint8_t count) {
  for (std::size_t i = 0; i < shares.size(); ++i) {
    const secmem::SecureBytes text = share::FormatShareFile(shares[i], count);
    const Status s = io::WriteNewFile(paths[i], text.span(), io::FileMode::kSecret);
    if (!s.ok()) {
      for (std::size_t j = 0; j < i; ++j) io::RemoveQuietly(paths[j]);
      return s;
    }
  }
  return OkStatus();
}

Status WriteToDirectory(const std::vector<share::Share>& shares, const std::string& dir,
                        std::uint8_t count, std::vector<std::string>& files) {
  const bool created = !io::PathExists(dir);
  if (!created && !io::IsDirectory(dir)) {
    return AlreadyExists(dir + ": exists and is not a directory; nothing was written");
  }
  KR_ASSIGN_OR_RETURN(files, PlanPaths(dir, count));
  if (created) KR_RETURN_IF_ERROR(io::MakeDirectory(dir));
  const Status s = WriteShareFiles(shares, files, count);
  if (!s.ok() && created) rmdir(dir.c_str());
  if (!s.ok()) files.clear();
  return s;
}

Status WriteToStdout(const std::vector<share::Share>& shares, std::uint8_t count) {
  if (io::IsTerminal(1)) {
    return Refused(
        "standard output is a terminal, where all the shares together would show the "
        "secret: redirect it, or use --out DIR");
  }
  for (const share::Share& s : shares) {
    const secmem::SecureBytes text = share::FormatShareFile(s, count);
    KR_RETURN_IF_ERROR(io::WriteToDescriptor(1, text.span(), "standard output"));
  }
  return OkStatus();
}

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
  SplitReport report{done.manifest.set_id, done.manifest.threshold, done.manifest.count,
                     secret.size(),        done.shard_paths,        {}};
  report.files.push_back(done.manifest_path);
  report.shards = std::move(done);
  return report;
}

Result<secmem::SecureBytes> ReadSecret(const std::string& input) {
  if (input == "-" && io::IsTerminal(0)) {
    return Refused("standard input is a terminal: pipe the secret in, or use --in FILE");
  }
  if (input != "-" && io::FileSize(input) > kMaxSecretBytes) {
    return InvalidInput(input + ": larger than " + std::to_string(kMaxSecretBytes) +
                        " bytes; split a whole file with --binary");
  }
  KR_ASSIGN_OR_RETURN(secmem::SecureBytes secret, io::ReadSecretFile(input, kMaxSecretBytes));
  if (secret.empty()) {
    return InvalidInput((input == "-" ? std::string("standard input") : input) +
                        ": the secret is empty");
  }
  return secret;
}

}  // namespace

std::string ShareFileName(std::uint8_t index, std::uint8_t count) {
  return "share-" + std::to_string(index) + "-of-" + std::to_string(count) + ".txt";
}

Result<SplitReport> SplitToOutput(std::span<const std::uint8_t> secret, std::uint8_t threshold,
                                  std::uint8_t count, const std::string& output, Rng& rng,
                                  const std::string& print_dir) {
  KR_RETURN_IF_ERROR(CheckParameters(threshold, count));
  if (output.empty()) {
    return InvalidArgument("say where the shares go: --out DIR, or --out - for standard output");
  }
  KR_ASSIGN_OR_RETURN(std::vector<share::Share> shares,
                      share::SplitSecret(secret, threshold, count, rng));
  SplitReport report{shares.front().set_id, threshold, count, secret.size(), {}};
  if (output == "-") {
    KR_RETURN_IF_ERROR(WriteToStdout(shares, count));
  } else {
    KR_RETURN_IF_ERROR(WriteToDirectory(shares, output, count, report.files));
  }
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
  KR_RETURN_IF_ERROR(CheckParameters(r.threshold, r.count));
  KR_ASSIGN_OR_RETURN(stream::SplitFileReport done,
                      stream::SplitFile(r.input, r.threshold, r.count, r.output, rng));
  return SplitReport{done.set_id, done.threshold, done.count,
                     static_cast<std::size_t>(done.secret_bytes), std::move(done.share_paths), {}};
}

Result<SplitReport> SplitFromInput(const SplitRequest& request, Rng& rng, Clock& clock) {
  if (request.binary) return SplitFile(request, rng);
  KR_RETURN_IF_ERROR(CheckShardFlags(request));
  std::optional<shards::CustodianSplitRequest> custodians;
  if (request.to.empty()) {
    KR_RETURN_IF_ERROR(CheckParameters(request.threshold, request.count));
  } else {
    KR_ASSIGN_OR_RETURN(custodians, CustodianRequest(request));
  }
  KR_ASSIGN_OR_RETURN(const secmem::SecureBytes secret, ReadSecret(request.input));
  if (custodians && !request.print_dir.empty()) {
    return InvalidArgument("--print goes with plain shares; print shards with 'keyrite paper print --manifest'");
  }
  if (custodians) return SplitToShards(secret.span(), *custodians, rng, clock);
  return SplitToOutput(secret.span(), request.threshold, request.count, request.output, rng,
                       request.print_dir);
}

}  // namespace keyrite::ops
