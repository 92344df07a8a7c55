#pragma once
// The unsealer's audit log: one JSON line per state change, each carrying the SHA-256 of the line
// before it, so an edit, deletion, reordering or truncation breaks the chain at a named line.
// Records hold public facts only (names, kinds, fingerprints, counts, digests), never secrets.
// The head (hash of the last line) is recorded in the signed unsealer.json.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace keyrite::unsealer {

using AuditDetails = std::vector<std::pair<std::string, std::string>>;

struct AuditRecord {
  std::uint64_t seq = 0;  // 1, 2, …
  std::int64_t time = 0;  // Unix seconds
  std::string action;     // "unsealer init", "keystore add", …
  AuditDetails details;
  std::string prev;  // hash of the previous line; 64 zeros for the first
};

inline constexpr std::string_view kAuditGenesis =
    "0000000000000000000000000000000000000000000000000000000000000000";

// One line (with its newline) for `record`.
std::string FormatAuditRecord(const AuditRecord& record);

// The hash that the next record's `prev` must carry: SHA-256 of `line` without its newline.
std::string AuditLineHash(std::string_view line);

// Checks a log one line at a time (sequence and chain), so a file is checked as it is read
// (unsealer/line_file.h); it keeps only the count and the head. Errors as ParseAuditLog's.
class AuditChain {
 public:
  explicit AuditChain(std::string_view origin) : origin_(origin) {}

  // The next line without its newline; `complete` is false for a last line with no newline.
  Result<AuditRecord> Line(std::string_view line, bool complete);
  std::uint64_t count() const { return count_; }
  // The hash of the last line checked (kAuditGenesis before any).
  const std::string& head() const { return head_; }

 private:
  std::string origin_;
  std::uint64_t count_ = 0;
  std::string head_ = std::string(kAuditGenesis);
};

// Checks every line and the chain. Errors name `origin` and the first bad line (Corrupt for a
// broken chain or sequence, InvalidInput for a malformed line).
Result<std::vector<AuditRecord>> ParseAuditLog(std::string_view text, std::string_view origin);

// The same checks without keeping the records (which take about twice the log's size in memory):
// how many records the log holds.
Result<std::uint64_t> CheckAuditLog(std::string_view text, std::string_view origin);

// The hash of the last line of a verified log (kAuditGenesis when empty).
std::string AuditHead(std::string_view text);

}  // namespace keyrite::unsealer
