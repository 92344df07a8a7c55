#include "ops/combine.h"

#include <unistd.h>

#include "io/files.h"
#include "io/prompt.h"
#include "share/share_file.h"
#include "share/share_set.h"
#include "ops/typed_entry.h"

namespace keyrite::ops {
namespace {

Status CheckOutput(const CombineRequest& request) {
  if (request.to_stdout && !request.output.empty()) {
    return InvalidArgument("give either --out FILE or --stdout, not both");
  }
  if (request.to_stdout) {
    if (io::IsTerminal(1)) {
      return Refused("standard output is a terminal: the secret would show on screen; redirect "
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

Result<std::vector<share::SourcedShare>> ReadShares(const std::vector<std::string>& inputs) {
  std::vector<share::SourcedShare> all;
  for (const std::string& path : inputs) {
    if (path == "-" && io::IsTerminal(0)) {
      return Refused("standard input is a terminal: pipe the shares in, or name the files");
    }
    KR_ASSIGN_OR_RETURN(const secmem::SecureBytes text,
                        io::ReadSecretFile(path, share::kMaxShareFileBytes));
    const std::string origin = path == "-" ? "standard input" : path;
    KR_ASSIGN_OR_RETURN(std::vector<share::SourcedShare> shares,
                        share::ParseShareText(origin, text.view()));
    for (share::SourcedShare& s : shares) all.push_back(std::move(s));
  }
  return all;
}

Status WriteSecret(const CombineRequest& request, const secmem::SecureBytes& secret) {
  if (!request.to_stdout) {
    return io::WriteNewFile(request.output, secret.span(), io::FileMode::kSecret);
  }
  std::size_t done = 0;
  while (done < secret.size()) {
    const ssize_t n = write(1, secret.data() + done, secret.size() - done);
    if (n <= 0) return IoError("cannot write to standard output");
    done += static_cast<std::size_t>(n);
  }
  return OkStatus();
}

Result<std::vector<share::SourcedShare>> CollectShares(const CombineRequest& request) {
  if (request.inputs.empty() && request.typed == nullptr) {
    return InvalidArgument("no shares given: name share files, or use --typed");
  }
  KR_ASSIGN_OR_RETURN(std::vector<share::SourcedShare> shares, ReadShares(request.inputs));
  if (request.typed == nullptr) return shares;
  TypedEntryOptions options;
  options.already_have = shares.size();
  if (!shares.empty()) options.threshold_hint = shares.front().share.threshold;
  KR_ASSIGN_OR_RETURN(std::vector<share::SourcedShare> typed,
                      ReadTypedShares(*request.typed, options));
  for (share::SourcedShare& s : typed) shares.push_back(std::move(s));
  return shares;
}

}  // namespace

Result<CombineReport> CombineFromInputs(const CombineRequest& request) {
  KR_RETURN_IF_ERROR(CheckOutput(request));
  KR_ASSIGN_OR_RETURN(const std::vector<share::SourcedShare> shares, CollectShares(request));
  KR_ASSIGN_OR_RETURN(const secmem::SecureBytes secret, share::CombineShares(shares));
  KR_RETURN_IF_ERROR(WriteSecret(request, secret));
  CombineReport report;
  report.set_id = shares.front().share.set_id;
  report.threshold = shares.front().share.threshold;
  for (const share::SourcedShare& s : shares) report.shares.emplace_back(s.share.index, s.origin);
  report.secret_bytes = secret.size();
  report.output = request.to_stdout ? "-" : request.output;
  return report;
}

}  // namespace keyrite::ops
