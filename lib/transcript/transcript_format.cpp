#include "transcript/transcript_format.h"

#include <algorithm>

#include "base/digest.h"
#include "base/hex.h"

namespace keyrite::transcript {
namespace {

constexpr std::string_view kHashOpen = ",\"hash\":\"";
constexpr std::string_view kHashClose = "\"}";

bool IsLowerHex(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

std::string HashHex(std::string_view bytes) { return ToHex(Sha256(bytes)); }

std::string SealLine(std::string_view body) {
  KR_CHECK(body.size() >= 2 && body.front() == '{' && body.back() == '}');
  const std::string_view covered = body.substr(0, body.size() - 1);  // without the closing brace
  return std::string(covered) + std::string(kHashOpen) + HashHex(covered) +
         std::string(kHashClose) + "\n";
}

std::optional<SealedLine> SplitSealedLine(std::string_view line) {
  const std::size_t tail = kHashOpen.size() + kSha256Chars + kHashClose.size();
  if (line.size() < tail + 1) return std::nullopt;
  const std::size_t at = line.size() - tail;
  const std::string_view hash = line.substr(at + kHashOpen.size(), kSha256Chars);
  if (line.substr(at, kHashOpen.size()) != kHashOpen || !line.ends_with(kHashClose) ||
      !IsLowerHex(hash)) {
    return std::nullopt;
  }
  return SealedLine{line.substr(0, at), hash};
}

}  // namespace keyrite::transcript
