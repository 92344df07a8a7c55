#include "ops/split_plain.h"

#include <unistd.h>

#include "io/files.h"
#include "io/prompt.h"
#include "share/share_file.h"
#include "share/share_set.h"

namespace keyrite::ops {
namespace {

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

}  // namespace

Status CheckSplitParameters(std::uint8_t threshold, std::uint8_t count) {
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

Result<secmem::SecureBytes> ReadSplitSecret(const std::string& input) {
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

Result<ShareFilesReport> WriteSplitShares(std::span<const std::uint8_t> secret,
                                          std::uint8_t threshold, std::uint8_t count,
                                          const std::string& output, Rng& rng,
                                          std::vector<share::Share>* shares) {
  KR_RETURN_IF_ERROR(CheckSplitParameters(threshold, count));
  if (output.empty()) {
    return InvalidArgument("say where the shares go: --out DIR, or --out - for standard output");
  }
  KR_ASSIGN_OR_RETURN(std::vector<share::Share> made,
                      share::SplitSecret(secret, threshold, count, rng));
  ShareFilesReport report{made.front().set_id, threshold, count, secret.size(), {}};
  if (output == "-") {
    KR_RETURN_IF_ERROR(WriteToStdout(made, count));
  } else {
    KR_RETURN_IF_ERROR(WriteToDirectory(made, output, count, report.files));
  }
  if (shares != nullptr) *shares = std::move(made);
  return report;
}

Result<ShareFilesReport> SplitPlain(const std::string& input, std::uint8_t threshold,
                                    std::uint8_t count, const std::string& output, Rng& rng) {
  KR_RETURN_IF_ERROR(CheckSplitParameters(threshold, count));
  KR_ASSIGN_OR_RETURN(const secmem::SecureBytes secret, ReadSplitSecret(input));
  return WriteSplitShares(secret.span(), threshold, count, output, rng);
}

std::string ShareFileName(std::uint8_t index, std::uint8_t count) {
  return "share-" + std::to_string(index) + "-of-" + std::to_string(count) + ".txt";
}

}  // namespace keyrite::ops
