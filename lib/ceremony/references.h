#pragma once
// "{name}" references inside script strings: to a parameter, or to a field recorded by an
// earlier step. The linter checks every name; the runner substitutes them just before a step
// runs. "{{" and "}}" stand for literal braces. Values are public (a script holds no secret).

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace keyrite::ceremony {

// The names referenced in `text`, in order; InvalidInput for an unclosed "{", a stray "}" or a
// name that is not [a-z0-9_]+.
Result<std::vector<std::string>> ReferencesIn(std::string_view text);

// The name when `text` is exactly one reference ("{threshold}"), else nullopt.
std::optional<std::string> WholeReference(std::string_view text);

// `text` with each reference replaced by lookup(name); NotFound naming the first unknown one.
using Lookup = std::function<std::optional<std::string>(std::string_view name)>;
Result<std::string> Substitute(std::string_view text, const Lookup& lookup);

}  // namespace keyrite::ceremony
