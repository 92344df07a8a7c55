#include "unsealer/audit_log.h"

#include "base/clock.h"
#include "base/digest.h"
#include "base/hex.h"
#include "io/json_fields.h"
#include "unsealer/line_file.h"

namespace keyrite::unsealer {
namespace {

using io::Json;
using io::JsonFields;

Result<AuditRecord> ReadRecord(std::string_view line, const std::string& where) {
  KR_ASSIGN_OR_RETURN(const Json j, io::ParseJsonObject(line, where));
  const JsonFields f(j, "", where);
  KR_RETURN_IF_ERROR(f.OnlyThese({"seq", "time", "action", "details", "prev"}));
  AuditRecord r;
  KR_ASSIGN_OR_RETURN(const std::int64_t seq, f.Integer("seq", 1, INT64_MAX));
  r.seq = static_cast<std::uint64_t>(seq);
  KR_ASSIGN_OR_RETURN(r.time, f.UtcTime("time"));
  KR_ASSIGN_OR_RETURN(r.action, f.String("action"));
  KR_ASSIGN_OR_RETURN(const Json* details, f.Typed("details", false));
  for (const auto& item : details->items()) {
    if (!item.value().is_string()) return f.Bad("details", "must map names to strings");
    r.details.emplace_back(item.key(), item.value().get<std::string>());
  }
  KR_ASSIGN_OR_RETURN(r.prev, f.Hex("prev", 64, false));
  return r;
}

// Checks every line and the chain, handing each record to `keep`; the number of records.
template <typename Keep>
Result<std::uint64_t> WalkAuditLog(std::string_view text, std::string_view origin, Keep keep) {
  AuditChain chain(origin);
  KR_RETURN_IF_ERROR(SplitLines(text, [&](std::string_view line, bool complete) -> Status {
    KR_ASSIGN_OR_RETURN(AuditRecord r, chain.Line(line, complete));
    keep(std::move(r));
    return OkStatus();
  }));
  return chain.count();
}

}  // namespace

Result<AuditRecord> AuditChain::Line(std::string_view line, bool complete) {
  const std::string where = origin_ + " line " + std::to_string(count_ + 1);
  if (!complete) return Corrupt(where + ": truncated (no final newline)");
  KR_ASSIGN_OR_RETURN(AuditRecord r, ReadRecord(line, where));
  if (r.seq != count_ + 1) return Corrupt(where + ": sequence number out of order");
  if (r.prev != head_) return Corrupt(where + ": does not follow the line before it");
  head_ = AuditLineHash(line);
  ++count_;
  return r;
}

std::string FormatAuditRecord(const AuditRecord& record) {
  Json j = Json::object();
  j["seq"] = record.seq;
  j["time"] = FormatUtc(record.time);
  j["action"] = record.action;
  j["details"] = Json::object();
  for (const auto& [key, value] : record.details) j["details"][key] = value;
  j["prev"] = record.prev;
  return j.dump() + "\n";
}

std::string AuditLineHash(std::string_view line) {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  return ToHex(Sha256(line));
}

Result<std::vector<AuditRecord>> ParseAuditLog(std::string_view text, std::string_view origin) {
  std::vector<AuditRecord> records;
  KR_RETURN_IF_ERROR(
      WalkAuditLog(text, origin, [&records](AuditRecord r) { records.push_back(std::move(r)); })
          .status());
  return records;
}

Result<std::uint64_t> CheckAuditLog(std::string_view text, std::string_view origin) {
  return WalkAuditLog(text, origin, [](const AuditRecord&) {});
}

std::string AuditHead(std::string_view text) {
  if (text.empty()) return std::string(kAuditGenesis);
  text.remove_suffix(1);  // the final newline
  const std::size_t start = text.rfind('\n');
  return AuditLineHash(start == std::string_view::npos ? text : text.substr(start + 1));
}

}  // namespace keyrite::unsealer
