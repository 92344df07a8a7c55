// PDF files through poppler-glib: the file is read into locked memory, and each page is drawn by
// poppler onto a cairo bitmap whose pixels are locked memory too, a band of rows at a time (a
// whole colour page would not fit the lock budget), then turned to gray.

#include <glib-object.h>
#include <poppler.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "io/files.h"
#include "paper/cairo_handle.h"
#include "paper/image_decoders.h"

namespace keyrite::paper {
namespace {

constexpr std::size_t kBandBytes = 1024 * 1024;

struct GObjectUnref {
  void operator()(void* object) const { g_object_unref(object); }
};
struct GBytesUnref {
  void operator()(GBytes* bytes) const { g_bytes_unref(bytes); }
};
using Document = std::unique_ptr<PopplerDocument, GObjectUnref>;
using Page = std::unique_ptr<PopplerPage, GObjectUnref>;

Result<Document> OpenDocument(const secmem::SecureBytes& data, const std::string& path) {
  // Borrowed: poppler reads our locked copy and must be gone before it is.
  std::unique_ptr<GBytes, GBytesUnref> bytes(g_bytes_new_static(data.data(), data.size()));
  GError* error = nullptr;
  Document doc(poppler_document_new_from_bytes(bytes.get(), nullptr, &error));
  if (doc) return doc;
  const bool encrypted =
      error != nullptr && error->domain == POPPLER_ERROR && error->code == POPPLER_ERROR_ENCRYPTED;
  const std::string message = error != nullptr ? error->message : "unknown error";
  if (error != nullptr) g_error_free(error);
  if (encrypted) return Unsupported(path + ": the PDF is password-protected");
  return InvalidInput(path + ": not a readable PDF (" + message + ")");
}

// Rows [top, top + rows) of the gray page from the band's RGB24 pixels.
void BandToGray(const secmem::SecureBytes& band, std::size_t stride, std::size_t top,
                std::size_t rows, GrayImage& image) {
  for (std::size_t y = 0; y < rows; ++y) {
    const std::uint8_t* src = band.data() + y * stride;
    for (std::size_t x = 0; x < image.width; ++x) {
      const std::uint32_t b = src[4 * x], g = src[4 * x + 1], r = src[4 * x + 2];
      image.At(x, top + y) = static_cast<std::uint8_t>((r * 54 + g * 183 + b * 19) >> 8);
    }
  }
}

Status RenderBand(PopplerPage* page, double scale, std::size_t top, std::size_t rows,
                  secmem::SecureBytes& band, std::size_t stride, GrayImage& image) {
  CairoSurface surface(cairo_image_surface_create_for_data(
      band.data(), CAIRO_FORMAT_RGB24, static_cast<int>(image.width), static_cast<int>(rows),
      static_cast<int>(stride)));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Internal("cairo could not make a bitmap for a PDF page");
  }
  {
    Cairo cr(cairo_create(surface.get()));
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    cairo_scale(cr.get(), scale, scale);
    cairo_translate(cr.get(), 0, -static_cast<double>(top) / scale);
    poppler_page_render(page, cr.get());
  }
  cairo_surface_flush(surface.get());
  cairo_surface_finish(surface.get());
  BandToGray(band, stride, top, rows, image);
  return OkStatus();
}

Result<GrayImage> RenderPage(PopplerPage* page) {
  double width_pt = 0, height_pt = 0;
  poppler_page_get_size(page, &width_pt, &height_pt);
  double scale = kScanPdfDpi / 72.0;
  const double pixels = width_pt * height_pt * scale * scale;
  if (pixels > static_cast<double>(kMaxWorkingPixels)) {
    scale *= std::sqrt(static_cast<double>(kMaxWorkingPixels) / pixels);
  }
  KR_ASSIGN_OR_RETURN(GrayImage image,
                      GrayImage::Make(static_cast<std::size_t>(width_pt * scale),
                                      static_cast<std::size_t>(height_pt * scale)));
  const auto stride = static_cast<std::size_t>(
      cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, static_cast<int>(image.width)));
  const std::size_t band_rows = std::clamp<std::size_t>(kBandBytes / stride, 1, image.height);
  KR_RETURN_IF_ERROR(secmem::CheckLockBudget(stride * band_rows));
  secmem::SecureBytes band(stride * band_rows);
  for (std::size_t top = 0; top < image.height; top += band_rows) {
    const std::size_t rows = std::min(band_rows, image.height - top);
    KR_RETURN_IF_ERROR(RenderBand(page, scale, top, rows, band, stride, image));
  }
  return image;
}

}  // namespace

Status ForEachPdfPage(const std::string& path, const PageVisitor& visit) {
  KR_RETURN_IF_ERROR(secmem::CheckLockBudget(2 * kMaxScanPdfBytes));
  KR_ASSIGN_OR_RETURN(const secmem::SecureBytes data, io::ReadSecretFile(path, kMaxScanPdfBytes));
  KR_ASSIGN_OR_RETURN(const Document doc, OpenDocument(data, path));
  const int pages = poppler_document_get_n_pages(doc.get());
  if (pages <= 0) return InvalidInput(path + ": the PDF has no pages");
  for (int i = 0; i < pages; ++i) {
    const Page page(poppler_document_get_page(doc.get(), i));
    if (!page) return InvalidInput(path + ": page " + std::to_string(i + 1) + " cannot be read");
    KR_ASSIGN_OR_RETURN(const GrayImage image, RenderPage(page.get()));
    KR_RETURN_IF_ERROR(visit(path + " page " + std::to_string(i + 1), image));
  }
  return OkStatus();
}

}  // namespace keyrite::paper
