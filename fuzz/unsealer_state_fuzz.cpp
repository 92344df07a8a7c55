// libFuzzer target for unsealer state files (unsealer/state.h): ParseState refuses bad JSON with
// a message, and whatever it accepts formats and parses back to the same state, with a signing
// message that can be computed.
#include <cstddef>
#include <cstdint>

#include "fuzz_util.h"
#include "unsealer/state.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace keyrite;
  const Result<unsealer::UnsealerState> parsed =
      unsealer::ParseState(fuzz::AsText(data, size), "fuzz");
  if (!parsed.ok()) {
    fuzz::CheckRefusal(parsed.status());
    return 0;
  }
  KR_CHECK(!unsealer::StateSigningMessage(*parsed).empty());
  const Result<unsealer::UnsealerState> again =
      unsealer::ParseState(unsealer::FormatState(*parsed), "again");
  KR_CHECK(again.ok() && *again == *parsed);
  return 0;
}
