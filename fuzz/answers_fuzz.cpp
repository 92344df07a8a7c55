// libFuzzer target for a rehearsal's answers file, TOML (ceremony/answers.h): ParseAnswers
// refuses bad TOML, unknown tables and values of the wrong type or size with one line naming
// file:line; whatever it accepts holds only non-empty strings within kMaxValueChars, and at most
// kMaxListItems values for a field.
#include <cstddef>
#include <cstdint>

#include "ceremony/answers.h"
#include "ceremony/script.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace keyrite;
  const Result<ceremony::Answers> parsed =
      ceremony::ParseAnswers(fuzz::AsText(data, size), "answers.toml");
  if (!parsed.ok()) {
    fuzz::CheckRefusal(parsed.status());
    return 0;
  }
  auto check = [](const std::string& value) {
    KR_CHECK(!value.empty() && value.size() <= ceremony::kMaxValueChars);
  };
  for (const auto& [role, initials] : parsed->initials) check(initials);
  for (const auto& [step, reason] : parsed->skip) check(reason);
  for (const auto& [field, values] : parsed->fields) {
    KR_CHECK(!values.empty() && values.size() <= ceremony::kMaxListItems);
    for (const std::string& v : values) check(v);
  }
  return 0;
}
