#pragma once
// SheetPlan: one sheet (share sheet or envelope label) laid out on pages as a display list in
// millimetres from each page's top-left corner: text runs, QR codes, rules and boxes, all placed
// before anything is drawn. The same plan is drawn to the PDF, to PNG previews and to the bitmaps
// that read-back decodes, so all of them show the same thing. The plan owns the sheet's QR
// matrices, the payload each one carries and the typed rows: secret for a share (SecureBytes).
// Layout is described in docs/paper.md.

#include <cairo.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "paper/logo.h"
#include "paper/qr_code.h"
#include "paper/sheet_content.h"
#include "paper/template.h"
#include "paper/typed_lines.h"
#include "secmem/secure_bytes.h"

namespace keyrite::paper {

enum class Style { kTitle, kHeading, kBody, kBodyBold, kSmall, kMono, kMonoBold, kArmor };

struct TextRun {  // public text; y is the baseline
  double x = 0, y = 0;
  Style style = Style::kBody;
  std::string text;
};
struct SecretRun {  // a typed row's groups, or its line check, drawn from SheetPlan::rows
  double x = 0, y = 0;
  Style style = Style::kMono;
  std::size_t row = 0;
  bool line_check = false;
};
struct CodeRun {  // (x, y) is the outer corner of the quiet zone
  double x = 0, y = 0;
  double module_mm = 0;
  std::size_t code = 0;
};
struct RuleRun {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0, width = 0;
};
struct BoxRun {  // filled with `ink` (0 white .. 1 black)
  double x = 0, y = 0, w = 0, h = 0, ink = 0;
};
struct LogoRun {
  double x = 0, y = 0, width = 0;
};

struct PagePlan {
  std::vector<TextRun> texts;
  std::vector<SecretRun> secrets;
  std::vector<CodeRun> codes;
  std::vector<RuleRun> rules;
  std::vector<BoxRun> boxes;
  std::optional<LogoRun> logo;
};

struct SheetPlan {
  double width_mm = 0;
  double height_mm = 0;
  FontSpec fonts;
  std::vector<PagePlan> pages;
  std::vector<QrMatrix> codes;
  std::vector<secmem::SecureBytes> payloads;  // codes[i] carries payloads[i]
  std::vector<TypedRow> rows;
  std::size_t groups_per_line = 0;
  secmem::SecureBytes share_line;  // what the rows must type back to (empty for a shard)
  bool slip39 = false;             // rows are numbered SLIP-39 words, share_line the mnemonic
};

// The font size of a style, in millimetres, and selecting it on a millimetre context.
double StyleSizeMm(const FontSpec& fonts, Style style);
void SelectStyle(cairo_t* cr, const FontSpec& fonts, Style style);

// A share sheet: the facts, the QR code(s), the typed fallback (share line rows, numbered SLIP-39
// words or armored text rows), the fields to fill by hand and the recovery instructions. A
// SLIP-39 sheet uses keyrite's SLIP-39 wording for the share line, captions and instructions
// (docs/paper.md), and its mnemonic must fit one QR code. `logo` may be null.
// InvalidArgument when the content is invalid or a QR code would not fit on the page.
Result<SheetPlan> PlanShareSheet(const SheetContent& content, const Template& tmpl,
                                 const Logo* logo);

// An envelope label / custodian receipt: the public facts only, whatever the content holds.
Result<SheetPlan> PlanEnvelopeLabel(const SheetContent& content, const Template& tmpl,
                                    const Logo* logo);

}  // namespace keyrite::paper
