#pragma once
// Input text quoted in an error message: messages are one line a person can act on, so text that
// came from a file or a keyboard is shown with control and non-ASCII bytes as '?' and cut short.
// Only for public text: never pass a secret.

#include <cstddef>
#include <string>
#include <string_view>

namespace keyrite {

inline constexpr std::size_t kMaxShownChars = 40;

// At most max_chars characters of `text`, then "..." if it was longer.
inline std::string ShownText(std::string_view text, std::size_t max_chars = kMaxShownChars) {
  std::string out(text.substr(0, max_chars));
  for (char& c : out) {
    if (c < 0x20 || c > 0x7e) c = '?';
  }
  return text.size() > max_chars ? out + "..." : out;
}

}  // namespace keyrite
