#include "shards/custodians.h"

#include "base/digest.h"
#include "base/words.h"
#include "io/files.h"
#include "pgp/certificate_import.h"
#include "pgp/certificate_policy.h"
#include "pgp/fingerprint.h"

namespace keyrite::shards {
namespace {

constexpr std::size_t kMaxFingerprintListBytes = 64 * 1024;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

Status CheckCounts(std::size_t certs, const CustodianCheckOptions& options) {
  const std::size_t expected = options.expected_fingerprints.size();
  if (expected == 0 || expected == certs) return OkStatus();
  return InvalidArgument("give one expected fingerprint per certificate, in the same order (" +
                         std::to_string(certs) + " certificates, " + std::to_string(expected) +
                         " fingerprints)");
}

Status Confirm(io::Prompter& prompter, const pgp::Certificate& cert, std::size_t position,
               std::size_t count) {
  prompter.Tell(DescribeCertificate(cert, position, count));
  KR_ASSIGN_OR_RETURN(const std::string answer,
                      prompter.ReadLine("Read it aloud with the custodian. Type yes if it is "
                                        "theirs: "));
  if (Trim(answer) == "yes") return OkStatus();
  return Cancelled("custodian " + std::to_string(position) + " (" + cert.user_id + ", " +
                   cert.origin + "): fingerprint not confirmed; nothing was written");
}

Status MatchOrConfirm(const std::vector<pgp::Certificate>& certs,
                      const CustodianCheckOptions& options) {
  for (std::size_t i = 0; i < certs.size(); ++i) {
    if (!options.expected_fingerprints.empty()) {
      KR_RETURN_IF_ERROR(pgp::CheckExpectedFingerprint(certs[i], options.expected_fingerprints[i]));
    } else if (options.confirm == nullptr) {
      return Refused("no expected fingerprint for " + certs[i].origin +
                     " and no terminal to confirm it: give --expect-fingerprint for each --to "
                     "(or --expect-fingerprints FILE); nothing was written");
    } else {
      KR_RETURN_IF_ERROR(Confirm(*options.confirm, certs[i], i + 1, certs.size()));
    }
  }
  return OkStatus();
}

}  // namespace

Result<std::vector<pgp::Certificate>> LoadCustodians(pgp::Context& ctx,
                                                     std::span<const std::string> cert_paths,
                                                     const CustodianCheckOptions& options) {
  KR_RETURN_IF_ERROR(CheckCounts(cert_paths.size(), options));
  KR_ASSIGN_OR_RETURN(std::vector<pgp::Certificate> certs,
                      pgp::ImportCertificates(ctx, cert_paths));
  for (const pgp::Certificate& cert : certs) {
    const Status policy = pgp::CheckCertificate(cert, options.now);
    if (!policy.ok()) return policy.WithContext(cert.origin);
  }
  KR_RETURN_IF_ERROR(MatchOrConfirm(certs, options));
  return certs;
}

std::string FingerprintWords(std::string_view fingerprint) {
  const Sha256Digest digest = Sha256(fingerprint);
  return DigestWords(digest);
}

std::string DescribeCertificate(const pgp::Certificate& cert, std::size_t position,
                                std::size_t count) {
  std::string out = "Custodian " + std::to_string(position) + " of " + std::to_string(count) +
                    ": " + cert.user_id + "\n";
  out += "  certificate  " + cert.origin + "\n";
  out += "  fingerprint  " + pgp::FingerprintGroups(cert.fingerprint) + "\n";
  out += "  in words     " + FingerprintWords(cert.fingerprint) + "\n";
  if (cert.encryption_key) {
    out += "  encrypts to  " + pgp::DisplayKeyId(cert.encryption_key->key_id) + " (" +
           cert.encryption_key->algorithm + ")\n";
  }
  return out;
}

Result<std::vector<std::string>> ParseFingerprintList(std::string_view text,
                                                      std::string_view origin) {
  std::vector<std::string> out;
  std::size_t number = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = Trim(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++number;
    if (line.empty() || line.front() == '#') continue;
    Result<std::string> fpr = pgp::NormalizeFingerprint(line);
    if (!fpr.ok())
      return fpr.status().WithContext(std::string(origin) + " line " + std::to_string(number));
    out.push_back(std::move(fpr).value());
  }
  if (out.empty()) return InvalidArgument(std::string(origin) + ": no fingerprint in it");
  return out;
}

Result<std::vector<std::string>> ReadFingerprintList(const std::string& path) {
  KR_ASSIGN_OR_RETURN(const std::string text, io::ReadPublicFile(path, kMaxFingerprintListBytes));
  return ParseFingerprintList(text, path);
}

}  // namespace keyrite::shards
