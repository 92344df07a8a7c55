#include "share/share_file.h"

#include <cstring>

#include "share/share_v1.h"

namespace keyrite::share {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

struct NumberedLine {
  std::size_t number;
  std::string_view text;
};

std::vector<NumberedLine> ShareLines(std::string_view text) {
  std::vector<NumberedLine> lines;
  std::size_t number = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = Trim(text.substr(0, end));
    ++number;
    if (!line.empty() && line.front() != '#') lines.push_back({number, line});
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

}  // namespace

secmem::SecureBytes FormatShareFile(const Share& share, std::uint8_t count) {
  const std::string header = "# keyrite share " + std::to_string(share.index) + " of " +
                             std::to_string(count) + " (set " + FormatSetId(share.set_id) +
                             "; any " + std::to_string(share.threshold) + " recover)\n";
  const secmem::SecureBytes line = FormatShareV1(share);
  secmem::SecureBytes out(header.size() + line.size() + 1);
  std::memcpy(out.data(), header.data(), header.size());
  std::memcpy(out.data() + header.size(), line.data(), line.size());
  out[out.size() - 1] = '\n';
  return out;
}

Result<std::vector<SourcedShare>> ParseShareText(std::string_view origin, std::string_view text) {
  const std::vector<NumberedLine> lines = ShareLines(text);
  if (lines.empty()) return InvalidInput(std::string(origin) + ": no share line found");
  std::vector<SourcedShare> shares;
  for (const NumberedLine& line : lines) {
    std::string where(origin);
    if (lines.size() > 1) where += " line " + std::to_string(line.number);
    Result<Share> parsed = ParseShareV1(line.text);
    if (!parsed.ok()) return parsed.status().WithContext(where);
    shares.push_back({std::move(where), std::move(parsed).value()});
  }
  return shares;
}

}  // namespace keyrite::share
