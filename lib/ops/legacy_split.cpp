// split --format vault|vault-hex: Vault unseal-key shares and their public check file.
#include <unistd.h>

#include "io/files.h"
#include "io/prompt.h"
#include "legacy/vault.h"
#include "legacy/vault_check.h"
#include "ops/legacy_formats.h"

namespace keyrite::ops {
namespace {

Status CheckRequest(const SplitRequest& r) {
  if (!r.to.empty() || r.binary || !r.print_dir.empty()) {
    return InvalidArgument(
        "--format vault writes plain Vault shares; --to, --binary and --print "
        "go with keyrite shares");
  }
  if (r.output.empty() || r.output == "-") {
    return InvalidArgument(
        "--format vault writes the shares and their check file into a "
        "directory: give --out DIR");
  }
  if (r.threshold < 2 || r.threshold > r.count) {
    return InvalidArgument("Vault shares need 2 <= -t <= -n <= 255");
  }
  return OkStatus();
}

Result<secmem::SecureBytes> ReadSecret(const std::string& input) {
  if (input == "-" && io::IsTerminal(0)) {
    return Refused("standard input is a terminal: pipe the secret in, or use --in FILE");
  }
  KR_ASSIGN_OR_RETURN(secmem::SecureBytes secret, io::ReadSecretFile(input, kMaxSecretBytes));
  if (secret.empty()) {
    return InvalidInput((input == "-" ? std::string("standard input") : input) +
                        ": the secret is empty");
  }
  return secret;
}

// Recombine the first t shares, and the last t, and test both against the check value.
Status VerifyBeforeRelease(const std::vector<legacy::VaultShare>& shares,
                           const legacy::VaultCheck& check, unsigned t) {
  for (const std::size_t first : {std::size_t{0}, shares.size() - t}) {
    const std::span<const legacy::VaultShare> some(shares.data() + first, t);
    KR_ASSIGN_OR_RETURN(const secmem::SecureBytes again, legacy::CombineVault(some, t));
    const Status s = legacy::VerifyVaultCheck(check, again.span(), "the new check value");
    if (!s.ok()) return Internal("a Vault split did not recombine; nothing was written");
  }
  return OkStatus();
}

std::string VaultShareFileName(std::size_t index, unsigned count) {
  return "vault-share-" + std::to_string(index) + "-of-" + std::to_string(count) + ".txt";
}

Result<LegacySplitReport> PlanFiles(const SplitRequest& r) {
  LegacySplitReport report{
      r.threshold, r.count, 0, {}, io::JoinPath(r.output, kVaultCheckFileName)};
  for (unsigned i = 1; i <= r.count; ++i) {
    report.files.push_back(io::JoinPath(r.output, VaultShareFileName(i, r.count)));
  }
  if (io::PathExists(r.output) && !io::IsDirectory(r.output)) {
    return AlreadyExists(r.output + ": exists and is not a directory; nothing was written");
  }
  for (const std::string& path : report.files) {
    if (io::PathExists(path)) return AlreadyExists(path + ": already exists; nothing was written");
  }
  if (io::PathExists(report.check_file)) {
    return AlreadyExists(report.check_file + ": already exists; nothing was written");
  }
  return report;
}

Status WriteAll(const std::vector<legacy::VaultShare>& shares, const legacy::VaultCheck& check,
                legacy::VaultEncoding encoding, const LegacySplitReport& plan) {
  std::vector<std::string> written;
  Status s =
      io::WriteNewFile(plan.check_file, legacy::FormatVaultCheck(check), io::FileMode::kPublic);
  if (s.ok()) written.push_back(plan.check_file);
  for (std::size_t i = 0; s.ok() && i < shares.size(); ++i) {
    const secmem::SecureBytes text = legacy::FormatVaultShare(shares[i], encoding);
    secmem::SecureBytes line(text.size() + 1);
    std::copy(text.span().begin(), text.span().end(), line.data());
    line[text.size()] = '\n';
    s = io::WriteNewFile(plan.files[i], line.span(), io::FileMode::kSecret);
    if (s.ok()) written.push_back(plan.files[i]);
  }
  if (!s.ok()) {
    for (const std::string& path : written) io::RemoveQuietly(path);
  }
  return s;
}

}  // namespace

Result<LegacySplitReport> SplitLegacy(const SplitRequest& request, ShareFormat format, Rng& rng) {
  if (format != ShareFormat::kVault && format != ShareFormat::kVaultHex) {
    return InvalidArgument(
        "split writes --format keyrite, vault or vault-hex; ssss shares are "
        "read only (combine --format ssss)");
  }
  KR_RETURN_IF_ERROR(CheckRequest(request));
  KR_ASSIGN_OR_RETURN(LegacySplitReport report, PlanFiles(request));
  KR_ASSIGN_OR_RETURN(const secmem::SecureBytes secret, ReadSecret(request.input));
  KR_ASSIGN_OR_RETURN(const std::vector<legacy::VaultShare> shares,
                      legacy::SplitVault(secret.span(), request.threshold, request.count, rng));
  const legacy::VaultCheck check =
      legacy::MakeVaultCheck(secret.span(), request.threshold, request.count, rng);
  KR_RETURN_IF_ERROR(VerifyBeforeRelease(shares, check, request.threshold));
  const bool created = !io::PathExists(request.output);
  if (created) KR_RETURN_IF_ERROR(io::MakeDirectory(request.output));
  const Status s = WriteAll(shares, check,
                            format == ShareFormat::kVaultHex ? legacy::VaultEncoding::kHex
                                                             : legacy::VaultEncoding::kBase64,
                            report);
  if (!s.ok() && created) rmdir(request.output.c_str());
  if (!s.ok()) return s;
  report.secret_bytes = secret.size();
  return report;
}

}  // namespace keyrite::ops
