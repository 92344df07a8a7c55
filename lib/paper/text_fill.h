#pragma once
// Placeholders in template wording: "{index}", "{count}", "{threshold}", "{set}", "{part}",
// "{parts}", "{page}", "{pages}". Only public facts are ever filled in. "{{" stands for "{".

#include <string>
#include <string_view>

#include "base/status.h"

namespace keyrite::paper {

struct FillValues {
  std::string index, count, threshold, set, part, parts, page, pages;
};

// `pattern` with each placeholder replaced (an unknown one is kept as written).
std::string Fill(std::string_view pattern, const FillValues& values);

// InvalidInput naming `key` when `text` has an unknown or unterminated placeholder.
Status CheckPlaceholders(std::string_view text, std::string_view key);

}  // namespace keyrite::paper
