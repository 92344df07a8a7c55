#include "io/json_fields.h"

#include "base/shown_text.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <optional>

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

// ---- compact JSON, read without the general lexer ----
//
// keyrite writes its JSON-lines files (keystore, audit log) compactly: no whitespace, strings of
// printable ASCII without escapes, non-negative integers, true and false, nested objects. Read
// through nlohmann's lexer, a 100,000-entry keystore and its audit log took most of `unsealer
// status`'s time, so text of exactly that form is turned into the same Json directly. Anything
// else (whitespace, an escape, a byte outside printable ASCII, a sign, fraction or exponent,
// null, an array, a repeated key, more than kMaxMembers members or kMaxDepth levels) is left to
// nlohmann::json::parse, so on every input the value or the verdict is nlohmann's.
class CompactReader {
 public:
  explicit CompactReader(std::string_view text) : text_(text) {}

  // The value nlohmann would parse, when the whole text is one compact object.
  std::optional<Json> Object() {
    Json out;
    if (!ReadObject(out, 0) || at_ != text_.size()) return std::nullopt;
    return out;
  }

 private:
  static constexpr int kMaxDepth = 4;
  static constexpr std::size_t kMaxMembers = 64;  // bounds the repeated-key search
  static constexpr std::size_t kMaxDigits = 19;   // every such number fits in std::uint64_t
  static constexpr std::size_t kReservedMembers = 12;  // a keystore entry has 9, a record 5

  bool Take(char c) {
    if (at_ >= text_.size() || text_[at_] != c) return false;
    ++at_;
    return true;
  }

  bool Word(std::string_view word) {
    if (text_.substr(at_, word.size()) != word) return false;
    at_ += word.size();
    return true;
  }

  bool ReadString(std::string_view& out) {
    if (!Take('"')) return false;
    const std::size_t start = at_;
    for (; at_ < text_.size() && text_[at_] != '"'; ++at_) {
      const char c = text_[at_];
      if (c < 0x20 || c > 0x7E || c == '\\') return false;
    }
    out = text_.substr(start, at_ - start);
    return Take('"');
  }

  // nlohmann stores a number without sign, fraction or exponent as unsigned.
  bool ReadInteger(Json& out) {
    const std::size_t start = at_;
    std::uint64_t n = 0;
    for (; at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9'; ++at_) {
      n = n * 10 + static_cast<std::uint64_t>(text_[at_] - '0');
    }
    const std::size_t digits = at_ - start;
    if (digits == 0 || digits > kMaxDigits || (digits > 1 && text_[start] == '0')) return false;
    out = n;
    return true;
  }

  bool ReadValue(Json& out, int depth) {
    if (at_ >= text_.size()) return false;
    const char c = text_[at_];
    if (c == '"') {
      std::string_view s;
      if (!ReadString(s)) return false;
      out = std::string(s);
      return true;
    }
    if (c == '{') return ReadObject(out, depth + 1);
    if (c == 't' || c == 'f') {
      out = c == 't';
      return Word(c == 't' ? "true" : "false");
    }
    return ReadInteger(out);
  }

  bool ReadMember(Json& object, int depth) {
    std::string_view key;
    if (!ReadString(key) || !Take(':')) return false;
    std::string name(key);
    if (object.size() >= kMaxMembers || object.find(name) != object.end()) return false;
    return ReadValue(object[std::move(name)], depth);
  }

  bool ReadObject(Json& out, int depth) {
    if (depth > kMaxDepth || !Take('{')) return false;
    out = Json::object();
    out.get_ref<Json::object_t&>().reserve(kReservedMembers);
    if (Take('}')) return true;
    do {
      if (!ReadMember(out, depth)) return false;
    } while (Take(','));
    return Take('}');
  }

  std::string_view text_;
  std::size_t at_ = 0;
};

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (Howard Hinnant's
// days_from_civil, http://howardhinnant.github.io/date_algorithms.html).
std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// The digits at text[at, at + n) as a number; false unless all are digits.
bool Digits(std::string_view text, std::size_t at, std::size_t n, unsigned& out) {
  out = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + static_cast<unsigned>(text[i] - '0');
  }
  return true;
}

// ParseUtc without sscanf, timegm and the FormatUtc round trip (together a tenth of reading a
// large keystore): true only for text that ParseUtc accepts, with the same value — a valid date
// and time of a four-digit year from 1000 on, which strftime writes back unchanged. Everything
// else is left to the general path.
bool ParseCanonicalUtc(std::string_view text, std::int64_t& unix_seconds) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  unsigned y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (text.size() != 20 || text.substr(4, 1) != "-" || text.substr(7, 1) != "-" ||
      text.substr(10, 1) != "T" || text.substr(13, 1) != ":" || text.substr(16, 1) != ":" ||
      text.substr(19, 1) != "Z" || !Digits(text, 0, 4, y) || !Digits(text, 5, 2, mo) ||
      !Digits(text, 8, 2, d) || !Digits(text, 11, 2, h) || !Digits(text, 14, 2, mi) ||
      !Digits(text, 17, 2, s)) {
    return false;
  }
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (y < 1000 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59 ||
      d > kDays[mo - 1] + (mo == 2 && leap ? 1 : 0)) {
    return false;
  }
  unix_seconds = DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
  return true;
}

}  // namespace

Result<Json> ParseJsonObject(std::string_view text, std::string_view origin) {
  if (std::optional<Json> compact = CompactReader(text).Object()) return std::move(*compact);
  Json j = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return InvalidInput(std::string(origin) + ": not valid JSON");
  if (!j.is_object()) return InvalidInput(std::string(origin) + ": not a JSON object");
  return j;
}

bool ParseUtc(std::string_view text, std::int64_t& unix_seconds) {
  if (ParseCanonicalUtc(text, unix_seconds)) return true;
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
    return InvalidInput(std::string(origin_) + ": unknown field \"" + ShownText(Name(item.key())) + "\"");
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
