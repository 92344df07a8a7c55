#include "paper/sheet_plan.h"

#include <algorithm>
#include <cmath>

#include "paper/plan_builder.h"
#include "paper/qr_parts.h"
#include "paper/slip39_sheet.h"

namespace keyrite::paper {
namespace {

constexpr double kMmPerPoint = 25.4 / 72.0;
constexpr double kCodeGapMm = 8.0;
constexpr double kRowSpacing = 1.75;  // typed row height / mono font size

FillValues ValuesOf(const SheetContent& c) {
  FillValues v;
  v.index = std::to_string(c.index);
  v.count = std::to_string(c.count);
  v.threshold = std::to_string(c.threshold);
  v.set = c.set_id;
  return v;
}

// A share line that fits goes into one QR code as it is, readable by any QR app; longer lines
// and every armored shard go into KRP1 parts.
std::vector<secmem::SecureBytes> PayloadsOf(const SheetContent& c, const Template& t) {
  if (c.IsSlip39()) {  // the mnemonic as it is, as SLIP-39 wallets read it
    std::vector<secmem::SecureBytes> one;
    one.push_back(secmem::SecureBytes::CopyOf(c.slip39_mnemonic.span()));
    return one;
  }
  if (!c.share_line.empty() && c.share_line.size() <= t.qr.part_chars) {
    std::vector<secmem::SecureBytes> one;
    one.push_back(secmem::SecureBytes::CopyOf(c.share_line.span()));
    return one;
  }
  const std::span<const std::uint8_t> whole =
      c.share_line.empty()
          ? std::span(reinterpret_cast<const std::uint8_t*>(c.armored_shard.data()),
                      c.armored_shard.size())
          : c.share_line.span();
  return MakeParts(c.set_id, c.index, whole, t.qr.part_chars);
}

Status EncodeCodes(SheetPlan& plan, const Template& t) {
  for (const secmem::SecureBytes& payload : plan.payloads) {
    KR_ASSIGN_OR_RETURN(QrMatrix code, EncodeQr(payload.span(), t.qr.level));
    plan.codes.push_back(std::move(code));
  }
  return OkStatus();
}

double CodeSideMm(const QrMatrix& code, double module_mm) {
  return static_cast<double>(code.width + 2 * kQrQuietZoneModules) * module_mm;
}

// Code `i` with its caption under it, its quiet zone's corner at (x, y).
void PlaceCode(PlanBuilder& b, const SheetPlan& plan, std::size_t i, double x, double cell,
               bool multipart) {
  const double module = b.tmpl().qr.module_mm;
  b.page().codes.push_back({x, b.y(), module, i});
  FillValues v = b.values();
  v.part = std::to_string(i + 1);
  v.parts = std::to_string(plan.codes.size());
  const std::string text =
      Fill(multipart ? b.tmpl().text.part_caption : b.tmpl().text.qr_caption, v);
  b.page().texts.push_back({x + module * kQrQuietZoneModules,
                            b.y() + cell + StyleSizeMm(b.tmpl().fonts, Style::kSmall),
                            Style::kSmall, text});
}

// The codes in rows as wide as the page allows, each cell as large as the largest code.
Status PlaceCodes(PlanBuilder& b, SheetPlan& plan) {
  double cell = 0;
  for (const QrMatrix& code : plan.codes) {
    cell = std::max(cell, CodeSideMm(code, b.tmpl().qr.module_mm));
  }
  if (cell > b.width()) {
    return InvalidArgument("a QR code would be " + std::to_string(std::lround(cell)) +
                           " mm wide, more than the page: lower qr.part_chars or qr.module_mm");
  }
  const bool multipart = plan.codes.size() > 1 || IsPartPayload(plan.payloads[0].span());
  const double caption = b.LineHeight(Style::kSmall);
  const auto columns = static_cast<std::size_t>(
      std::max(1.0, std::floor((b.width() + kCodeGapMm) / (cell + kCodeGapMm))));
  b.Need(b.LineHeight(Style::kBody) + cell + caption);
  if (multipart) b.Line(Style::kBodyBold, b.tmpl().text.qr_caption);
  for (std::size_t i = 0; i < plan.codes.size(); i += columns) {
    b.Need(cell + caption);
    for (std::size_t c = 0; c < columns && i + c < plan.codes.size(); ++c) {
      PlaceCode(b, plan, i + c, b.left() + static_cast<double>(c) * (cell + kCodeGapMm), cell,
                multipart);
    }
    b.Advance(cell + caption);
  }
  return OkStatus();
}

std::string RowNumber(std::size_t number, std::size_t digits) {
  std::string text = std::to_string(number);
  return std::string(digits > text.size() ? digits - text.size() : 0, '0') + text;
}

// Number, groups (secret), and the line check in a light box.
void PlaceTypedRows(PlanBuilder& b, SheetPlan& plan) {
  const std::size_t gpl = b.tmpl().groups_per_line;
  const double size = StyleSizeMm(b.tmpl().fonts, Style::kMono);
  const double row_height = size * kRowSpacing;
  const std::size_t digits = std::max<std::size_t>(2, std::to_string(plan.rows.size()).size());
  const double groups_x = b.left() + b.MonoWidth(Style::kMono, digits + 2);
  const double check_x = groups_x + b.MonoWidth(Style::kMono, gpl * 6 + 2);
  b.Need(b.LineHeight(Style::kBodyBold) + 3 * b.LineHeight(Style::kSmall) + 2 * row_height);
  b.Line(Style::kBodyBold, b.tmpl().text.typed_heading);
  b.Paragraph(Style::kSmall, b.tmpl().text.typed_help);
  b.Need(2 * row_height);
  b.page().texts.push_back({groups_x, b.y() + size, Style::kMono, "KR1-"});
  b.Advance(row_height);
  for (std::size_t r = 0; r < plan.rows.size(); ++r) {
    b.Need(row_height);
    const double baseline = b.y() + size;
    b.page().texts.push_back({b.left(), baseline, Style::kMono, RowNumber(r + 1, digits)});
    b.page().secrets.push_back({groups_x, baseline, Style::kMono, r, false});
    b.page().boxes.push_back({check_x - 1.2, b.y() + size * 0.1,
                              b.MonoWidth(Style::kMonoBold, 2) + 2.4, size * 1.3, 0.12});
    b.page().secrets.push_back({check_x, baseline, Style::kMonoBold, r, true});
    b.Advance(row_height);
  }
}

// Numbered words (secret), no line check: SLIP-39's own checksum covers the words.
void PlaceSlip39Rows(PlanBuilder& b, SheetPlan& plan) {
  const double size = StyleSizeMm(b.tmpl().fonts, Style::kMono);
  const double row_height = size * kRowSpacing;
  b.Need(b.LineHeight(Style::kBodyBold) + 3 * b.LineHeight(Style::kSmall) + 2 * row_height);
  b.Line(Style::kBodyBold, b.tmpl().text.typed_heading);
  b.Paragraph(Style::kSmall, b.tmpl().text.typed_help);
  for (std::size_t r = 0; r < plan.rows.size(); ++r) {
    b.Need(row_height);
    b.page().secrets.push_back({b.left(), b.y() + size, Style::kMono, r, false});
    b.Advance(row_height);
  }
}

std::string Slip39ShareOf(const SheetContent& c) {
  if (c.slip39_groups <= 1) return "share {index} of {count} — any {threshold} recover the secret";
  return "member {index} of {count} in group " + std::to_string(c.slip39_group) + " of " +
         std::to_string(c.slip39_groups) + " — {threshold} members make a group, " +
         std::to_string(c.slip39_group_threshold) + " groups the secret";
}

std::string Slip39Gather(const SheetContent& c) {
  if (c.slip39_groups <= 1) return "Bring any {threshold} of the {count} sheets of set {set} together.";
  return "Bring {threshold} sheets of this group, and enough of " +
         std::to_string(c.slip39_group_threshold) + " groups in all, of set {set} together.";
}

// The template's wording, with what is said about keyrite's own share line replaced.
Template Slip39Wording(const Template& tmpl, const SheetContent& c) {
  Template t = tmpl;
  t.text.share_of = Slip39ShareOf(c);
  t.text.qr_caption = "Scan with: keyrite combine --format slip39 --scan IMAGE";
  t.text.typed_heading = "Typed fallback: the SLIP-39 words, in number order";
  t.text.typed_help =
      "Type them into keyrite combine --format slip39 --typed, or into any SLIP-39 wallet. "
      "The last three words are a checksum over all of them.";
  t.text.instructions = {
      Slip39Gather(c),
      "Scan: keyrite combine --format slip39 --scan IMAGE... (photos or scans of the sheets)",
      "Or type: keyrite combine --format slip39 --typed, then each sheet's words in order.",
      "Without keyrite: this is a standard SLIP-39 share (SatoshiLabs SLIP-0039); any SLIP-39 "
      "wallet recovers it.",
      "Keep this sheet sealed. Enough sheets of this set together hold the secret.",
  };
  return t;
}

std::vector<std::string> ArmorLines(std::string_view armor) {
  std::vector<std::string> lines;
  std::size_t at = 0;
  while (at < armor.size()) {
    const std::size_t end = std::min(armor.find('\n', at), armor.size());
    std::string line(armor.substr(at, end - at));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    at = end + 1;
  }
  return lines;
}

void PlaceArmorRows(PlanBuilder& b, std::string_view armor) {
  const std::vector<std::string> lines = ArmorLines(armor);
  const double size = StyleSizeMm(b.tmpl().fonts, Style::kArmor);
  const double row_height = size * 1.5;
  std::size_t longest = 0;
  for (const std::string& line : lines) longest = std::max(longest, line.size());
  const double text_x = b.left() + b.MonoWidth(Style::kArmor, 4);
  const double check_x = text_x + b.MonoWidth(Style::kArmor, longest + 2);
  b.Need(b.LineHeight(Style::kBodyBold) + 3 * row_height);
  b.Line(Style::kBodyBold, b.tmpl().text.armor_heading);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    b.Need(row_height);
    const double baseline = b.y() + size;
    const LineCheck check = ArmorLineCheck(i + 1, lines[i]);
    b.page().texts.push_back({b.left(), baseline, Style::kArmor, RowNumber(i + 1, 2)});
    b.page().texts.push_back({text_x, baseline, Style::kArmor, lines[i]});
    b.page().boxes.push_back(
        {check_x - 1, b.y() + size * 0.1, b.MonoWidth(Style::kArmor, 2) + 2, size * 1.25, 0.12});
    b.page().texts.push_back(
        {check_x, baseline, Style::kArmor, std::string(check.data(), check.size())});
    b.Advance(row_height);
  }
}

}  // namespace

double StyleSizeMm(const FontSpec& f, Style style) {
  switch (style) {
    case Style::kTitle:
      return f.title_pt * kMmPerPoint;
    case Style::kHeading:
      return f.body_pt * 1.25 * kMmPerPoint;
    case Style::kBody:
    case Style::kBodyBold:
      return f.body_pt * kMmPerPoint;
    case Style::kSmall:
      return f.small_pt * kMmPerPoint;
    case Style::kMono:
    case Style::kMonoBold:
      return f.mono_pt * kMmPerPoint;
    case Style::kArmor:
      return (f.small_pt + 1) * kMmPerPoint;
  }
  return f.body_pt * kMmPerPoint;
}

void SelectStyle(cairo_t* cr, const FontSpec& f, Style style) {
  const bool mono = style == Style::kMono || style == Style::kMonoBold || style == Style::kArmor;
  const bool bold = style == Style::kTitle || style == Style::kHeading ||
                    style == Style::kBodyBold || style == Style::kMonoBold;
  cairo_select_font_face(cr, (mono ? f.mono : f.sans).c_str(), CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, StyleSizeMm(f, style));
}

Result<SheetPlan> PlanShareSheet(const SheetContent& content, const Template& tmpl_given,
                                 const Logo* logo) {
  KR_RETURN_IF_ERROR(ValidateSheetContent(content));
  if (content.IsSlip39() && content.slip39_mnemonic.size() > tmpl_given.qr.part_chars) {
    return InvalidArgument("SLIP-39 sheet of member " + std::to_string(content.index) + " of set " +
                           content.set_id + ": its mnemonic is too long for one QR code of " +
                           std::to_string(tmpl_given.qr.part_chars) +
                           " characters (qr.part_chars); sheets hold secrets up to 32 bytes");
  }
  const Template tmpl = content.IsSlip39() ? Slip39Wording(tmpl_given, content) : tmpl_given;
  SheetPlan plan;
  plan.payloads = PayloadsOf(content, tmpl);
  KR_RETURN_IF_ERROR(EncodeCodes(plan, tmpl));
  if (content.IsSlip39()) {
    KR_ASSIGN_OR_RETURN(plan.rows, Slip39WordRows(content.slip39_mnemonic.view()));
    plan.share_line = secmem::SecureBytes::CopyOf(content.slip39_mnemonic.span());
    plan.slip39 = true;
  } else if (!content.share_line.empty()) {
    KR_ASSIGN_OR_RETURN(plan.rows, SplitTypedRows(content.share_line.view(), tmpl.groups_per_line));
    plan.groups_per_line = tmpl.groups_per_line;
    plan.share_line = secmem::SecureBytes::CopyOf(content.share_line.span());
  }
  PlanBuilder b(plan, tmpl, ValuesOf(content));
  b.Header(content.title.empty() ? tmpl.text.title : content.title, content.secret_label, logo);
  b.Rule();
  b.Facts(content);
  b.Rule();
  KR_RETURN_IF_ERROR(PlaceCodes(b, plan));
  b.MarkContinuationPages();
  b.Rule();
  if (content.IsSlip39()) {
    PlaceSlip39Rows(b, plan);
  } else if (content.share_line.empty()) {
    PlaceArmorRows(b, content.armored_shard);
  } else {
    PlaceTypedRows(b, plan);
  }
  b.Rule();
  b.Fields(2, 11);
  b.Instructions();
  b.Footers();
  return plan;
}

Result<SheetPlan> PlanEnvelopeLabel(const SheetContent& content, const Template& tmpl,
                                    const Logo* logo) {
  KR_RETURN_IF_ERROR(ValidateSheetFacts(content));
  SheetPlan plan;
  PlanBuilder b(plan, tmpl, ValuesOf(content));
  const std::string label =
      content.title.empty()
          ? content.secret_label
          : content.title + (content.secret_label.empty() ? "" : " — ") + content.secret_label;
  b.Header(tmpl.text.title, label, logo);
  b.Rule();
  b.Facts(content);
  b.Rule();
  b.Fields(1, 13);
  b.Instructions();
  b.Footers();
  return plan;
}

}  // namespace keyrite::paper
