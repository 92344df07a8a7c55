#include "ops/legacy_formats.h"

#include <optional>

#include "io/files.h"
#include "io/prompt.h"
#include "legacy/ct_codec.h"
#include "legacy/ssss.h"
#include "legacy/vault.h"
#include "legacy/vault_check.h"
#include "pgp/context.h"
#include "pgp/decrypt.h"
#include "shards/shard_opener.h"

namespace keyrite::ops {
namespace {

constexpr std::size_t kMaxLegacyInputBytes = 1024 * 1024;
constexpr std::size_t kMaxCheckFileBytes = 4096;

struct Line {
  std::string origin;
  std::string_view text;  // borrowed from the file's SecureBytes
};

std::string_view Trim(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

// `vault operator init` prints "Unseal Key 1: <base64>"; the share is after the colon.
std::string_view StripVaultLabel(std::string_view line) {
  if (!line.starts_with("Unseal Key ")) return line;
  const std::size_t colon = line.find(':');
  return colon == std::string_view::npos ? line : Trim(line.substr(colon + 1));
}

void SplitLines(const secmem::SecureBytes& text, const std::string& name, std::vector<Line>& out) {
  std::string_view rest = text.view();
  for (unsigned number = 1; !rest.empty(); ++number) {
    const std::size_t end = rest.find('\n');
    const std::string_view line = Trim(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    if (line.empty() || line.front() == '#') continue;
    out.push_back({name + " line " + std::to_string(number), line});
  }
}

Status CheckRequest(const CombineRequest& request) {
  if (!request.scans.empty() || request.typed != nullptr || !request.manifest.empty()) {
    return InvalidArgument(
        "--scan, --typed and --manifest read keyrite shares; with --format "
        "ssss or vault, name files of share lines");
  }
  if (request.inputs.empty()) return InvalidArgument("no shares given: name files of share lines");
  if (request.to_stdout && !request.output.empty()) {
    return InvalidArgument("give either --out FILE or --stdout, not both");
  }
  if (request.to_stdout && io::IsTerminal(1)) {
    return Refused(
        "standard output is a terminal: the secret would show on screen; redirect "
        "it, or use --out FILE");
  }
  if (!request.to_stdout && request.output.empty()) {
    return InvalidArgument("say where the secret goes: --out FILE (created 0600), or --stdout");
  }
  if (!request.to_stdout && io::PathExists(request.output)) {
    return AlreadyExists(request.output + ": already exists; nothing was overwritten");
  }
  return OkStatus();
}

// The files stay open (their text is borrowed by the lines) until the shares are parsed.
Status ReadInputs(const std::vector<std::string>& inputs, std::vector<secmem::SecureBytes>& files,
                  std::vector<Line>& lines) {
  files.reserve(inputs.size());
  for (const std::string& path : inputs) {
    if (path == "-" && io::IsTerminal(0)) {
      return Refused("standard input is a terminal: pipe the shares in, or name the files");
    }
    KR_ASSIGN_OR_RETURN(secmem::SecureBytes text, io::ReadSecretFile(path, kMaxLegacyInputBytes));
    files.push_back(std::move(text));
    SplitLines(files.back(), path == "-" ? "standard input" : path, lines);
  }
  if (lines.empty()) return InvalidInput("the files hold no share lines");
  return OkStatus();
}

// A binary OpenPGP message starting with a public-key encrypted session key packet (tag 1, in the
// old or new packet format) of version 3 or 6: what `vault operator init -pgp-keys` base64-encodes.
// A plain share is never this long unless its key is, and then also matches the header only by
// a 1-in-10^4 chance; a false match fails to decrypt with a clear error.
bool LooksLikePgpShare(std::span<const std::uint8_t> b) {
  if (b.size() < 64) return false;
  std::size_t version_at = 0;
  if ((b[0] & 0xFC) == 0x84) {
    const std::size_t length_bytes[] = {1, 2, 4, 0};
    if ((b[0] & 3) == 3) return false;
    version_at = 1 + length_bytes[b[0] & 3];
  } else if (b[0] == 0xC1) {
    version_at = b[1] < 192 ? 2 : b[1] < 224 ? 3 : b[1] == 255 ? 6 : 0;
  }
  return version_at != 0 && (b[version_at] == 3 || b[version_at] == 6);
}

class VaultReader {
 public:
  explicit VaultReader(const CombineRequest& request) : request_(request) {}

  Result<legacy::VaultShare> Read(const Line& line) {
    const std::string_view text = StripVaultLabel(line.text);
    if (legacy::IsHexText(text)) return legacy::ParseVaultShare(text, line.origin);
    Result<secmem::SecureBytes> decoded = legacy::DecodeSecretBase64(text);
    if (!decoded.ok() || !LooksLikePgpShare(decoded->span())) {
      return legacy::ParseVaultShare(text, line.origin);
    }
    return Decrypt(decoded->span(), line.origin);
  }

 private:
  Result<legacy::VaultShare> Decrypt(std::span<const std::uint8_t> message,
                                     const std::string& origin) {
    if (!ctx_) {
      KR_ASSIGN_OR_RETURN(ctx_, pgp::Context::Create(request_.gnupghome));
      if (request_.passphrases != nullptr) {
        ctx_->UseLoopbackPassphrases(shards::PromptedPassphrases(*request_.passphrases));
      }
    }
    Result<pgp::DecryptedShard> plain = pgp::Decrypt(*ctx_, message);
    if (!plain.ok()) return plain.status().WithContext(origin + " (a PGP-encrypted Vault share)");
    // Vault encrypts the share's hex form; base64 is accepted too.
    return legacy::ParseVaultShare(StripVaultLabel(Trim(plain->plaintext.view())),
                                   origin + " (decrypted)");
  }

  const CombineRequest& request_;
  std::optional<pgp::Context> ctx_;
};

Status WriteSecret(const CombineRequest& request, const secmem::SecureBytes& secret) {
  if (!request.to_stdout) {
    return io::WriteNewFile(request.output, secret.span(), io::FileMode::kSecret);
  }
  return io::WriteToDescriptor(1, secret.span(), "standard output");
}

Result<secmem::SecureBytes> CombineSsssLines(const std::vector<Line>& lines,
                                             const LegacyCombineOptions& options,
                                             LegacyCombineReport& report) {
  std::vector<legacy::SsssShare> shares;
  for (const Line& line : lines) {
    KR_ASSIGN_OR_RETURN(legacy::SsssShare s, legacy::ParseSsssShare(line.text, line.origin));
    shares.push_back(std::move(s));
  }
  report.threshold = options.threshold;
  return legacy::CombineSsss(shares, {options.threshold, options.diffusion});
}

Result<std::optional<legacy::VaultCheck>> LoadCheck(const std::string& path) {
  if (path.empty()) return std::optional<legacy::VaultCheck>();
  KR_ASSIGN_OR_RETURN(const std::string text, io::ReadPublicFile(path, kMaxCheckFileBytes));
  KR_ASSIGN_OR_RETURN(legacy::VaultCheck check, legacy::ParseVaultCheck(text, path));
  return std::optional<legacy::VaultCheck>(check);
}

Status ReconcileThreshold(const std::optional<legacy::VaultCheck>& check,
                          const LegacyCombineOptions& options, unsigned& threshold) {
  threshold = options.threshold;
  if (!check) return OkStatus();
  if (threshold != 0 && threshold != check->threshold) {
    return Mismatch("-t " + std::to_string(threshold) + ", but " + options.check_file +
                    " records threshold " + std::to_string(check->threshold));
  }
  threshold = check->threshold;
  return OkStatus();
}

Result<secmem::SecureBytes> CombineVaultLines(const CombineRequest& request,
                                              const std::vector<Line>& lines,
                                              const LegacyCombineOptions& options,
                                              LegacyCombineReport& report) {
  KR_ASSIGN_OR_RETURN(const std::optional<legacy::VaultCheck> check, LoadCheck(options.check_file));
  KR_RETURN_IF_ERROR(ReconcileThreshold(check, options, report.threshold));
  VaultReader reader(request);
  std::vector<legacy::VaultShare> shares;
  for (const Line& line : lines) {
    KR_ASSIGN_OR_RETURN(legacy::VaultShare s, reader.Read(line));
    shares.push_back(std::move(s));
  }
  KR_ASSIGN_OR_RETURN(secmem::SecureBytes secret, legacy::CombineVault(shares, report.threshold));
  if (check) {
    KR_RETURN_IF_ERROR(legacy::VerifyVaultCheck(*check, secret.span(), options.check_file));
    report.checked = true;
  } else {
    report.warnings.push_back(
        "Vault shares carry no integrity check and no --check FILE was given: too few, damaged "
        "or mixed shares give a WRONG key without any error. Test the key before relying on it.");
  }
  return secret;
}

}  // namespace

Result<ShareFormat> ParseShareFormat(std::string_view name) {
  if (name.empty() || name == "keyrite") return ShareFormat::kKeyrite;
  if (name == "ssss") return ShareFormat::kSsss;
  if (name == "vault") return ShareFormat::kVault;
  if (name == "vault-hex") return ShareFormat::kVaultHex;
  return InvalidArgument("--format " + std::string(name) +
                         ": unknown; choose keyrite, ssss, vault or vault-hex");
}

Result<LegacyCombineReport> CombineLegacy(const CombineRequest& request,
                                          const LegacyCombineOptions& options) {
  KR_RETURN_IF_ERROR(CheckRequest(request));
  std::vector<secmem::SecureBytes> files;
  std::vector<Line> lines;
  KR_RETURN_IF_ERROR(ReadInputs(request.inputs, files, lines));
  LegacyCombineReport report;
  const bool ssss = options.format == ShareFormat::kSsss;
  report.format = ssss ? "ssss" : "vault";
  Result<secmem::SecureBytes> secret = ssss ? CombineSsssLines(lines, options, report)
                                            : CombineVaultLines(request, lines, options, report);
  if (!secret.ok()) return secret.status();
  KR_RETURN_IF_ERROR(WriteSecret(request, *secret));
  for (const Line& line : lines) report.shares.push_back(line.origin);
  report.secret_bytes = secret->size();
  report.output = request.to_stdout ? "-" : request.output;
  return report;
}

}  // namespace keyrite::ops
