#include "io/json_fields.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "base/clock.h"
#include "base/hex.h"

namespace keyrite::io {
namespace {

bool IsHexText(std::string_view text, std::size_t length, bool upper) {
  if (text.size() != length) return false;
  return std::all_of(text.begin(), text.end(), [upper](char c) {
    return (c >= '0' && c <= '9') || (upper ? (c >= 'A' && c <= 'F') : (c >= 'a' && c <= 'f'));
  });
}

}  // namespace

Result<Json> ParseJsonObject(std::string_view text, std::string_view origin) {
  Json j = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return InvalidInput(std::string(origin) + ": not valid JSON");
  if (!j.is_object()) return InvalidInput(std::string(origin) + ": not a JSON object");
  return j;
}

bool ParseUtc(std::string_view text, std::int64_t& unix_seconds) {
  constexpr std::size_t kUtcChars = 20;  // "2026-11-21T23:30:00Z"
  if (text.size() != kUtcChars) return false;
  const std::string copy(text);
  std::tm tm{};
  if (std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6) {
    return false;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  unix_seconds = static_cast<std::int64_t>(timegm(&tm));
  return FormatUtc(unix_seconds) == text;  // rejects "2026-13-40..." that timegm normalizes
}

std::string JsonFields::Name(std::string_view field) const {
  return path_.empty() ? std::string(field) : path_ + "." + std::string(field);
}

Status JsonFields::Bad(std::string_view field, std::string_view what) const {
  return InvalidInput(std::string(origin_) + ": field \"" + Name(field) + "\" " +
                      std::string(what));
}

bool JsonFields::Has(std::string_view field) const {
  return object_.find(std::string(field)) != object_.end();
}

Result<const Json*> JsonFields::Get(std::string_view field) const {
  const auto it = object_.find(std::string(field));
  if (it == object_.end()) {
    return InvalidInput(std::string(origin_) + ": missing field \"" + Name(field) + "\"");
  }
  return &*it;
}

Status JsonFields::OnlyThese(std::initializer_list<std::string_view> known) const {
  for (const auto& item : object_.items()) {
    if (std::find(known.begin(), known.end(), item.key()) != known.end()) continue;
    return InvalidInput(std::string(origin_) + ": unknown field \"" + Name(item.key()) + "\"");
  }
  return OkStatus();
}

Result<std::string> JsonFields::String(std::string_view field) const {
  KR_ASSIGN_OR_RETURN(const Json* v, Get(field));
  if (!v->is_string()) return Bad(field, "must be a string");
  return v->get<std::string>();
}

Result<bool> JsonFields::Bool(std::string_view field) const {
  KR_ASSIGN_OR_RETURN(const Json* v, Get(field));
  if (!v->is_boolean()) return Bad(field, "must be true or false");
  return v->get<bool>();
}

Result<std::int64_t> JsonFields::Integer(std::string_view field, std::int64_t lo,
                                         std::int64_t hi) const {
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

Result<std::string> JsonFields::Hex(std::string_view field, std::size_t length, bool upper) const {
  KR_ASSIGN_OR_RETURN(std::string text, String(field));
  if (!IsHexText(text, length, upper)) {
    return Bad(field, "must be " + std::to_string(length) + (upper ? " uppercase" : " lowercase") +
                          " hex digits");
  }
  return text;
}

Result<Sha256Digest> JsonFields::Sha256(std::string_view field) const {
  KR_ASSIGN_OR_RETURN(const std::string text, Hex(field, 64, false));
  KR_ASSIGN_OR_RETURN(const std::vector<std::uint8_t> bytes, FromHex(text));
  Sha256Digest digest{};
  std::copy(bytes.begin(), bytes.end(), digest.begin());
  return digest;
}

Result<std::int64_t> JsonFields::UtcTime(std::string_view field) const {
  KR_ASSIGN_OR_RETURN(const std::string text, String(field));
  std::int64_t t = 0;
  if (!ParseUtc(text, t)) return Bad(field, "must be a UTC time like \"2026-11-21T23:30:00Z\"");
  return t;
}

Result<const Json*> JsonFields::Typed(std::string_view field, bool want_array) const {
  KR_ASSIGN_OR_RETURN(const Json* v, Get(field));
  if (want_array ? !v->is_array() : !v->is_object()) {
    return Bad(field, want_array ? "must be an array" : "must be an object");
  }
  return v;
}

Result<JsonFields> JsonFields::Object(std::string_view field) const {
  KR_ASSIGN_OR_RETURN(const Json* v, Typed(field, false));
  return JsonFields(*v, Name(field), origin_);
}

}  // namespace keyrite::io
