#pragma once
// Move-only owners of cairo handles (cairo_surface_t, cairo_t), and the drawing context set-up
// shared by every target (PDF, PNG preview, read-back bitmap): user units are millimetres from the
// page's top-left corner, and font metrics are unhinted so text measures the same at any
// resolution and the same layout holds for all targets.

#include <cairo.h>

#include <memory>

namespace keyrite::paper {

struct CairoSurfaceFree {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoFree {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
using CairoSurface = std::unique_ptr<cairo_surface_t, CairoSurfaceFree>;
using Cairo = std::unique_ptr<cairo_t, CairoFree>;

// A context on `surface` drawing in millimetres, `units_per_mm` device units to the millimetre
// (72 / 25.4 for PDF points, dpi / 25.4 for bitmaps); black ink, unhinted fonts.
Cairo NewMillimetreContext(cairo_surface_t* surface, double units_per_mm);

}  // namespace keyrite::paper
