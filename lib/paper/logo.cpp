#include "paper/logo.h"

#include <cstdint>
#include <cstring>

#include "io/files.h"

namespace keyrite::paper {
namespace {

// Ink of one premultiplied ARGB32 pixel over white: alpha minus its premultiplied luminance.
std::uint8_t Ink(std::uint32_t argb) {
  const std::uint32_t a = argb >> 24;
  const std::uint32_t r = (argb >> 16) & 0xff;
  const std::uint32_t g = (argb >> 8) & 0xff;
  const std::uint32_t b = argb & 0xff;
  const std::uint32_t luminance = (r * 54 + g * 183 + b * 19) >> 8;  // Rec. 709 weights
  return static_cast<std::uint8_t>(a > luminance ? a - luminance : 0);
}

CairoSurface InkMask(cairo_surface_t* image) {
  const int w = cairo_image_surface_get_width(image);
  const int h = cairo_image_surface_get_height(image);
  CairoSurface mask(cairo_image_surface_create(CAIRO_FORMAT_A8, w, h));
  cairo_surface_flush(image);
  const unsigned char* src = cairo_image_surface_get_data(image);
  unsigned char* dst = cairo_image_surface_get_data(mask.get());
  const int src_stride = cairo_image_surface_get_stride(image);
  const int dst_stride = cairo_image_surface_get_stride(mask.get());
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      std::uint32_t argb;
      std::memcpy(&argb, src + y * src_stride + x * 4, 4);
      dst[y * dst_stride + x] = Ink(argb);
    }
  }
  cairo_surface_mark_dirty(mask.get());
  return mask;
}

}  // namespace

Result<Logo> LoadLogo(const std::string& path) {
  if (!io::PathExists(path)) return NotFound("logo.path: " + path + " does not exist");
  CairoSurface image(cairo_image_surface_create_from_png(path.c_str()));
  if (cairo_surface_status(image.get()) != CAIRO_STATUS_SUCCESS) {
    return InvalidInput("logo.path: " + path + " is not a readable PNG image");
  }
  // Any PNG comes back as ARGB32 or RGB24; both keep a pixel in 32 bits (RGB24 with alpha 0xff
  // unused, so treat it as opaque).
  if (cairo_image_surface_get_format(image.get()) == CAIRO_FORMAT_RGB24) {
    CairoSurface argb(cairo_image_surface_create(CAIRO_FORMAT_ARGB32,
                                                 cairo_image_surface_get_width(image.get()),
                                                 cairo_image_surface_get_height(image.get())));
    Cairo cr(cairo_create(argb.get()));
    cairo_set_source_surface(cr.get(), image.get(), 0, 0);
    cairo_paint(cr.get());
    cr.reset();
    image = std::move(argb);
  }
  Logo logo{InkMask(image.get()), cairo_image_surface_get_width(image.get()),
            cairo_image_surface_get_height(image.get())};
  if (cairo_surface_status(logo.mask.get()) != CAIRO_STATUS_SUCCESS || logo.width_px <= 0) {
    return InvalidInput("logo.path: " + path + " could not be converted");
  }
  return logo;
}

}  // namespace keyrite::paper
