#include "keys/derivation_path.h"

#include <charconv>

#include "base/shown_text.h"

namespace keyrite::keys {
namespace {

bool IsHardenedMark(char c) { return c == '\'' || c == 'h' || c == 'H'; }

Result<std::uint32_t> ParseStep(std::string_view path, std::string_view step, std::size_t n) {
  const bool hardened = !step.empty() && IsHardenedMark(step.back());
  const std::string_view digits = hardened ? step.substr(0, step.size() - 1) : step;
  std::uint32_t index = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), index);
  const bool ok = !digits.empty() && ec == std::errc() && end == digits.data() + digits.size() &&
                  index < kHardenedOffset;
  if (!ok) {
    return InvalidArgument("derivation path " + ShownText(path) + ": step " + std::to_string(n) +
                           " '" + ShownText(step) +
                           "' is not a number below 2^31, optionally "
                           "followed by ' or h");
  }
  return hardened ? index + kHardenedOffset : index;
}

}  // namespace

Result<DerivationPath> ParseDerivationPath(std::string_view text) {
  if (text == "m" || text == "M") return DerivationPath{};
  if (text.size() < 2 || (text[0] != 'm' && text[0] != 'M') || text[1] != '/') {
    return InvalidArgument("derivation path '" + ShownText(text) +
                           "' must start with m/, e.g. m/44'/60'/0'/0/0");
  }
  DerivationPath path;
  std::string_view rest = text.substr(2);
  while (true) {
    const std::size_t slash = rest.find('/');
    KR_ASSIGN_OR_RETURN(const std::uint32_t index,
                        ParseStep(text, rest.substr(0, slash), path.size() + 1));
    path.push_back(index);
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);
  }
  if (path.size() > kMaxPathDepth) {
    return InvalidArgument("derivation path " + ShownText(text) + " has " +
                           std::to_string(path.size()) + " steps; at most 255 are allowed");
  }
  return path;
}

std::string FormatDerivationPath(std::span<const std::uint32_t> path) {
  std::string out = "m";
  for (const std::uint32_t index : path) {
    out += '/';
    out += std::to_string(index & ~kHardenedOffset);
    if (IsHardened(index)) out += '\'';
  }
  return out;
}

}  // namespace keyrite::keys
