#include "paper/sheet_draw.h"

#include <cstring>

namespace keyrite::paper {
namespace {

// One rectangle per run of dark modules in a row: fewer, larger shapes, and no hairline seams
// between neighbouring modules in PDF viewers.
void DrawCode(cairo_t* cr, const QrMatrix& code, const CodeRun& run) {
  const double m = run.module_mm;
  const double origin_x = run.x + static_cast<double>(kQrQuietZoneModules) * m;
  const double origin_y = run.y + static_cast<double>(kQrQuietZoneModules) * m;
  for (std::size_t y = 0; y < code.width; ++y) {
    std::size_t x = 0;
    while (x < code.width) {
      if (!code.Dark(x, y)) {
        ++x;
        continue;
      }
      const std::size_t start = x;
      while (x < code.width && code.Dark(x, y)) ++x;
      cairo_rectangle(cr, origin_x + static_cast<double>(start) * m,
                      origin_y + static_cast<double>(y) * m, static_cast<double>(x - start) * m, m);
    }
  }
  cairo_set_source_rgba(cr, 0, 0, 0, 1);
  cairo_fill(cr);
}

void DrawText(cairo_t* cr, const SheetPlan& plan, const TextRun& run) {
  SelectStyle(cr, plan.fonts, run.style);
  cairo_move_to(cr, run.x, run.y);
  cairo_show_text(cr, run.text.c_str());
}

// The row's text is copied, NUL-terminated, into locked memory for cairo.
void DrawSecret(cairo_t* cr, const SheetPlan& plan, const SecretRun& run) {
  const TypedRow& row = plan.rows[run.row];
  const std::string_view text = run.line_check ? row.check.view() : row.text.view();
  secmem::SecureBytes terminated(text.size() + 1);
  std::memcpy(terminated.data(), text.data(), text.size());
  SelectStyle(cr, plan.fonts, run.style);
  cairo_move_to(cr, run.x, run.y);
  cairo_show_text(cr, reinterpret_cast<const char*>(terminated.data()));
}

void DrawLogo(cairo_t* cr, const Logo& logo, const LogoRun& run) {
  cairo_save(cr);
  cairo_translate(cr, run.x, run.y);
  const double scale = run.width / logo.width_px;
  cairo_scale(cr, scale, scale);
  cairo_set_source_rgba(cr, 0, 0, 0, 1);
  cairo_mask_surface(cr, logo.mask.get(), 0, 0);
  cairo_restore(cr);
}

}  // namespace

void DrawPage(cairo_t* cr, const SheetPlan& plan, std::size_t page, const Logo* logo) {
  const PagePlan& p = plan.pages.at(page);
  for (const BoxRun& box : p.boxes) {
    cairo_set_source_rgba(cr, 0, 0, 0, box.ink);
    cairo_rectangle(cr, box.x, box.y, box.w, box.h);
    cairo_fill(cr);
  }
  cairo_set_source_rgba(cr, 0, 0, 0, 1);
  for (const RuleRun& rule : p.rules) {
    cairo_set_line_width(cr, rule.width);
    cairo_move_to(cr, rule.x1, rule.y1);
    cairo_line_to(cr, rule.x2, rule.y2);
    cairo_stroke(cr);
  }
  for (const TextRun& run : p.texts) DrawText(cr, plan, run);
  for (const SecretRun& run : p.secrets) DrawSecret(cr, plan, run);
  for (const CodeRun& run : p.codes) DrawCode(cr, plan.codes.at(run.code), run);
  if (p.logo && logo != nullptr) DrawLogo(cr, *logo, *p.logo);
}

}  // namespace keyrite::paper
