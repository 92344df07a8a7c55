// libFuzzer target for transcripts v1 (transcript/verify.h, transcript/record.h): verification
// never fails as a call; a rejected transcript names a record inside the text and says why in one
// line; an accepted one has a header, and every line parses on its own.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_util.h"
#include "transcript/record.h"
#include "transcript/verify.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace keyrite;
  const std::string_view text = fuzz::AsText(data, size);
  for (const bool closed : {true, false}) {
    const transcript::VerifyReport report =
        transcript::VerifyTranscript(text, {.require_closed = closed});
    if (!report.ok()) {
      fuzz::CheckRefusal(report.status);
      continue;
    }
    KR_CHECK(report.header.has_value());
    KR_CHECK(report.checkpoint.has_value() || !closed);
    KR_CHECK(report.signed_bytes <= text.size());
    for (const std::string_view line : fuzz::Lines(text, 1u << 20)) {
      KR_CHECK(transcript::ParseLine(line, "line").ok());
    }
  }
  return 0;
}
