#include "ops/shards_verify.h"

#include <optional>

#include "pgp/context.h"
#include "pgp/temp_keyring.h"
#include "shards/shard_file.h"
#include "shards/shard_opener.h"

namespace keyrite::ops {
namespace {

std::span<const std::uint8_t> AsBytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

// The public checks run in an empty temporary keyring: no secret key, no prompt.
struct PublicKeyring {
  pgp::TempKeyring keyring;
  pgp::Context ctx;
};

Result<PublicKeyring> OpenPublicKeyring() {
  KR_ASSIGN_OR_RETURN(pgp::TempKeyring keyring, pgp::TempKeyring::Create());
  KR_ASSIGN_OR_RETURN(pgp::Context ctx, pgp::Context::Create(keyring.home()));
  return PublicKeyring{std::move(keyring), std::move(ctx)};
}

Status DecryptOwnShard(shards::ShardOpener& opener, const std::string& bytes,
                       const std::string& path, const shards::CustodianEntry& custodian) {
  KR_ASSIGN_OR_RETURN(const shards::OpenedShard opened, opener.Open(AsBytes(bytes), path));
  if (opened.custodian == nullptr || opened.custodian->index != custodian.index) {
    return Internal(path + ": matched another custodian's entry");  // same digest twice
  }
  return OkStatus();
}

std::string ProgressLine(const ShardsVerifyReport& report, const CustodianVerdict& v) {
  return "custodian " + std::to_string(v.custodian.index) + " of " +
         std::to_string(report.manifest.count) + ", " + v.custodian.user_id + ": decrypting " +
         v.path + "\n";
}

// The public checks, then (with an opener) the custodian's own decryption.
CustodianVerdict CheckCustodian(const ShardsVerifyRequest& request,
                                const ShardsVerifyReport& report, pgp::Context& pub,
                                shards::ShardOpener* opener, const shards::CustodianEntry& c) {
  CustodianVerdict v{c, shards::ShardPath(request.manifest, c), OkStatus(), false};
  Result<std::string> bytes = shards::ReadCheckedShard(pub, v.path, c);
  v.status = bytes.status();
  if (!v.status.ok() || opener == nullptr) return v;
  if (request.progress) request.progress(ProgressLine(report, v));
  v.status = DecryptOwnShard(*opener, *bytes, v.path, c);
  v.decrypted = v.status.ok();
  return v;
}

}  // namespace

Status ShardsVerifyReport::FirstFailure() const {
  for (const CustodianVerdict& v : custodians) {
    if (!v.status.ok()) return v.status;
  }
  return OkStatus();
}

Result<ShardsVerifyReport> VerifyShards(const ShardsVerifyRequest& request) {
  ShardsVerifyReport report;
  KR_ASSIGN_OR_RETURN(report.manifest, shards::ReadManifestFile(request.manifest));
  report.manifest_path = request.manifest;
  report.decrypt = request.decrypt;
  KR_ASSIGN_OR_RETURN(PublicKeyring pub, OpenPublicKeyring());
  std::optional<shards::ShardOpener> opener;
  if (request.decrypt) {
    KR_ASSIGN_OR_RETURN(
        opener, shards::ShardOpener::Create(
                    {request.gnupghome, &report.manifest, request.manifest, request.passphrases}));
  }
  for (const shards::CustodianEntry& c : report.manifest.custodians) {
    report.custodians.push_back(
        CheckCustodian(request, report, pub.ctx, opener ? &*opener : nullptr, c));
  }
  return report;
}

}  // namespace keyrite::ops
