#include "paper/cairo_handle.h"

namespace keyrite::paper {

Cairo NewMillimetreContext(cairo_surface_t* surface, double units_per_mm) {
  Cairo cr(cairo_create(surface));
  cairo_scale(cr.get(), units_per_mm, units_per_mm);
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  cairo_set_font_options(cr.get(), options);
  cairo_font_options_destroy(options);
  cairo_set_source_rgba(cr.get(), 0, 0, 0, 1);
  return cr;
}

}  // namespace keyrite::paper
