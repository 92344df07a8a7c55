#include "shards/split_to_custodians.h"

#include <unistd.h>

#include <cstring>

#include "io/files.h"
#include "keyrite_config.h"
#include "pgp/certificate.h"
#include "pgp/encrypt.h"
#include "pgp/temp_keyring.h"
#include "shards/custodians.h"
#include "shards/manifest_format.h"
#include "shards/shard_file.h"
#include "share/share_set.h"
#include "share/share_v1.h"

namespace keyrite::shards {
namespace {

struct OutputPlan {
  std::string dir;
  bool create_dir = false;
  std::vector<std::string> shard_paths;
  std::string manifest_path;
};

// Takes back everything written unless Commit() is called.
class Rollback {
 public:
  explicit Rollback(const OutputPlan& plan) : plan_(plan) {}
  ~Rollback() {
    if (committed_) return;
    for (const std::string& path : written_) io::RemoveQuietly(path);
    if (dir_created_) rmdir(plan_.dir.c_str());
  }
  Rollback(const Rollback&) = delete;
  Rollback& operator=(const Rollback&) = delete;

  Status MakeDirectory() {
    if (!plan_.create_dir) return OkStatus();
    KR_RETURN_IF_ERROR(io::MakeDirectory(plan_.dir));
    dir_created_ = true;
    return OkStatus();
  }
  Status Write(const std::string& path, std::string_view text) {
    KR_RETURN_IF_ERROR(io::WriteNewFile(path, text, io::FileMode::kPublic));
    written_.push_back(path);
    return OkStatus();
  }
  void Commit() { committed_ = true; }

 private:
  const OutputPlan& plan_;
  std::vector<std::string> written_;
  bool dir_created_ = false;
  bool committed_ = false;
};

Status CheckRequest(const CustodianSplitRequest& request) {
  const std::size_t n = request.certificates.size();
  if (n == 0) {
    return InvalidArgument("no custodian certificates: give --to CERT for each custodian");
  }
  if (n > 255) return InvalidArgument("at most 255 custodians (got " + std::to_string(n) + ")");
  if (request.threshold < 1) return InvalidArgument("the threshold must be at least 1");
  if (request.threshold > n) {
    return InvalidArgument("the threshold (" + std::to_string(request.threshold) +
                           ") cannot exceed the number of custodians (" + std::to_string(n) + ")");
  }
  if (request.output_dir.empty() || request.output_dir == "-") {
    return InvalidArgument("shards are files: give --out DIR for the shards and their manifest");
  }
  return OkStatus();
}

Status RefuseExisting(const std::string& path) {
  if (!io::PathExists(path)) return OkStatus();
  return AlreadyExists(path + ": already exists; nothing was written");
}

Result<OutputPlan> PlanOutput(const std::string& dir, std::uint8_t count) {
  OutputPlan plan{dir, !io::PathExists(dir), {}, io::JoinPath(dir, kManifestFileName)};
  if (!plan.create_dir && !io::IsDirectory(dir)) {
    return AlreadyExists(dir + ": exists and is not a directory; nothing was written");
  }
  for (unsigned i = 1; i <= count; ++i) {
    plan.shard_paths.push_back(
        io::JoinPath(dir, ShardFileName(static_cast<std::uint8_t>(i), count)));
    KR_RETURN_IF_ERROR(RefuseExisting(plan.shard_paths.back()));
  }
  KR_RETURN_IF_ERROR(RefuseExisting(plan.manifest_path));
  return plan;
}

Result<pgp::TempKeyring> OpenKeyring(const std::string& gnupghome) {
  if (gnupghome.empty()) return pgp::TempKeyring::Create();
  Result<pgp::TempKeyring> existing = pgp::TempKeyring::UseExisting(gnupghome);
  if (!existing.ok()) return existing.status().WithContext("--gnupghome");
  return existing;
}

// The share line and a newline, as the custodian will see it from `gpg --decrypt`.
secmem::SecureBytes ShardPlaintext(const share::Share& share) {
  const secmem::SecureBytes line = share::FormatShareV1(share);
  secmem::SecureBytes text(line.size() + 1);
  std::memcpy(text.data(), line.data(), line.size());
  text[line.size()] = '\n';
  return text;
}

Result<std::vector<std::string>> EncryptShares(pgp::Context& ctx,
                                               const std::vector<pgp::Certificate>& certs,
                                               const std::vector<share::Share>& shares) {
  std::vector<std::string> messages;
  for (std::size_t i = 0; i < shares.size(); ++i) {
    const secmem::SecureBytes plaintext = ShardPlaintext(shares[i]);
    Result<std::string> message = pgp::EncryptTo(ctx, certs[i], plaintext.span());
    if (!message.ok()) return message.status().WithContext(certs[i].origin);
    messages.push_back(std::move(message).value());
  }
  return messages;
}

Result<Manifest> BuildManifest(const CustodianSplitRequest& request,
                               const std::vector<pgp::Certificate>& certs,
                               const std::vector<std::string>& messages, const share::SetId& set_id,
                               Clock& clock) {
  Manifest m{set_id,
             request.threshold,
             static_cast<std::uint8_t>(certs.size()),
             clock.NowUnixSeconds(),
             KEYRITE_VERSION,
             {},
             {}};
  KR_ASSIGN_OR_RETURN(m.keyrite_sha256, Sha256File(request.self_exe));
  for (std::size_t i = 0; i < certs.size(); ++i) {
    const auto index = static_cast<std::uint8_t>(i + 1);
    m.custodians.push_back({index, certs[i].user_id, certs[i].fingerprint,
                            certs[i].encryption_key->key_id, ShardFileName(index, m.count),
                            Sha256(messages[i])});
  }
  return m;
}

// Every file as it is on disk now must be what the manifest says.
Status ReadBack(pgp::Context& ctx, const OutputPlan& plan, const Manifest& manifest) {
  for (std::size_t i = 0; i < plan.shard_paths.size(); ++i) {
    KR_RETURN_IF_ERROR(ReadCheckedShard(ctx, plan.shard_paths[i], manifest.custodians[i]).status());
  }
  KR_ASSIGN_OR_RETURN(const Manifest reread, ReadManifestFile(plan.manifest_path));
  if (!(reread == manifest)) {
    return Corrupt(plan.manifest_path + ": reads back differently from what was written");
  }
  return OkStatus();
}

Status WriteAndCheck(pgp::Context& ctx, const OutputPlan& plan,
                     const std::vector<std::string>& messages, const Manifest& manifest) {
  Rollback rollback(plan);
  KR_RETURN_IF_ERROR(rollback.MakeDirectory());
  for (std::size_t i = 0; i < messages.size(); ++i) {
    KR_RETURN_IF_ERROR(rollback.Write(plan.shard_paths[i], messages[i]));
  }
  KR_RETURN_IF_ERROR(rollback.Write(plan.manifest_path, FormatManifest(manifest)));
  KR_RETURN_IF_ERROR(ReadBack(ctx, plan, manifest));
  rollback.Commit();
  return OkStatus();
}

}  // namespace

Result<CustodianSplitReport> SplitToCustodians(std::span<const std::uint8_t> secret,
                                               const CustodianSplitRequest& request, Rng& rng,
                                               Clock& clock) {
  KR_RETURN_IF_ERROR(CheckRequest(request));
  const auto count = static_cast<std::uint8_t>(request.certificates.size());
  KR_ASSIGN_OR_RETURN(const OutputPlan plan, PlanOutput(request.output_dir, count));
  KR_ASSIGN_OR_RETURN(pgp::TempKeyring keyring, OpenKeyring(request.gnupghome));
  KR_ASSIGN_OR_RETURN(pgp::Context ctx, pgp::Context::Create(keyring.home()));
  const CustodianCheckOptions checks{clock.NowUnixSeconds(), request.expected_fingerprints,
                                     request.confirm};
  KR_ASSIGN_OR_RETURN(const std::vector<pgp::Certificate> certs,
                      LoadCustodians(ctx, request.certificates, checks));
  KR_ASSIGN_OR_RETURN(const std::vector<share::Share> shares,
                      share::SplitSecret(secret, request.threshold, count, rng));
  KR_ASSIGN_OR_RETURN(const std::vector<std::string> messages, EncryptShares(ctx, certs, shares));
  KR_ASSIGN_OR_RETURN(Manifest manifest,
                      BuildManifest(request, certs, messages, shares.front().set_id, clock));
  KR_RETURN_IF_ERROR(WriteAndCheck(ctx, plan, messages, manifest));
  CustodianSplitReport report{std::move(manifest), plan.manifest_path, plan.shard_paths, {}};
  for (const pgp::Certificate& cert : certs)
    report.algorithms.push_back(cert.encryption_key->algorithm);
  return report;
}

}  // namespace keyrite::shards
