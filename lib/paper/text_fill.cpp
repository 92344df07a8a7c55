#include "paper/text_fill.h"

#include <array>
#include <utility>

namespace keyrite::paper {
namespace {

using Field = std::string FillValues::*;
constexpr std::array<std::pair<std::string_view, Field>, 8> kNames = {{
    {"index", &FillValues::index},
    {"count", &FillValues::count},
    {"threshold", &FillValues::threshold},
    {"set", &FillValues::set},
    {"part", &FillValues::part},
    {"parts", &FillValues::parts},
    {"page", &FillValues::page},
    {"pages", &FillValues::pages},
}};

const Field* Lookup(std::string_view name) {
  for (const auto& [known, field] : kNames) {
    if (known == name) return &field;
  }
  return nullptr;
}

}  // namespace

std::string Fill(std::string_view pattern, const FillValues& values) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern.compare(i, 2, "{{") == 0) {
      out += '{';
      ++i;
      continue;
    }
    const std::size_t close = pattern[i] == '{' ? pattern.find('}', i) : std::string_view::npos;
    const Field* field =
        close == std::string_view::npos ? nullptr : Lookup(pattern.substr(i + 1, close - i - 1));
    if (field == nullptr) {
      out += pattern[i];
      continue;
    }
    out += values.*(*field);
    i = close;
  }
  return out;
}

Status CheckPlaceholders(std::string_view text, std::string_view key) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "{{") == 0) {
      ++i;
      continue;
    }
    if (text[i] != '{') continue;
    const std::size_t close = text.find('}', i);
    if (close == std::string_view::npos) {
      return InvalidInput(std::string(key) + ": '{' without a closing '}' (write {{ for a brace)");
    }
    const std::string_view name = text.substr(i + 1, close - i - 1);
    if (Lookup(name) == nullptr) {
      return InvalidInput(std::string(key) + ": unknown placeholder {" + std::string(name) +
                          "} (known: index count threshold set part parts page pages)");
    }
    i = close;
  }
  return OkStatus();
}

}  // namespace keyrite::paper
