#include "paper/page_raster.h"

#include <png.h>

#include <cmath>
#include <cstring>

#include "paper/cairo_handle.h"
#include "paper/sheet_draw.h"

namespace keyrite::paper {
namespace {

constexpr double kMmPerInch = 25.4;

// Ink (alpha) to gray, in place: the A8 target's alpha is how much ink a pixel got.
void InkToGray(GrayImage& image) {
  for (std::size_t i = 0; i < image.pixels.size(); ++i) {
    image.pixels[i] = static_cast<std::uint8_t>(255 - image.pixels[i]);
  }
}

}  // namespace

Result<GrayImage> RenderPageGray(const SheetPlan& plan, std::size_t page, double dpi,
                                 const Logo* logo, double shift_px) {
  const auto width = static_cast<int>(std::lround(plan.width_mm / kMmPerInch * dpi));
  const auto height = static_cast<int>(std::lround(plan.height_mm / kMmPerInch * dpi));
  const int stride = cairo_format_stride_for_width(CAIRO_FORMAT_A8, width);
  if (width <= 0 || height <= 0 || stride <= 0) return InvalidArgument("bad page size");
  // The bitmap is `stride` pixels wide: cairo's row padding becomes white margin.
  KR_ASSIGN_OR_RETURN(GrayImage image, GrayImage::Make(static_cast<std::size_t>(stride),
                                                       static_cast<std::size_t>(height)));
  std::memset(image.pixels.data(), 0, image.pixels.size());  // no ink yet
  {
    CairoSurface surface(cairo_image_surface_create_for_data(image.pixels.data(), CAIRO_FORMAT_A8,
                                                             width, height, stride));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
      return Internal("cairo could not make a bitmap of " + std::to_string(width) + "x" +
                      std::to_string(height) + " pixels");
    }
    Cairo cr = NewMillimetreContext(surface.get(), dpi / kMmPerInch);
    const double shift_mm = shift_px * kMmPerInch / dpi;
    if (shift_px != 0) cairo_translate(cr.get(), shift_mm, shift_mm);
    DrawPage(cr.get(), plan, page, logo);
    cr.reset();
    cairo_surface_flush(surface.get());
    cairo_surface_finish(surface.get());
  }
  InkToGray(image);
  return image;
}

Result<secmem::SecureBytes> EncodeGrayPng(const GrayImage& image) {
  png_image png{};
  png.version = PNG_IMAGE_VERSION;
  png.width = static_cast<png_uint_32>(image.width);
  png.height = static_cast<png_uint_32>(image.height);
  png.format = PNG_FORMAT_GRAY;
  png_alloc_size_t size = 0;
  const auto stride = static_cast<png_int_32>(image.width);
  // First pass measures, second writes into locked memory.
  if (!png_image_write_to_memory(&png, nullptr, &size, 0, image.pixels.data(), stride, nullptr)) {
    return Internal(std::string("libpng could not encode the page: ") + png.message);
  }
  KR_RETURN_IF_ERROR(secmem::CheckLockBudget(size));
  secmem::SecureBytes out(size);
  if (!png_image_write_to_memory(&png, out.data(), &size, 0, image.pixels.data(), stride,
                                 nullptr)) {
    return Internal(std::string("libpng could not encode the page: ") + png.message);
  }
  return out.Slice(0, size);
}

}  // namespace keyrite::paper
