// libFuzzer target for unsealer keystore files, JSON Lines (unsealer/keystore.h): ParseKeystore
// refuses bad lines with a message, and the entries it accepts format and parse back unchanged.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_util.h"
#include "unsealer/keystore.h"

namespace {
constexpr std::string_view kUnsealerId = "0123456789abcdef";  // as in the seed corpus
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace keyrite;
  const Result<std::vector<unsealer::KeyEntry>> parsed =
      unsealer::ParseKeystore(fuzz::AsText(data, size), "fuzz", kUnsealerId);
  if (!parsed.ok()) {
    fuzz::CheckRefusal(parsed.status());
    return 0;
  }
  for (const unsealer::KeyEntry& e : *parsed) KR_CHECK(unsealer::CheckEntryName(e.name).ok());
  const std::string text = unsealer::FormatKeystore(kUnsealerId, 1, *parsed);
  const Result<std::vector<unsealer::KeyEntry>> again =
      unsealer::ParseKeystore(text, "again", kUnsealerId);
  KR_CHECK(again.ok() && *again == *parsed);
  return 0;
}
