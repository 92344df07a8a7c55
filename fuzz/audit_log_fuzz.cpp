// libFuzzer target for unsealer audit logs (unsealer/audit_log.h): ParseAuditLog refuses a bad
// line or chain with a message; a log it accepts has a head, and its records formatted again
// give a log that is accepted too, record for record.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_util.h"
#include "unsealer/audit_log.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace keyrite;
  const std::string_view text = fuzz::AsText(data, size);
  const Result<std::vector<unsealer::AuditRecord>> parsed = unsealer::ParseAuditLog(text, "fuzz");
  if (!parsed.ok()) {
    fuzz::CheckRefusal(parsed.status());
    return 0;
  }
  KR_CHECK(unsealer::AuditHead(text).size() == unsealer::kAuditGenesis.size());
  std::string again_text;
  std::string prev(unsealer::kAuditGenesis);
  for (unsealer::AuditRecord record : *parsed) {
    record.prev = prev;
    const std::string line = unsealer::FormatAuditRecord(record);
    prev = unsealer::AuditLineHash(std::string_view(line).substr(0, line.size() - 1));
    again_text += line;
  }
  const Result<std::vector<unsealer::AuditRecord>> again =
      unsealer::ParseAuditLog(again_text, "again");
  KR_CHECK(again.ok() && again->size() == parsed->size());
  return 0;
}
