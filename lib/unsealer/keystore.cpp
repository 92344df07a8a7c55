#include "base/shown_text.h"
#include "unsealer/keystore.h"

#include <algorithm>

#include "base/clock.h"
#include "base/hex.h"
#include "io/json_fields.h"
#include "unsealer/line_file.h"
#include "unsealer/sealing.h"

namespace keyrite::unsealer {
namespace {

using io::Json;
using io::JsonFields;

std::string EntryContext(std::string_view unsealer_id, const KeyEntry& e) {
  std::string ad = "keyrite keystore v1 entry";
  for (std::string_view part : {unsealer_id, std::string_view(e.name),
                                keys::KeyKindName(e.kind), std::string_view(e.public_key)}) {
    ad += '\0';
    ad += part;
  }
  return ad;
}

Json HeaderJson(std::string_view unsealer_id, std::uint64_t generation, std::size_t count) {
  Json j = Json::object();
  j["format"] = kKeystoreFormat;
  j["version"] = kKeystoreVersion;
  j["unsealer_id"] = unsealer_id;
  j["generation"] = generation;
  j["entries"] = count;
  return j;
}

Json EntryJson(const KeyEntry& e) {
  Json j = Json::object();
  j["name"] = e.name;
  j["kind"] = keys::KeyKindName(e.kind);
  j["public_key"] = e.public_key;
  j["address"] = e.address;
  j["tezos_address"] = e.tezos_address;
  j["created"] = FormatUtc(e.created);
  j["pool"] = e.pool;
  j["holder"] = e.holder;
  if (!e.seed.empty()) j["seed"] = e.seed;  // optional: older readers never meet them on old keys
  if (!e.path.empty()) j["path"] = e.path;
  j["sealed"] = e.sealed;
  return j;
}

Status CheckHeader(const Json& j, std::string_view origin, std::string_view unsealer_id,
                   std::size_t& count) {
  const JsonFields f(j, "", origin);
  KR_ASSIGN_OR_RETURN(const std::string format, f.String("format"));
  if (format != kKeystoreFormat) {
    return InvalidInput(std::string(origin) + ": not a keyrite keystore (format \"" + ShownText(format) +
                        "\")");
  }
  KR_ASSIGN_OR_RETURN(const std::int64_t version, f.Integer("version", 0, INT32_MAX));
  if (version != kKeystoreVersion) {
    return Unsupported(std::string(origin) + ": keystore version " + std::to_string(version) +
                       " is not supported; this keyrite reads version " +
                       std::to_string(kKeystoreVersion));
  }
  KR_RETURN_IF_ERROR(f.OnlyThese({"format", "version", "unsealer_id", "generation", "entries"}));
  KR_ASSIGN_OR_RETURN(const std::string id, f.Hex("unsealer_id", 16, false));
  if (id != unsealer_id) {
    return Mismatch(std::string(origin) + ": belongs to unsealer " + id + ", not " +
                    std::string(unsealer_id));
  }
  KR_RETURN_IF_ERROR(f.Integer("generation", 1, INT64_MAX).status());
  KR_ASSIGN_OR_RETURN(const std::int64_t n, f.Integer("entries", 0, INT64_MAX));
  count = static_cast<std::size_t>(n);
  return OkStatus();
}

// The optional derivation record: both fields or neither.
Status ReadDerivation(const JsonFields& f, KeyEntry& e) {
  if (!f.Has("seed") && !f.Has("path")) return OkStatus();
  KR_ASSIGN_OR_RETURN(e.seed, f.String("seed"));
  KR_ASSIGN_OR_RETURN(e.path, f.String("path"));
  if (!CheckEntryName(e.seed).ok()) return f.Bad("seed", "is not a valid entry name");
  if (e.path.empty()) return f.Bad("path", "must not be empty");
  return OkStatus();
}

Result<KeyEntry> ReadEntry(const Json& j, std::string_view origin) {
  const JsonFields f(j, "", origin);
  KR_RETURN_IF_ERROR(f.OnlyThese({"name", "kind", "public_key", "address", "tezos_address",
                                  "created", "pool", "holder", "seed", "path", "sealed"}));
  KeyEntry e;
  KR_ASSIGN_OR_RETURN(e.name, f.String("name"));
  if (!CheckEntryName(e.name).ok()) return f.Bad("name", "is not a valid entry name");
  KR_ASSIGN_OR_RETURN(const std::string kind, f.String("kind"));
  const Result<keys::KeyKind> parsed = keys::ParseKeyKind(kind);
  if (!parsed.ok()) return f.Bad("kind", "is not a key kind keyrite knows");
  e.kind = *parsed;
  KR_ASSIGN_OR_RETURN(e.public_key, f.String("public_key"));
  KR_ASSIGN_OR_RETURN(e.address, f.String("address"));
  KR_ASSIGN_OR_RETURN(e.tezos_address, f.String("tezos_address"));
  KR_ASSIGN_OR_RETURN(e.created, f.UtcTime("created"));
  KR_ASSIGN_OR_RETURN(e.pool, f.Bool("pool"));
  KR_ASSIGN_OR_RETURN(e.holder, f.String("holder"));
  KR_RETURN_IF_ERROR(ReadDerivation(f, e));
  KR_ASSIGN_OR_RETURN(e.sealed, f.String("sealed"));
  if (!FromBase64(e.sealed).ok() || e.sealed.empty()) return f.Bad("sealed", "must be base64");
  return e;
}

// Every entry line holds the nine field names and their quotes; the header's count is trusted for
// reserving memory only up to what the text could hold.
constexpr std::size_t kMinEntryLineBytes = 100;

std::string LineOrigin(std::string_view origin, std::size_t line) {
  return std::string(origin) + " line " + std::to_string(line);
}

}  // namespace

Status CheckEntryName(std::string_view name) {
  const bool charset = std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '.' || c == '_' || c == '-';
  });
  if (name.empty() || name.size() > kMaxNameChars || !charset || name.front() == '-' ||
      name.front() == '.') {
    return InvalidArgument("key name \"" + std::string(name) +
                           "\": use 1 to 64 letters, digits, '.', '_' or '-', not starting with "
                           "'-' or '.'");
  }
  return OkStatus();
}

KeyEntry SealEntry(const secmem::SecureBytes& keystore_key, std::string_view unsealer_id,
                   std::string name, const keys::KeyMaterial& key, std::int64_t created,
                   Rng& rng) {
  KeyEntry e;
  e.name = std::move(name);
  e.kind = key.kind;
  e.public_key = key.public_key_hex;
  e.address = key.address;
  e.tezos_address = key.tezos_address;
  e.created = created;
  e.sealed = ToBase64(Seal(keystore_key, key.secret.span(), EntryContext(unsealer_id, e), rng));
  return e;
}

Result<secmem::SecureBytes> OpenEntry(const secmem::SecureBytes& keystore_key,
                                      std::string_view unsealer_id, const KeyEntry& entry) {
  const std::string what = "keystore entry \"" + entry.name + "\"";
  const Result<std::vector<std::uint8_t>> sealed = FromBase64(entry.sealed);
  if (!sealed.ok()) return Corrupt(what + ": sealed value is not base64");
  return Open(keystore_key, *sealed, EntryContext(unsealer_id, entry), what);
}

Result<KeyEntry> ResealEntry(const secmem::SecureBytes& old_key, const secmem::SecureBytes& new_key,
                             std::string_view unsealer_id, const KeyEntry& entry, Rng& rng) {
  KR_ASSIGN_OR_RETURN(const secmem::SecureBytes secret, OpenEntry(old_key, unsealer_id, entry));
  KeyEntry out = entry;
  out.sealed = ToBase64(Seal(new_key, secret.span(), EntryContext(unsealer_id, entry), rng));
  return out;
}

std::string FormatKeystore(std::string_view unsealer_id, std::uint64_t generation,
                           const std::vector<KeyEntry>& entries) {
  std::string out = HeaderJson(unsealer_id, generation, entries.size()).dump() + "\n";
  for (const KeyEntry& e : entries) out += EntryJson(e).dump() + "\n";
  return out;
}

KeystoreReader::KeystoreReader(std::string_view origin, std::string_view unsealer_id,
                               std::uint64_t total_bytes, Keep keep)
    : origin_(origin), unsealer_id_(unsealer_id), total_bytes_(total_bytes), keep_(keep) {}

Status KeystoreReader::Header(std::string_view line, const std::string& where) {
  KR_ASSIGN_OR_RETURN(const Json j, io::ParseJsonObject(line, where));
  KR_RETURN_IF_ERROR(CheckHeader(j, where, unsealer_id_, expected_));
  entries_.reserve(std::min<std::uint64_t>(expected_, total_bytes_ / kMinEntryLineBytes));
  return OkStatus();
}

Status KeystoreReader::Line(std::string_view line, bool complete) {
  const std::string where = LineOrigin(origin_, ++line_no_);
  if (!complete) return InvalidInput(where + ": truncated (no final newline)");
  if (line_no_ == 1) return Header(line, where);
  KR_ASSIGN_OR_RETURN(const Json j, io::ParseJsonObject(line, where));
  KR_ASSIGN_OR_RETURN(KeyEntry e, ReadEntry(j, where));
  if (keep_ == Keep::kPublic) std::string().swap(e.sealed);
  entries_.push_back(std::move(e));
  return OkStatus();
}

// Sorting positions by name finds every repeat with 4 bytes an entry, where a set of the names
// took about 70; the repeat reported is the earliest line that repeats a name before it.
Status KeystoreReader::CheckNamesUnique() const {
  std::vector<std::uint32_t> order(entries_.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [this](std::uint32_t a, std::uint32_t b) {
    const int c = entries_[a].name.compare(entries_[b].name);
    return c < 0 || (c == 0 && a < b);
  });
  std::size_t first_repeat = SIZE_MAX;
  for (std::size_t i = 1; i < order.size(); ++i) {
    if (entries_[order[i]].name != entries_[order[i - 1]].name) continue;
    first_repeat = std::min<std::size_t>(first_repeat, order[i]);
  }
  if (first_repeat == SIZE_MAX) return OkStatus();
  return InvalidInput(LineOrigin(origin_, first_repeat + 2) + ": repeats name " +
                      entries_[first_repeat].name);
}

Result<std::vector<KeyEntry>> KeystoreReader::Finish() {
  if (line_no_ == 0) return InvalidInput(origin_ + ": empty");
  KR_RETURN_IF_ERROR(CheckNamesUnique());
  if (entries_.size() != expected_) {
    return InvalidInput(origin_ + ": holds " + std::to_string(entries_.size()) +
                        " entries, its header says " + std::to_string(expected_));
  }
  return std::move(entries_);
}

Result<std::vector<KeyEntry>> ParseKeystore(std::string_view text, std::string_view origin,
                                            std::string_view unsealer_id) {
  KeystoreReader reader(origin, unsealer_id, text.size());
  KR_RETURN_IF_ERROR(SplitLines(text, [&reader](std::string_view line, bool complete) {
    return reader.Line(line, complete);
  }));
  return reader.Finish();
}

const KeyEntry* FindEntry(const std::vector<KeyEntry>& entries, std::string_view name) {
  for (const KeyEntry& e : entries) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

}  // namespace keyrite::unsealer
