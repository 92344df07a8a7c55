#include "shards/manifest.h"

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/hex.h"
#include "io/files.h"
#include "shards/manifest_format.h"
#include "share/share_v1.h"

namespace keyrite::shards {
namespace {

using Json = nlohmann::ordered_json;

std::string Key(std::string_view name) { return std::string(name); }

Json CustodianJson(const CustodianEntry& c) {
  Json j = Json::object();
  j[Key(kFieldIndex)] = c.index;
  j[Key(kFieldUserId)] = c.user_id;
  j[Key(kFieldFingerprint)] = c.fingerprint;
  j[Key(kFieldEncryptionKeyId)] = c.encryption_key_id;
  j[Key(kFieldFile)] = c.file;
  j[Key(kFieldSha256)] = ToHex(c.sha256);
  return j;
}

Json KeyriteJson(const Manifest& m) {
  Json j = Json::object();
  j[Key(kFieldKeyriteVersion)] = m.keyrite_version;
  j[Key(kFieldKeyriteSha256)] = ToHex(m.keyrite_sha256);
  return j;
}

}  // namespace

std::string FormatManifest(const Manifest& m) {
  KR_CHECK(m.custodians.size() == m.count);
  Json j = Json::object();
  j[Key(kFieldFormat)] = kManifestFormat;
  j[Key(kFieldVersion)] = kManifestVersion;
  j[Key(kFieldSetId)] = share::FormatSetId(m.set_id);
  j[Key(kFieldThreshold)] = m.threshold;
  j[Key(kFieldCount)] = m.count;
  j[Key(kFieldCreated)] = FormatUtc(m.created);
  j[Key(kFieldKeyrite)] = KeyriteJson(m);
  Json custodians = Json::array();
  for (std::size_t i = 0; i < m.custodians.size(); ++i) {
    KR_CHECK(m.custodians[i].index == i + 1);
    custodians.push_back(CustodianJson(m.custodians[i]));
  }
  j[Key(kFieldCustodians)] = std::move(custodians);
  // Non-ASCII in a user id is kept as UTF-8; invalid UTF-8 (gpg passes user ids through) is
  // replaced rather than thrown on.
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

Result<Manifest> ReadManifestFile(const std::string& path) {
  KR_ASSIGN_OR_RETURN(const std::string text, io::ReadPublicFile(path, kMaxManifestBytes));
  return ParseManifest(text, path);
}

const CustodianEntry* FindByDigest(const Manifest& manifest, const Sha256Digest& digest) {
  for (const CustodianEntry& c : manifest.custodians) {
    if (c.sha256 == digest) return &c;
  }
  return nullptr;
}

const CustodianEntry* FindByIndex(const Manifest& manifest, std::uint8_t index) {
  for (const CustodianEntry& c : manifest.custodians) {
    if (c.index == index) return &c;
  }
  return nullptr;
}

}  // namespace keyrite::shards
