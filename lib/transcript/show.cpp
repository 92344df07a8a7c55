#include "transcript/show.h"

#include <algorithm>
#include <array>

#include "base/clock.h"
#include "base/hex.h"

namespace keyrite::transcript {
namespace {

constexpr std::size_t kShortDigestChars = 16;

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

void AddDigests(const Digests& digests, const char* tag, std::vector<std::string>& out) {
  for (const auto& [name, digest] : digests) {
    out.push_back(std::string(tag) + " " + name + "  sha256:" +
                  ToHex(digest).substr(0, kShortDigestChars) + "...");
  }
}

ShowRow RowOf(const StepRecord& r) {
  ShowRow row{std::to_string(r.seq), FormatUtc(r.time), r.step.step.empty() ? "-" : r.step.step,
              Join(r.step.roles), r.step.action, {}, r.step.exception_text};
  for (const auto& [name, value] : r.step.params) row.details.push_back(name + " = " + value);
  AddDigests(r.step.inputs, "in ", row.details);
  AddDigests(r.step.outputs, "out", row.details);
  return row;
}

std::string Pad(const std::string& text, std::size_t width) {
  return text + std::string(width > text.size() ? width - text.size() : 0, ' ');
}

using Cells = std::array<std::string, 5>;

std::string Line(const Cells& cells, const std::array<std::size_t, 5>& widths) {
  std::string out;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    out += i + 1 < cells.size() ? Pad(cells[i], widths[i]) + "  " : cells[i];
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + "\n";
}

std::string Table(const std::vector<ShowRow>& rows) {
  const Cells head = {"#", "TIME (UTC)", "STEP", "ROLES", "ACTION"};
  std::array<std::size_t, 5> w{};
  for (std::size_t i = 0; i < head.size(); ++i) w[i] = head[i].size();
  for (const ShowRow& r : rows) {
    const Cells c = {r.record, r.time, r.step, r.roles, r.action};
    for (std::size_t i = 0; i < c.size(); ++i) w[i] = std::max(w[i], c[i].size());
  }
  std::string out = Line(head, w);
  const std::string indent(w[0] + w[1] + w[2] + 6, ' ');
  for (const ShowRow& r : rows) {
    out += Line({r.record, r.time, r.step, r.roles, r.action}, w);
    for (const std::string& d : r.details) out += indent + "  " + d + "\n";
    if (!r.exception.empty()) out += indent + "  EXCEPTION: " + r.exception + "\n";
  }
  return out;
}

}  // namespace

std::vector<ShowRow> ShowTranscript(const VerifyReport& report) {
  std::vector<ShowRow> rows;
  for (const StepRecord& r : report.steps) rows.push_back(RowOf(r));
  return rows;
}

std::vector<std::string> ShowTitle(const VerifyReport& report) {
  if (!report.header) return {"(no readable header)"};
  const Header& h = *report.header;
  std::vector<std::string> lines;
  if (h.rehearsal) lines.push_back("REHEARSAL - throwaway identities, not a real ceremony");
  lines.push_back("Ceremony: " + h.ceremony);
  lines.push_back("Transcript: " + h.id + ", created " + FormatUtc(h.created));
  return lines;
}

std::string FormatShowTable(const VerifyReport& report) {
  std::string out;
  for (const std::string& line : ShowTitle(report)) out += line + "\n";
  out += "\n" + Table(ShowTranscript(report));
  if (report.checkpoint) {
    const CheckpointRecord& c = *report.checkpoint;
    out += "\nClosed at record " + std::to_string(c.seq) + ", signed by " + c.signer + "\n";
    out += "Closing digest: " + ToHex(c.digest) + "\n";
    out += "Read aloud:     " + c.words + "\n";
  } else {
    out += "\n(no closing checkpoint)\n";
  }
  return out;
}

}  // namespace keyrite::transcript
