#include "ops/snapshot.h"

#include <algorithm>

#include "base/hex.h"
#include "io/files.h"

namespace keyrite::ops {
namespace {

std::string_view Trim(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

Result<snapshot::PublicKey> SignerKeyOf(const SnapshotVerifyRequest& r) {
  if (r.pubkey_hex.empty() == r.pubkey_file.empty()) {
    return InvalidArgument("give the signer's public key with exactly one of --pubkey and --pubkey-file");
  }
  if (!r.pubkey_hex.empty()) return ParseSignerKey(r.pubkey_hex);
  KR_ASSIGN_OR_RETURN(const std::string text, io::ReadPublicFile(r.pubkey_file, 4096));
  Result<snapshot::PublicKey> key = ParseSignerKey(text);
  if (!key.ok()) return key.status().WithContext(r.pubkey_file);
  return key;
}

}  // namespace

Result<snapshot::PublicKey> ParseSignerKey(std::string_view hex) {
  const std::string_view text = Trim(hex);
  Result<std::vector<std::uint8_t>> bytes = FromHex(text);
  if (!bytes.ok() || bytes->size() != 32) {
    return InvalidArgument("the public key must be 64 hex digits (an ed25519 key)");
  }
  snapshot::PublicKey key{};
  std::copy(bytes->begin(), bytes->end(), key.begin());
  return key;
}

Result<SnapshotVerifyReport> VerifySnapshotFile(const SnapshotVerifyRequest& request) {
  KR_ASSIGN_OR_RETURN(const snapshot::PublicKey key, SignerKeyOf(request));
  if (!request.unsealer_id.empty()) {
    KR_RETURN_IF_ERROR(snapshot::ParseUnsealerId(request.unsealer_id).status());
  }
  KR_ASSIGN_OR_RETURN(snapshot::SnapshotInfo info,
                      snapshot::VerifySnapshot(request.path, key, request.unsealer_id));
  return SnapshotVerifyReport{std::move(info), request.path};
}

Result<snapshot::VaultSnapshotReport> InspectVaultSnapshotFile(const std::string& path) {
  return snapshot::InspectVaultSnapshot(path);
}

}  // namespace keyrite::ops
