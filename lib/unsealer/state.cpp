// unsealer.json: writer and strict reader. The field names appear once each, here; the format is
// specified in docs/formats/unsealer-v1.md.

#include "base/shown_text.h"
#include "unsealer/state.h"

#include <set>

#include "base/base32.h"
#include "base/clock.h"
#include "base/hex.h"
#include "io/json_fields.h"
#include "share/share_v1.h"

namespace keyrite::unsealer {
namespace {

using io::Json;
using io::JsonFields;

constexpr std::size_t kSetIdChars = 13;

std::string DigestHex(const Sha256Digest& d) { return ToHex(d); }

Json CustodianJson(const Custodian& c) {
  Json j = Json::object();
  j["index"] = c.index;
  j["user_id"] = c.user_id;
  j["fingerprint"] = c.fingerprint;
  j["shard_file"] = c.shard_file;
  j["shard_sha256"] = DigestHex(c.shard_sha256);
  return j;
}

Json ShardSetJson(const ShardSet& s) {
  Json j = Json::object();
  j["set_id"] = SetIdText(s.set_id);
  j["threshold"] = s.threshold;
  j["dir"] = s.dir;
  j["manifest_sha256"] = DigestHex(s.manifest_sha256);
  j["custodians"] = Json::array();
  for (const Custodian& c : s.custodians) j["custodians"].push_back(CustodianJson(c));
  return j;
}

Json FileRefJson(const FileRef& f) {
  Json j = Json::object();
  j["file"] = f.file;
  j["sha256"] = DigestHex(f.sha256);
  j["count"] = f.count;
  return j;
}

Json PendingJson(const Pending& p) {
  Json j = Json::object();
  j["operation"] = p.operation;
  j["nonce"] = p.nonce;
  j["shards"] = ShardSetJson(p.shards);
  j["master_check"] = p.master_check;
  j["signing_key_sealed"] = p.signing_key_sealed;
  j["keystore"] = FileRefJson(p.keystore);
  return j;
}

Json UnsignedJson(const UnsealerState& s) {
  Json j = Json::object();
  j["format"] = kStateFormat;
  j["version"] = kStateVersion;
  j["unsealer_id"] = s.id;
  j["generation"] = s.generation;
  j["created"] = FormatUtc(s.created);
  j["changed"] = FormatUtc(s.changed);
  j["keyrite"] = Json{{"version", s.keyrite_version}, {"sha256", DigestHex(s.keyrite_sha256)}};
  j["shards"] = ShardSetJson(s.shards);
  j["retired_sets"] = s.retired_sets;
  j["master_check"] = s.master_check;
  j["signing_public_key"] = s.signing_public_key;
  j["signing_key_sealed"] = s.signing_key_sealed;
  j["keystore"] = FileRefJson(s.keystore);
  j["audit"] = FileRefJson(s.audit);
  j["audit_head"] = s.audit_head;
  j["pending"] = s.pending ? PendingJson(*s.pending) : Json(nullptr);
  return j;
}

// --- Reader ---

bool IsPlainFileName(std::string_view name) {
  return !name.empty() && name != "." && name != ".." && name.find('/') == std::string_view::npos &&
         name.find('\0') == std::string_view::npos;
}

Result<std::string> PlainName(const JsonFields& f, std::string_view field) {
  KR_ASSIGN_OR_RETURN(std::string name, f.String(field));
  if (!IsPlainFileName(name)) return f.Bad(field, "must be a file name without a directory");
  return name;
}

Result<share::SetId> ReadSetId(const JsonFields& f, std::string_view field) {
  KR_ASSIGN_OR_RETURN(const std::string text, f.String(field));
  share::SetId id{};
  if (text.size() != kSetIdChars || !Base32Decode(text, id).ok()) {
    return f.Bad(field, "must be a 13-character set id (base32, as keyrite shows it)");
  }
  return id;
}

Result<Custodian> ReadCustodian(const Json& value, const std::string& path,
                                std::string_view origin) {
  if (!value.is_object()) {
    return InvalidInput(std::string(origin) + ": field \"" + path + "\" must be an object");
  }
  const JsonFields f(value, path, origin);
  KR_RETURN_IF_ERROR(
      f.OnlyThese({"index", "user_id", "fingerprint", "shard_file", "shard_sha256"}));
  Custodian c;
  KR_ASSIGN_OR_RETURN(const std::int64_t index, f.Integer("index", 1, 255));
  c.index = static_cast<std::uint8_t>(index);
  KR_ASSIGN_OR_RETURN(c.user_id, f.String("user_id"));
  KR_ASSIGN_OR_RETURN(c.fingerprint, f.Hex("fingerprint", 40, true));
  KR_ASSIGN_OR_RETURN(c.shard_file, PlainName(f, "shard_file"));
  KR_ASSIGN_OR_RETURN(c.shard_sha256, f.Sha256("shard_sha256"));
  return c;
}

Status ReadCustodians(const JsonFields& f, ShardSet& s, std::string_view origin) {
  KR_ASSIGN_OR_RETURN(const Json* list, f.Typed("custodians", true));
  if (list->empty() || list->size() > 255 || list->size() < s.threshold) {
    return f.Bad("custodians", "must list between \"threshold\" and 255 custodians");
  }
  std::set<std::uint8_t> seen;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string path = f.Name("custodians") + "[" + std::to_string(i) + "]";
    KR_ASSIGN_OR_RETURN(Custodian c, ReadCustodian((*list)[i], path, origin));
    if (!seen.insert(c.index).second) return f.Bad("custodians", "repeats an index");
    s.custodians.push_back(std::move(c));
  }
  return OkStatus();
}

Result<ShardSet> ReadShardSet(const JsonFields& parent, std::string_view field,
                              std::string_view origin) {
  KR_ASSIGN_OR_RETURN(const JsonFields f, parent.Object(field));
  KR_RETURN_IF_ERROR(f.OnlyThese({"set_id", "threshold", "dir", "manifest_sha256", "custodians"}));
  ShardSet s;
  KR_ASSIGN_OR_RETURN(s.set_id, ReadSetId(f, "set_id"));
  KR_ASSIGN_OR_RETURN(const std::int64_t threshold, f.Integer("threshold", 1, 255));
  s.threshold = static_cast<std::uint8_t>(threshold);
  KR_ASSIGN_OR_RETURN(s.dir, PlainName(f, "dir"));
  KR_ASSIGN_OR_RETURN(s.manifest_sha256, f.Sha256("manifest_sha256"));
  KR_RETURN_IF_ERROR(ReadCustodians(f, s, origin));
  return s;
}

Result<FileRef> ReadFileRef(const JsonFields& parent, std::string_view field, bool may_be_empty) {
  KR_ASSIGN_OR_RETURN(const JsonFields f, parent.Object(field));
  KR_RETURN_IF_ERROR(f.OnlyThese({"file", "sha256", "count"}));
  FileRef r;
  KR_ASSIGN_OR_RETURN(r.file, f.String("file"));
  if (!(may_be_empty && r.file.empty()) && !IsPlainFileName(r.file)) {
    return f.Bad("file", "must be a file name without a directory");
  }
  KR_ASSIGN_OR_RETURN(r.sha256, f.Sha256("sha256"));
  KR_ASSIGN_OR_RETURN(const std::int64_t count, f.Integer("count", 0, INT64_MAX));
  r.count = static_cast<std::uint64_t>(count);
  return r;
}

Result<std::string> ReadBase64(const JsonFields& f, std::string_view field, bool may_be_empty) {
  KR_ASSIGN_OR_RETURN(std::string text, f.String(field));
  if (may_be_empty && text.empty()) return text;
  if (!FromBase64(text).ok() || text.empty()) return f.Bad(field, "must be base64");
  return text;
}

Result<Pending> ReadPending(const JsonFields& top, std::string_view origin) {
  KR_ASSIGN_OR_RETURN(const JsonFields f, top.Object("pending"));
  KR_RETURN_IF_ERROR(f.OnlyThese({"operation", "nonce", "shards", "master_check",
                                  "signing_key_sealed", "keystore"}));
  Pending p;
  KR_ASSIGN_OR_RETURN(p.operation, f.String("operation"));
  if (p.operation != "rekey" && p.operation != "rotate") {
    return f.Bad("operation", "must be \"rekey\" or \"rotate\"");
  }
  KR_ASSIGN_OR_RETURN(p.nonce, f.Hex("nonce", 16, false));
  KR_ASSIGN_OR_RETURN(p.shards, ReadShardSet(f, "shards", origin));
  KR_ASSIGN_OR_RETURN(p.master_check, f.Hex("master_check", 64, false));
  const bool rotate = p.operation == "rotate";
  KR_ASSIGN_OR_RETURN(p.signing_key_sealed, ReadBase64(f, "signing_key_sealed", !rotate));
  KR_ASSIGN_OR_RETURN(p.keystore, ReadFileRef(f, "keystore", !rotate));
  return p;
}

Status CheckFormatAndVersion(const JsonFields& top, std::string_view origin) {
  KR_ASSIGN_OR_RETURN(const std::string format, top.String("format"));
  if (format != kStateFormat) {
    return InvalidInput(std::string(origin) + ": not a keyrite unsealer state (format \"" +
                        ShownText(format) + "\")");
  }
  KR_ASSIGN_OR_RETURN(const std::int64_t version, top.Integer("version", 0, INT32_MAX));
  if (version != kStateVersion) {
    return Unsupported(std::string(origin) + ": unsealer state version " +
                       std::to_string(version) + " is not supported; this keyrite reads version " +
                       std::to_string(kStateVersion));
  }
  return OkStatus();
}

Status ReadIdentity(const JsonFields& top, UnsealerState& s) {
  KR_ASSIGN_OR_RETURN(s.id, top.Hex("unsealer_id", 16, false));
  KR_ASSIGN_OR_RETURN(const std::int64_t generation, top.Integer("generation", 1, INT64_MAX));
  s.generation = static_cast<std::uint64_t>(generation);
  KR_ASSIGN_OR_RETURN(s.created, top.UtcTime("created"));
  KR_ASSIGN_OR_RETURN(s.changed, top.UtcTime("changed"));
  KR_ASSIGN_OR_RETURN(const JsonFields keyrite, top.Object("keyrite"));
  KR_RETURN_IF_ERROR(keyrite.OnlyThese({"version", "sha256"}));
  KR_ASSIGN_OR_RETURN(s.keyrite_version, keyrite.String("version"));
  KR_ASSIGN_OR_RETURN(s.keyrite_sha256, keyrite.Sha256("sha256"));
  return OkStatus();
}

Status ReadRetired(const JsonFields& top, UnsealerState& s) {
  KR_ASSIGN_OR_RETURN(const Json* list, top.Typed("retired_sets", true));
  for (const Json& item : *list) {
    share::SetId id{};
    if (!item.is_string() || item.get<std::string>().size() != kSetIdChars ||
        !Base32Decode(item.get<std::string>(), id).ok()) {
      return top.Bad("retired_sets", "must hold set ids");
    }
    s.retired_sets.push_back(item.get<std::string>());
  }
  return OkStatus();
}

Status ReadKeysAndFiles(const JsonFields& top, UnsealerState& s) {
  KR_ASSIGN_OR_RETURN(s.master_check, top.Hex("master_check", 64, false));
  KR_ASSIGN_OR_RETURN(s.signing_public_key, top.Hex("signing_public_key", 64, false));
  KR_ASSIGN_OR_RETURN(s.signing_key_sealed, ReadBase64(top, "signing_key_sealed", false));
  KR_ASSIGN_OR_RETURN(s.keystore, ReadFileRef(top, "keystore", false));
  KR_ASSIGN_OR_RETURN(s.audit, ReadFileRef(top, "audit", false));
  KR_ASSIGN_OR_RETURN(s.audit_head, top.Hex("audit_head", 64, false));
  KR_ASSIGN_OR_RETURN(s.signature, top.Hex("signature", 128, false));
  return OkStatus();
}

}  // namespace

std::string SetIdText(const share::SetId& id) { return share::FormatSetId(id); }

std::string StateSigningMessage(const UnsealerState& state) {
  const nlohmann::json sorted = nlohmann::json::parse(UnsignedJson(state).dump());
  return "keyrite unsealer state v1\n" + sorted.dump();
}

std::string FormatState(const UnsealerState& state) {
  Json j = UnsignedJson(state);
  j["signature"] = state.signature;
  return j.dump(2) + "\n";
}

Result<UnsealerState> ParseState(std::string_view text, std::string_view origin) {
  KR_ASSIGN_OR_RETURN(const Json j, io::ParseJsonObject(text, origin));
  const JsonFields top(j, "", origin);
  KR_RETURN_IF_ERROR(CheckFormatAndVersion(top, origin));
  KR_RETURN_IF_ERROR(top.OnlyThese({"format", "version", "unsealer_id", "generation", "created",
                                    "changed", "keyrite", "shards", "retired_sets",
                                    "master_check", "signing_public_key", "signing_key_sealed",
                                    "keystore", "audit", "audit_head", "pending", "signature"}));
  UnsealerState s;
  KR_RETURN_IF_ERROR(ReadIdentity(top, s));
  KR_ASSIGN_OR_RETURN(s.shards, ReadShardSet(top, "shards", origin));
  KR_RETURN_IF_ERROR(ReadRetired(top, s));
  KR_RETURN_IF_ERROR(ReadKeysAndFiles(top, s));
  KR_ASSIGN_OR_RETURN(const Json* pending, top.Get("pending"));
  if (!pending->is_null()) {
    KR_ASSIGN_OR_RETURN(Pending p, ReadPending(top, origin));
    s.pending = std::move(p);
  }
  return s;
}

}  // namespace keyrite::unsealer
