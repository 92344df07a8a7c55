// The manifest reader: strict. Every field is required, no other field is allowed, each has one
// JSON type and a checked form; messages name the field by its JSON path ("custodians[2].sha256",
// array positions counted from 0). The version is judged in CheckFormatAndVersion, only there.

#include <algorithm>
#include <cstdio>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <set>

#include "base/base32.h"
#include "base/clock.h"
#include "base/hex.h"
#include "shards/manifest.h"
#include "shards/manifest_format.h"

namespace keyrite::shards {
namespace {

using Json = nlohmann::ordered_json;

bool IsHexText(std::string_view text, std::size_t length, bool upper) {
  if (text.size() != length) return false;
  return std::all_of(text.begin(), text.end(), [upper](char c) {
    return (c >= '0' && c <= '9') || (upper ? (c >= 'A' && c <= 'F') : (c >= 'a' && c <= 'f'));
  });
}

// Reads the fields of one JSON object; `path` is the object's own path ("" at the top).
class Fields {
 public:
  Fields(const Json& object, std::string path, std::string_view origin)
      : object_(object), path_(std::move(path)), origin_(origin) {}

  std::string Name(std::string_view field) const {
    return path_.empty() ? std::string(field) : path_ + "." + std::string(field);
  }
  Status Bad(std::string_view field, std::string_view what) const {
    return InvalidInput(std::string(origin_) + ": field \"" + Name(field) + "\" " +
                        std::string(what));
  }

  Result<const Json*> Get(std::string_view field) const {
    const auto it = object_.find(std::string(field));
    if (it == object_.end()) {
      return InvalidInput(std::string(origin_) + ": missing field \"" + Name(field) + "\"");
    }
    return &*it;
  }

  Status OnlyThese(std::initializer_list<std::string_view> known) const {
    for (const auto& item : object_.items()) {
      if (std::find(known.begin(), known.end(), item.key()) != known.end()) continue;
      return InvalidInput(std::string(origin_) + ": unknown field \"" + Name(item.key()) + "\"");
    }
    return OkStatus();
  }

  Result<std::string> String(std::string_view field) const {
    KR_ASSIGN_OR_RETURN(const Json* v, Get(field));
    if (!v->is_string()) return Bad(field, "must be a string");
    return v->get<std::string>();
  }

  Result<std::int64_t> Integer(std::string_view field, std::int64_t lo, std::int64_t hi) const {
    KR_ASSIGN_OR_RETURN(const Json* v, Get(field));
    const std::string range = std::to_string(lo) + ".." + std::to_string(hi);
    if (!v->is_number_integer()) return Bad(field, "must be an integer " + range);
    if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(hi)) {
      return Bad(field, "must be an integer " + range);
    }
    const std::int64_t n = v->get<std::int64_t>();
    if (n < lo || n > hi) return Bad(field, "must be an integer " + range);
    return n;
  }

  Result<std::string> Hex(std::string_view field, std::size_t length, bool upper) const {
    KR_ASSIGN_OR_RETURN(std::string text, String(field));
    if (!IsHexText(text, length, upper)) {
      return Bad(field, "must be " + std::to_string(length) +
                            (upper ? " uppercase" : " lowercase") + " hex digits");
    }
    return text;
  }

  Result<Sha256Digest> Sha256(std::string_view field) const {
    KR_ASSIGN_OR_RETURN(const std::string text, Hex(field, kSha256Chars, false));
    KR_ASSIGN_OR_RETURN(const std::vector<std::uint8_t> bytes, FromHex(text));
    Sha256Digest digest{};
    std::copy(bytes.begin(), bytes.end(), digest.begin());
    return digest;
  }

  Result<const Json*> Typed(std::string_view field, bool want_array) const {
    KR_ASSIGN_OR_RETURN(const Json* v, Get(field));
    if (want_array ? !v->is_array() : !v->is_object()) {
      return Bad(field, want_array ? "must be an array" : "must be an object");
    }
    return v;
  }

 private:
  const Json& object_;
  std::string path_;
  std::string_view origin_;
};

// The one place where the format and its version are judged.
Status CheckFormatAndVersion(const Fields& top, std::string_view origin) {
  KR_ASSIGN_OR_RETURN(const std::string format, top.String(kFieldFormat));
  if (format != kManifestFormat) {
    return InvalidInput(std::string(origin) + ": not a keyrite shard-set manifest (format \"" +
                        format + "\", expected \"" + std::string(kManifestFormat) + "\")");
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

Result<std::int64_t> ReadCreated(const Fields& top) {
  KR_ASSIGN_OR_RETURN(const std::string text, top.String(kFieldCreated));
  std::tm tm{};
  const bool shaped = text.size() == kCreatedChars &&
                      std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ", &tm.tm_year, &tm.tm_mon,
                                  &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) == 6;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  const std::int64_t t = shaped ? static_cast<std::int64_t>(timegm(&tm)) : 0;
  if (!shaped || FormatUtc(t) != text) {
    return top.Bad(kFieldCreated, "must be a UTC time like \"2026-11-21T23:30:00Z\"");
  }
  return t;
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
  KR_ASSIGN_OR_RETURN(m.created, ReadCreated(top));
  return OkStatus();
}

}  // namespace

Result<Manifest> ParseManifest(std::string_view text, std::string_view origin) {
  const Json j = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return InvalidInput(std::string(origin) + ": not valid JSON");
  if (!j.is_object()) return InvalidInput(std::string(origin) + ": not a JSON object");
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
