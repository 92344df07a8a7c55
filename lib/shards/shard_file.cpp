#include "shards/shard_file.h"

#include <filesystem>
#include <string_view>

#include "base/hex.h"
#include "io/files.h"
#include "pgp/fingerprint.h"
#include "pgp/recipients.h"
#include "shards/manifest_format.h"

namespace keyrite::shards {
namespace {

constexpr std::string_view kArmorHeader = "-----BEGIN PGP MESSAGE-----";

std::span<const std::uint8_t> AsBytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

Status CheckRecipients(pgp::Context& ctx, const std::string& path, std::string_view bytes,
                       const CustodianEntry& custodian) {
  Result<std::vector<std::string>> ids = pgp::ListRecipients(ctx, AsBytes(bytes));
  if (!ids.ok()) return ids.status().WithContext(path);
  if (*ids == std::vector<std::string>{custodian.encryption_key_id}) return OkStatus();
  return Mismatch(path + ": is encrypted to " + pgp::JoinKeyIds(*ids) + ", not only to " +
                  DescribeCustodian(custodian) + "'s key " +
                  pgp::DisplayKeyId(custodian.encryption_key_id));
}

}  // namespace

std::string ShardFileName(std::uint8_t index, std::uint8_t count) {
  return std::string(kShardFilePrefix) + std::to_string(index) + "-of-" + std::to_string(count) +
         std::string(kShardFileSuffix);
}

std::string ShardPath(const std::string& manifest_path, const CustodianEntry& custodian) {
  const std::string dir = std::filesystem::path(manifest_path).parent_path().string();
  return dir.empty() ? custodian.file : io::JoinPath(dir, custodian.file);
}

bool LooksLikeOpenPgpMessage(std::span<const std::uint8_t> bytes) {
  if (!bytes.empty() && (bytes[0] & 0x80) != 0) return true;
  std::size_t i = 0;
  while (i < bytes.size() &&
         (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) {
    ++i;
  }
  const std::string_view rest(reinterpret_cast<const char*>(bytes.data()) + i, bytes.size() - i);
  return rest.starts_with(kArmorHeader);
}

Result<std::string> ReadCheckedShard(pgp::Context& ctx, const std::string& path,
                                     const CustodianEntry& custodian) {
  KR_ASSIGN_OR_RETURN(std::string bytes, io::ReadPublicFile(path, kMaxShardFileBytes));
  const Sha256Digest digest = Sha256(bytes);
  if (digest != custodian.sha256) {
    return Corrupt(path + ": its SHA-256 is " + ToHex(digest) + ", but the manifest records " +
                   ToHex(custodian.sha256) + " for " + DescribeCustodian(custodian) +
                   "; the file has changed");
  }
  KR_RETURN_IF_ERROR(CheckRecipients(ctx, path, bytes, custodian));
  return bytes;
}

std::string DescribeCustodian(const CustodianEntry& custodian) {
  return "custodian " + std::to_string(custodian.index) + " (" + custodian.user_id + ")";
}

}  // namespace keyrite::shards
