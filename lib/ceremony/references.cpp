#include "ceremony/references.h"

#include "base/shown_text.h"

namespace keyrite::ceremony {
namespace {

bool IsNameChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

bool IsName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (!IsNameChar(c)) return false;
  }
  return true;
}

// Walks `text`, calling on_text for literal runs and on_ref for each reference name.
template <typename OnText, typename OnRef>
Status Walk(std::string_view text, OnText&& on_text, OnRef&& on_ref) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool doubled = i + 1 < text.size() && text[i + 1] == c;
    if ((c == '{' || c == '}') && doubled) {
      on_text(c);
      ++i;
    } else if (c == '}') {
      return InvalidInput("a '}' without its '{' in " + ShownText(text) + " (write }} for a brace)");
    } else if (c == '{') {
      const std::size_t end = text.find('}', i);
      const std::string_view name =
          end == std::string_view::npos ? text.substr(i + 1) : text.substr(i + 1, end - i - 1);
      if (end == std::string_view::npos || !IsName(name)) {
        return InvalidInput("bad reference in " + ShownText(text) +
                            ": write {name} with a-z, 0-9 and _");
      }
      KR_RETURN_IF_ERROR(on_ref(name));
      i = end;
    } else {
      on_text(c);
    }
  }
  return OkStatus();
}

}  // namespace

Result<std::vector<std::string>> ReferencesIn(std::string_view text) {
  std::vector<std::string> names;
  KR_RETURN_IF_ERROR(Walk(text, [](char) {}, [&](std::string_view name) {
    names.emplace_back(name);
    return OkStatus();
  }));
  return names;
}

std::optional<std::string> WholeReference(std::string_view text) {
  if (text.size() < 3 || text.front() != '{' || text.back() != '}') return std::nullopt;
  const std::string_view name = text.substr(1, text.size() - 2);
  if (!IsName(name)) return std::nullopt;
  return std::string(name);
}

Result<std::string> Substitute(std::string_view text, const Lookup& lookup) {
  std::string out;
  KR_RETURN_IF_ERROR(Walk(text, [&](char c) { out.push_back(c); }, [&](std::string_view name) {
    const std::optional<std::string> value = lookup(name);
    if (!value) return NotFound("{" + std::string(name) + "} has no value");
    out += *value;
    return OkStatus();
  }));
  return out;
}

}  // namespace keyrite::ceremony
