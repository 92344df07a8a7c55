// libFuzzer target for ceremony and paper templates, TOML (paper/template.h): ParseTemplate
// refuses bad TOML, keys, types, ranges and placeholders with a one-line message naming them.
#include <cstddef>
#include <cstdint>

#include "fuzz_util.h"
#include "paper/template.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace keyrite;
  const Result<paper::Template> parsed =
      paper::ParseTemplate(fuzz::AsText(data, size), "fuzz.toml", "");
  if (!parsed.ok()) {
    fuzz::CheckRefusal(parsed.status());
    return 0;
  }
  KR_CHECK(parsed->qr.module_mm >= paper::kMinModuleMm);
  KR_CHECK(parsed->groups_per_line >= 1 && parsed->groups_per_line <= 5);
  return 0;
}
