#pragma once
// The template's logo: a PNG turned into an ink mask (how much ink each pixel puts on white
// paper), so it is drawn the same way on PDF pages and on the grayscale bitmaps read back. Public.

#include <string>

#include "base/status.h"
#include "paper/cairo_handle.h"

namespace keyrite::paper {

struct Logo {
  CairoSurface mask;  // CAIRO_FORMAT_A8
  int width_px = 0;
  int height_px = 0;
};

// NotFound / InvalidInput naming logo.path when the file is missing or not a readable PNG.
Result<Logo> LoadLogo(const std::string& path);

}  // namespace keyrite::paper
