// libFuzzer target for ceremony scripts, TOML (ceremony/script_parse.h, ceremony/lint.h):
// ParseScript refuses bad TOML, keys, types, ids and sizes with one line naming file:line and
// key; whatever it accepts is within the bounds of script.h and lints without a crash, every
// finding one line.
#include <cstddef>
#include <cstdint>

#include "ceremony/lint.h"
#include "ceremony/script_parse.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace keyrite;
  const Result<ceremony::Script> parsed =
      ceremony::ParseScript(fuzz::AsText(data, size), "fuzz.toml");
  if (!parsed.ok()) {
    fuzz::CheckRefusal(parsed.status());
    return 0;
  }
  KR_CHECK(parsed->format == ceremony::kFormatV1);
  KR_CHECK(parsed->acts.size() <= ceremony::kMaxActs);
  KR_CHECK(ceremony::AllSteps(*parsed).size() <= ceremony::kMaxSteps);
  for (const ceremony::Step* step : ceremony::AllSteps(*parsed)) {
    KR_CHECK(!step->id.empty() && !step->number.empty());
    KR_CHECK(ceremony::FindStep(*parsed, step->id) == step);  // ids are unique
  }
  for (const ceremony::Finding& f : ceremony::LintScript(*parsed)) {
    KR_CHECK(!f.message.empty());
    KR_CHECK(ceremony::FormatFinding(f).find('\n') == std::string::npos);
  }
  return 0;
}
