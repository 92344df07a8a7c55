#include "transcript/transcript_pdf.h"

#include <cairo-pdf.h>

#include <algorithm>

#include "base/clock.h"
#include "base/hex.h"
#include "io/files.h"
#include "paper/cairo_handle.h"
#include "transcript/show.h"

namespace keyrite::transcript {
namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double kPageW = 210, kPageH = 297, kMargin = 15;
constexpr double kBodyMm = 2.9, kSmallMm = 2.4, kLineMm = 3.6, kPadMm = 1.5;
constexpr double kMinRowMm = 10;  // room to initial
constexpr double kSignRowMm = 14;
// Columns: #, time, step, roles, action and details, initials (sum: the 180 mm between margins).
constexpr double kCol[] = {10, 36, 13, 30, 69, 22};
constexpr const char* kHead[] = {"#", "Time (UTC)", "Step", "Roles", "Action and details",
                                 "Initials"};
constexpr std::size_t kCols = std::size(kCol);

void Font(cairo_t* cr, double size, bool bold = false) {
  cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
}

double Width(cairo_t* cr, const std::string& text) {
  cairo_text_extents_t e;
  cairo_text_extents(cr, text.c_str(), &e);
  return e.x_advance;
}

// Breaks `word` (wider than `width`) at character boundaries (never inside a UTF-8 sequence).
void BreakWord(cairo_t* cr, const std::string& word, double width, std::vector<std::string>& out) {
  std::string piece;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const bool starts_char = (static_cast<unsigned char>(word[i]) & 0xC0) != 0x80;
    if (starts_char && !piece.empty() && Width(cr, piece + word[i]) > width) {
      out.push_back(piece);
      piece.clear();
    }
    piece += word[i];
  }
  out.push_back(piece);
}

std::vector<std::string> Wrap(cairo_t* cr, const std::string& text, double width) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(' ', start), text.size());
    const std::string word = text.substr(start, end - start);
    start = end + 1;
    const std::string joined = line.empty() ? word : line + " " + word;
    if (Width(cr, joined) <= width) {
      line = joined;
      continue;
    }
    if (!line.empty()) lines.push_back(line);
    line.clear();
    if (Width(cr, word) <= width) {
      line = word;
    } else {
      BreakWord(cr, word, width, lines);
      line = lines.back();
      lines.pop_back();
    }
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

// "2026-11-22T01:20:00Z" -> "2026-11-22 01:20:00" (the column heading says UTC).
std::string PaperTime(std::string time) {
  if (time.size() == 20) time = time.substr(0, 10) + " " + time.substr(11, 8);
  return time;
}

class PdfLayout {
 public:
  PdfLayout(cairo_t* cr, const VerifyReport& report) : cr_(cr), report_(report) {}

  void Draw() {
    NewPage();
    for (const ShowRow& row : ShowTranscript(report_)) DrawRow(row);
    DrawClosing();
    cairo_show_page(cr_);
  }

 private:
  void NewPage() {
    if (page_ > 0) cairo_show_page(cr_);
    ++page_;
    y_ = kMargin;
    const std::vector<std::string> title = ShowTitle(report_);
    Font(cr_, 4.2, true);
    Text(kMargin, y_ + 4.2, "keyrite ceremony transcript");
    y_ += 7;
    for (const std::string& line : title) {
      Font(cr_, kBodyMm, line.rfind("REHEARSAL", 0) == 0);
      Text(kMargin, y_ + kBodyMm, line);
      y_ += kLineMm + 0.6;
    }
    Footer();
    y_ += 3;
    TableHead();
  }

  void Footer() {
    Font(cr_, kSmallMm);
    const std::string text = "Transcript " + report_.header->id + "  -  page " +
                             std::to_string(page_) + "  -  closing digest " +
                             ToHex(report_.checkpoint->digest).substr(0, 16) + "...";
    Text(kMargin, kPageH - kMargin + 5, text);
  }

  void TableHead() {
    Font(cr_, kBodyMm, true);
    const double h = kLineMm + 2 * kPadMm;
    double x = kMargin;
    for (std::size_t i = 0; i < kCols; ++i) {
      cairo_rectangle(cr_, x, y_, kCol[i], h);
      Text(x + kPadMm, y_ + kPadMm + kBodyMm, kHead[i]);
      x += kCol[i];
    }
    Stroke();
    y_ += h;
  }

  // The wrapped lines of each column: the action in bold first, then details in small type.
  std::vector<std::vector<std::string>> Cells(const ShowRow& row) {
    std::vector<std::vector<std::string>> cells(kCols);
    Font(cr_, kBodyMm);
    const std::string plain[] = {row.record, PaperTime(row.time), row.step, row.roles};
    for (std::size_t i = 0; i < 4; ++i) cells[i] = Wrap(cr_, plain[i], kCol[i] - 2 * kPadMm);
    Font(cr_, kBodyMm, true);
    cells[4] = Wrap(cr_, row.action, kCol[4] - 2 * kPadMm);
    action_lines_ = cells[4].size();
    Font(cr_, kSmallMm);
    std::vector<std::string> more = row.details;
    if (!row.exception.empty()) more.push_back("EXCEPTION: " + row.exception);
    for (const std::string& d : more) {
      for (std::string& l : Wrap(cr_, d, kCol[4] - 2 * kPadMm)) cells[4].push_back(std::move(l));
    }
    return cells;
  }

  void DrawRow(const ShowRow& row) {
    const std::vector<std::vector<std::string>> cells = Cells(row);
    std::size_t lines = 0;
    for (const auto& c : cells) lines = std::max(lines, c.size());
    const double h = std::max(kMinRowMm, static_cast<double>(lines) * kLineMm + 2 * kPadMm);
    if (y_ + h > kPageH - kMargin) NewPage();
    double x = kMargin;
    for (std::size_t i = 0; i < kCols; ++i) {
      cairo_rectangle(cr_, x, y_, kCol[i], h);
      for (std::size_t l = 0; l < cells[i].size(); ++l) {
        const bool action = i == 4 && l < action_lines_;
        Font(cr_, i == 4 && !action ? kSmallMm : kBodyMm, action);
        Text(x + kPadMm, y_ + kPadMm + kBodyMm + static_cast<double>(l) * kLineMm, cells[i][l]);
      }
      x += kCol[i];
    }
    Stroke();
    y_ += h;
  }

  std::vector<std::string> Roles() const {
    std::vector<std::string> roles;
    for (const StepRecord& r : report_.steps) {
      for (const std::string& role : r.step.roles) {
        if (std::find(roles.begin(), roles.end(), role) == roles.end()) roles.push_back(role);
      }
    }
    if (std::find(roles.begin(), roles.end(), "auditor") == roles.end()) roles.push_back("auditor");
    return roles;
  }

  void DrawClosing() {
    const std::vector<std::string> roles = Roles();
    const double need = 48 + kSignRowMm * static_cast<double>(roles.size() + 1);
    if (y_ + need > kPageH - kMargin) NewPage();
    const CheckpointRecord& c = *report_.checkpoint;
    const std::string hex = ToHex(c.digest);
    y_ += 8;
    Font(cr_, 3.6, true);
    Text(kMargin, y_, "Closing checkpoint (record " + std::to_string(c.seq) + ")");
    y_ += 6;
    Font(cr_, kBodyMm);
    Text(kMargin, y_, "SHA-256: " + hex.substr(0, 32));
    Text(kMargin + 15.5, y_ + kLineMm + 0.5, hex.substr(32));
    y_ += 2 * kLineMm + 3;
    Font(cr_, 4.0, true);
    for (const std::string& line : Wrap(cr_, c.words, kPageW - 2 * kMargin)) {
      Text(kMargin, y_, line);
      y_ += 5.5;
    }
    Font(cr_, kSmallMm);
    Text(kMargin, y_, "Signed with Ed25519 key " + c.signer);
    y_ += 5;
    SignatureTable(roles);
  }

  void SignatureTable(const std::vector<std::string>& roles) {
    constexpr double kSignCol[] = {40, 55, 55, 30};
    constexpr const char* kSignHead[] = {"Role", "Name", "Signature", "Date"};
    for (std::size_t r = 0; r <= roles.size(); ++r) {
      const double h = r == 0 ? kLineMm + 2 * kPadMm : kSignRowMm;
      double x = kMargin;
      for (std::size_t i = 0; i < std::size(kSignCol); ++i) {
        cairo_rectangle(cr_, x, y_, kSignCol[i], h);
        Font(cr_, kBodyMm, r == 0);
        if (r == 0) Text(x + kPadMm, y_ + kPadMm + kBodyMm, kSignHead[i]);
        if (r > 0 && i == 0) Text(x + kPadMm, y_ + kPadMm + kBodyMm, roles[r - 1]);
        x += kSignCol[i];
      }
      Stroke();
      y_ += h;
    }
  }

  void Text(double x, double y, const std::string& text) {
    cairo_move_to(cr_, x, y);
    cairo_show_text(cr_, text.c_str());
  }

  void Stroke() {
    cairo_set_line_width(cr_, 0.25);
    cairo_stroke(cr_);
  }

  cairo_t* cr_;
  const VerifyReport& report_;
  int page_ = 0;
  double y_ = 0;
  std::size_t action_lines_ = 0;  // of the row being drawn: bold, the rest of its cell is small
};

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Result<std::string> RenderTranscriptPdf(const VerifyReport& report) {
  if (!report.ok()) return report.status;
  if (!report.checkpoint) return Refused("the transcript is not closed; close it before printing");
  std::string pdf;
  paper::CairoSurface surface(cairo_pdf_surface_create_for_stream(
      AppendToString, &pdf, kPageW * kPointsPerMm, kPageH * kPointsPerMm));
  const std::string date = FormatUtc(report.header->created);
  const std::string title = "keyrite transcript " + report.header->ceremony;
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "keyrite");
  {
    paper::Cairo cr = paper::NewMillimetreContext(surface.get(), kPointsPerMm);
    PdfLayout(cr.get(), report).Draw();
  }
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Internal("cairo could not produce the transcript PDF (" +
                    std::string(cairo_status_to_string(cairo_surface_status(surface.get()))) + ")");
  }
  return pdf;
}

Status WriteTranscriptPdf(const VerifyReport& report, const std::string& path) {
  if (io::PathExists(path)) return AlreadyExists(path + ": already exists; nothing was written");
  KR_ASSIGN_OR_RETURN(const std::string pdf, RenderTranscriptPdf(report));
  return io::WriteNewFile(path, pdf, io::FileMode::kPublic);
}

}  // namespace keyrite::transcript
