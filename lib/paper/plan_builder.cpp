#include "paper/plan_builder.h"

#include <algorithm>
#include <string>

#include "paper/qr_parts.h"

namespace keyrite::paper {
namespace {

constexpr double kLineSpacing = 1.4;    // line height / font size
constexpr double kFooterSpaceMm = 7.0;  // kept free above the bottom margin for the footer
constexpr double kGapMm = 2.5;          // between blocks

std::string FormatFingerprint(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i < hex.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += ' ';
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(hex[i])));
  }
  return out;
}

}  // namespace

PlanBuilder::PlanBuilder(SheetPlan& plan, const Template& tmpl, FillValues values)
    : plan_(plan),
      tmpl_(tmpl),
      values_(std::move(values)),
      measure_surface_(cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1)),
      measure_(NewMillimetreContext(measure_surface_.get(), 1.0)) {
  plan_.width_mm = PageWidthMm(tmpl.page.size);
  plan_.height_mm = PageHeightMm(tmpl.page.size);
  plan_.fonts = tmpl.fonts;
  left_ = tmpl.page.margin_left_mm;
  width_ = plan_.width_mm - tmpl.page.margin_left_mm - tmpl.page.margin_right_mm;
  top_ = tmpl.page.margin_top_mm;
  bottom_ = plan_.height_mm - tmpl.page.margin_bottom_mm - kFooterSpaceMm;
  plan_.pages.emplace_back();
  y_ = top_;
}

void PlanBuilder::Need(double height) {
  if (y_ + height <= bottom_ || y_ <= top_) return;
  plan_.pages.emplace_back();
  y_ = top_;
  if (mark_pages_) ContinuationHeader();
}

// The set and share again, and the page marker code in the top right corner.
void PlanBuilder::ContinuationHeader() {
  const std::size_t page_number = plan_.pages.size();
  const auto index = static_cast<std::uint8_t>(std::stoul(values_.index));
  plan_.payloads.push_back(PageMarkerPayload(values_.set, index, page_number));
  Result<QrMatrix> code = EncodeQr(plan_.payloads.back().span(), tmpl_.qr.level);
  KR_CHECK(code.ok());  // a 30-character alphanumeric payload always fits
  const double module = tmpl_.qr.module_mm;
  const double side = static_cast<double>(code->width + 2 * kQrQuietZoneModules) * module;
  page().codes.push_back({left_ + width_ - side, y_, module, plan_.codes.size()});
  plan_.codes.push_back(std::move(code).value());
  const double start = y_;
  LabelledLine(tmpl_.text.set_label, values_.set, Style::kMonoBold);
  Line(Style::kHeading, tmpl_.text.share_of);
  y_ = std::max(y_, start + side);
  Rule();
}

double PlanBuilder::LineHeight(Style style) const {
  return StyleSizeMm(tmpl_.fonts, style) * kLineSpacing;
}

double PlanBuilder::TextWidth(Style style, std::string_view text) {
  SelectStyle(measure_.get(), tmpl_.fonts, style);
  const std::string copy(text);
  cairo_text_extents_t extents;
  cairo_text_extents(measure_.get(), copy.c_str(), &extents);
  return extents.x_advance;
}

double PlanBuilder::MonoWidth(Style style, std::size_t chars) {
  return TextWidth(style, std::string(chars, '0'));
}

std::vector<std::string> PlanBuilder::Wrap(Style style, std::string_view text, double width) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t space = std::min(text.find(' ', at), text.size());
    const std::string_view word = text.substr(at, space - at);
    const std::string candidate = line.empty() ? std::string(word) : line + " " + std::string(word);
    if (!line.empty() && TextWidth(style, candidate) > width) {
      lines.push_back(line);
      line = std::string(word);
    } else {
      line = candidate;
    }
    at = space + 1;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

void PlanBuilder::Line(Style style, std::string_view text, double x_offset) {
  const double height = LineHeight(style);
  Need(height);
  page().texts.push_back(
      {left_ + x_offset, y_ + StyleSizeMm(tmpl_.fonts, style), style, Fill(text, values_)});
  y_ += height;
}

void PlanBuilder::Paragraph(Style style, std::string_view text, std::string_view bullet) {
  const double indent = bullet.empty() ? 0 : TextWidth(style, bullet);
  const std::vector<std::string> lines = Wrap(style, Fill(text, values_), width_ - indent);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i == 0 && !bullet.empty()) {
      Need(LineHeight(style));
      page().texts.push_back(
          {left_, y_ + StyleSizeMm(tmpl_.fonts, style), style, std::string(bullet)});
    }
    Line(style, lines[i], indent);
  }
}

void PlanBuilder::LabelledLine(std::string_view label, std::string_view value, Style value_style) {
  const std::string head = Fill(label, values_) + ": ";
  const double height = std::max(LineHeight(Style::kBody), LineHeight(value_style));
  Need(height);
  const double baseline = y_ + StyleSizeMm(tmpl_.fonts, Style::kBody);
  page().texts.push_back({left_, baseline, Style::kBody, head});
  page().texts.push_back(
      {left_ + TextWidth(Style::kBody, head), baseline, value_style, std::string(value)});
  y_ += height;
}

void PlanBuilder::Rule() {
  Need(kGapMm * 2);
  y_ += kGapMm;
  page().rules.push_back({left_, y_, left_ + width_, y_, 0.3});
  y_ += kGapMm;
}

void PlanBuilder::Header(std::string_view title, std::string_view secret_label, const Logo* logo) {
  const double start = y_;
  double logo_height = 0;
  double text_width = width_;
  if (logo != nullptr) {
    const double w = tmpl_.logo.width_mm;
    logo_height = w * logo->height_px / logo->width_px;
    page().logo = LogoRun{left_ + width_ - w, y_, w};
    text_width -= w + kGapMm;
  }
  for (const std::string& line : Wrap(Style::kTitle, Fill(title, values_), text_width)) {
    Line(Style::kTitle, line);
  }
  if (!secret_label.empty()) {
    LabelledLine(tmpl_.text.secret_label, secret_label, Style::kBodyBold);
  }
  y_ = std::max(y_, start + logo_height);
}

void PlanBuilder::Facts(const SheetContent& content) {
  LabelledLine(tmpl_.text.set_label, content.set_id, Style::kMonoBold);
  Line(Style::kHeading, tmpl_.text.share_of);
  if (!content.custodian_user_id.empty()) {
    LabelledLine(tmpl_.text.custodian_label, content.custodian_user_id, Style::kBodyBold);
  }
  if (!content.custodian_fingerprint.empty()) {
    LabelledLine(tmpl_.text.fingerprint_label, FormatFingerprint(content.custodian_fingerprint),
                 Style::kMono);
  }
  if (!content.ceremony_id.empty()) {
    LabelledLine(tmpl_.text.ceremony_label, content.ceremony_id, Style::kBodyBold);
  }
  LabelledLine(tmpl_.text.date_label, SheetDate(content.date_unix), Style::kBody);
}

void PlanBuilder::Fields(std::size_t columns, double row_height) {
  const std::vector<std::string>& fields = tmpl_.text.fields;
  if (fields.empty()) return;
  Need(LineHeight(Style::kBodyBold) + row_height);
  Line(Style::kBodyBold, tmpl_.text.fields_heading);
  const double column_width = width_ / static_cast<double>(columns);
  for (std::size_t i = 0; i < fields.size(); i += columns) {
    Need(row_height);
    for (std::size_t c = 0; c < columns && i + c < fields.size(); ++c) {
      const double x = left_ + static_cast<double>(c) * column_width;
      page().texts.push_back({x, y_ + StyleSizeMm(tmpl_.fonts, Style::kSmall), Style::kSmall,
                              Fill(fields[i + c], values_)});
      page().rules.push_back(
          {x, y_ + row_height - 1, x + column_width - 6, y_ + row_height - 1, 0.25});
    }
    y_ += row_height;
  }
}

void PlanBuilder::Instructions() {
  if (tmpl_.text.instructions.empty()) return;
  y_ += kGapMm;
  Need(LineHeight(Style::kBodyBold) + 2 * LineHeight(Style::kSmall));
  Line(Style::kBodyBold, tmpl_.text.instructions_heading);
  for (const std::string& item : tmpl_.text.instructions) Paragraph(Style::kBody, item, "• ");
}

void PlanBuilder::Footers() {
  const std::size_t pages = plan_.pages.size();
  for (std::size_t p = 0; p < pages; ++p) {
    FillValues values = values_;
    values.page = std::to_string(p + 1);
    values.pages = std::to_string(pages);
    const std::string text = Fill(tmpl_.text.footer, values);
    const double x = left_ + (width_ - TextWidth(Style::kSmall, text)) / 2;
    plan_.pages[p].texts.push_back(
        {x, plan_.height_mm - tmpl_.page.margin_bottom_mm, Style::kSmall, text});
  }
}

}  // namespace keyrite::paper
