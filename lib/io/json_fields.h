#pragma once
// Strict reading of keyrite's JSON state files: every field required unless asked for as
// optional, no unknown field, one JSON type and a checked form per field. Messages name the file
// (`origin`) and the field by its JSON path ("custodians[2].sha256", positions counted from 0).
// Nothing here is secret: these files are public.

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "base/digest.h"
#include "base/status.h"

namespace keyrite::io {

using Json = nlohmann::ordered_json;

// Parses text that must be one JSON object (InvalidInput naming `origin` otherwise).
Result<Json> ParseJsonObject(std::string_view text, std::string_view origin);

// The fields of one JSON object; `path` is the object's own path ("" at the top).
class JsonFields {
 public:
  JsonFields(const Json& object, std::string path, std::string_view origin)
      : object_(object), path_(std::move(path)), origin_(origin) {}

  std::string Name(std::string_view field) const;
  Status Bad(std::string_view field, std::string_view what) const;
  bool Has(std::string_view field) const;
  Result<const Json*> Get(std::string_view field) const;
  Status OnlyThese(std::initializer_list<std::string_view> known) const;

  Result<std::string> String(std::string_view field) const;
  Result<std::int64_t> Integer(std::string_view field, std::int64_t lo, std::int64_t hi) const;
  Result<bool> Bool(std::string_view field) const;
  // Exactly `length` hex digits, all upper or all lower case.
  Result<std::string> Hex(std::string_view field, std::size_t length, bool upper) const;
  Result<Sha256Digest> Sha256(std::string_view field) const;  // 64 lowercase hex digits
  // "2026-11-21T23:30:00Z" as Unix seconds.
  Result<std::int64_t> UtcTime(std::string_view field) const;
  // The field's value, which must be an array (want_array) or an object.
  Result<const Json*> Typed(std::string_view field, bool want_array) const;
  // A nested object's fields (its path extends this one's).
  Result<JsonFields> Object(std::string_view field) const;

 private:
  const Json& object_;
  std::string path_;
  std::string_view origin_;
};

// Parses "2026-11-21T23:30:00Z"; nullopt-like: false when the text is not exactly that shape.
bool ParseUtc(std::string_view text, std::int64_t& unix_seconds);

}  // namespace keyrite::io
