// libFuzzer target for share codec v1: ParseShareV1 must never crash, hang or read out of bounds
// on arbitrary bytes, and whatever it accepts must be canonical: formatting the parsed share gives
// back exactly the normalized input (one line per share, so no two texts mean the same share).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/check.h"
#include "share/share_v1.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace keyrite;
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  const Result<share::Share> parsed = share::ParseShareV1(line);
  if (!parsed.ok()) {
    KR_CHECK(!parsed.status().message().empty());
    KR_CHECK(parsed.status().message().find('\n') == std::string::npos);
    return 0;
  }
  const secmem::SecureBytes again = share::FormatShareV1(*parsed);
  const secmem::SecureBytes normalized = share::NormalizeShareV1Text(line);
  KR_CHECK(again.view() == normalized.view());
  return 0;
}
