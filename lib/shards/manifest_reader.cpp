// The manifest reader: strict. Every field is required, no other field is allowed, each has one
// JSON type and a checked form; messages name the field by its JSON path ("custodians[2].sha256",
// array positions counted from 0). The version is judged in CheckFormatAndVersion, only there.

#include <set>

#include "base/shown_text.h"
#include "base/base32.h"
#include "io/json_fields.h"
#include "shards/manifest.h"
#include "shards/manifest_format.h"

namespace keyrite::shards {
namespace {

using io::Json;
using Fields = io::JsonFields;

// The one place where the format and its version are judged.
Status CheckFormatAndVersion(const Fields& top, std::string_view origin) {
  KR_ASSIGN_OR_RETURN(const std::string format, top.String(kFieldFormat));
  if (format != kManifestFormat) {
    return InvalidInput(std::string(origin) + ": not a keyrite shard-set manifest (format \"" +
                        ShownText(format) + "\", expected \"" + std::string(kManifestFormat) + "\")");
  }
  KR_ASSIGN_OR_RETURN(const std::int64_t version, top.Integer(kFieldVersion, 0, INT32_MAX));
  if (version != kManifestVersion) {
    return Unsupported(std::string(origin) + ": shard-set manifest version " +
                       std::to_string(version) + " is not supported; this keyrite reads version " +
                       std::to_string(kManifestVersion));
  }
  return OkStatus();
}

Result<share::SetId> ReadSetId(const Fields& top) {
  KR_ASSIGN_OR_RETURN(const std::string text, top.String(kFieldSetId));
  share::SetId id{};
  if (text.size() != kSetIdChars || !Base32Decode(text, id).ok()) {
    return top.Bad(kFieldSetId, "must be the 13-character set id (base32, as keyrite shows it)");
  }
  return id;
}

Status ReadKeyrite(const Fields& top, std::string_view origin, Manifest& m) {
  KR_ASSIGN_OR_RETURN(const Json* object, top.Typed(kFieldKeyrite, false));
  const Fields keyrite(*object, std::string(kFieldKeyrite), origin);
  KR_RETURN_IF_ERROR(keyrite.OnlyThese({kFieldKeyriteVersion, kFieldKeyriteSha256}));
  KR_ASSIGN_OR_RETURN(m.keyrite_version, keyrite.String(kFieldKeyriteVersion));
  if (m.keyrite_version.empty()) return keyrite.Bad(kFieldKeyriteVersion, "must not be empty");
  KR_ASSIGN_OR_RETURN(m.keyrite_sha256, keyrite.Sha256(kFieldKeyriteSha256));
  return OkStatus();
}

bool IsPlainFileName(std::string_view name) {
  return !name.empty() && name != "." && name != ".." && name.find('/') == std::string_view::npos &&
         name.find('\0') == std::string_view::npos;
}

Result<CustodianEntry> ReadCustodian(const Json& value, std::size_t position,
                                     std::string_view origin) {
  const std::string path = std::string(kFieldCustodians) + "[" + std::to_string(position) + "]";
  if (!value.is_object()) {
    return InvalidInput(std::string(origin) + ": field \"" + path + "\" must be an object");
  }
  const Fields f(value, path, origin);
  KR_RETURN_IF_ERROR(f.OnlyThese({kFieldIndex, kFieldUserId, kFieldFingerprint,
                                  kFieldEncryptionKeyId, kFieldFile, kFieldSha256}));
  CustodianEntry c;
  KR_ASSIGN_OR_RETURN(const std::int64_t index, f.Integer(kFieldIndex, 1, 255));
  if (static_cast<std::size_t>(index) != position + 1) {
    return f.Bad(kFieldIndex, "must be " + std::to_string(position + 1) +
                                  " (custodians are listed in index order)");
  }
  c.index = static_cast<std::uint8_t>(index);
  KR_ASSIGN_OR_RETURN(c.user_id, f.String(kFieldUserId));
  KR_ASSIGN_OR_RETURN(c.fingerprint, f.Hex(kFieldFingerprint, kFingerprintChars, true));
  KR_ASSIGN_OR_RETURN(c.encryption_key_id, f.Hex(kFieldEncryptionKeyId, kKeyIdChars, true));
  KR_ASSIGN_OR_RETURN(c.file, f.String(kFieldFile));
  if (!IsPlainFileName(c.file)) return f.Bad(kFieldFile, "must be a file name without a directory");
  KR_ASSIGN_OR_RETURN(c.sha256, f.Sha256(kFieldSha256));
  return c;
}

Status CheckDistinct(const Manifest& m, std::string_view origin) {
  std::set<std::string> fingerprints, files;
  for (const CustodianEntry& c : m.custodians) {
    const std::string where = std::string(origin) + ": custodian " + std::to_string(c.index);
    if (!fingerprints.insert(c.fingerprint).second) {
      return InvalidInput(where + " repeats fingerprint " + c.fingerprint);
    }
    if (!files.insert(c.file).second) return InvalidInput(where + " repeats file " + c.file);
  }
  return OkStatus();
}

Status ReadCustodians(const Fields& top, std::string_view origin, Manifest& m) {
  KR_ASSIGN_OR_RETURN(const Json* list, top.Typed(kFieldCustodians, true));
  if (list->size() != m.count) {
    return top.Bad(kFieldCustodians, "lists " + std::to_string(list->size()) +
                                         " custodians, but \"count\" is " +
                                         std::to_string(m.count));
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    KR_ASSIGN_OR_RETURN(CustodianEntry c, ReadCustodian((*list)[i], i, origin));
    m.custodians.push_back(std::move(c));
  }
  return CheckDistinct(m, origin);
}

Status ReadSetFields(const Fields& top, Manifest& m) {
  KR_ASSIGN_OR_RETURN(m.set_id, ReadSetId(top));
  KR_ASSIGN_OR_RETURN(const std::int64_t threshold, top.Integer(kFieldThreshold, 1, 255));
  KR_ASSIGN_OR_RETURN(const std::int64_t count, top.Integer(kFieldCount, 1, 255));
  if (threshold > count) return top.Bad(kFieldThreshold, "cannot exceed \"count\"");
  m.threshold = static_cast<std::uint8_t>(threshold);
  m.count = static_cast<std::uint8_t>(count);
  KR_ASSIGN_OR_RETURN(m.created, top.UtcTime(kFieldCreated));
  return OkStatus();
}

}  // namespace

Result<Manifest> ParseManifest(std::string_view text, std::string_view origin) {
  KR_ASSIGN_OR_RETURN(const Json j, io::ParseJsonObject(text, origin));
  const Fields top(j, "", origin);
  KR_RETURN_IF_ERROR(CheckFormatAndVersion(top, origin));
  KR_RETURN_IF_ERROR(top.OnlyThese({kFieldFormat, kFieldVersion, kFieldSetId, kFieldThreshold,
                                    kFieldCount, kFieldCreated, kFieldKeyrite, kFieldCustodians}));
  Manifest m;
  KR_RETURN_IF_ERROR(ReadSetFields(top, m));
  KR_RETURN_IF_ERROR(ReadKeyrite(top, origin, m));
  KR_RETURN_IF_ERROR(ReadCustodians(top, origin, m));
  return m;
}

}  // namespace keyrite::shards
