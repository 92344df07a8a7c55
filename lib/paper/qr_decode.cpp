#include "paper/qr_decode.h"

#include <zbar.h>

#include <climits>
#include <memory>

namespace keyrite::paper {
namespace {

struct ScannerFree {
  void operator()(zbar::zbar_image_scanner_t* s) const { zbar::zbar_image_scanner_destroy(s); }
};
struct ImageFree {
  void operator()(zbar::zbar_image_t* i) const { zbar::zbar_image_destroy(i); }
};
using ScannerPtr = std::unique_ptr<zbar::zbar_image_scanner_t, ScannerFree>;
using ImagePtr = std::unique_ptr<zbar::zbar_image_t, ImageFree>;

// QR codes only, raw bytes. Returns null when zbar refuses the configuration.
ScannerPtr NewQrScanner() {
  ScannerPtr scanner(zbar::zbar_image_scanner_create());
  if (!scanner) return nullptr;
  zbar::zbar_image_scanner_t* s = scanner.get();
  if (zbar::zbar_image_scanner_set_config(s, zbar::ZBAR_NONE, zbar::ZBAR_CFG_ENABLE, 0) != 0 ||
      zbar::zbar_image_scanner_set_config(s, zbar::ZBAR_QRCODE, zbar::ZBAR_CFG_ENABLE, 1) != 0 ||
      zbar::zbar_image_scanner_set_config(s, zbar::ZBAR_QRCODE, zbar::ZBAR_CFG_BINARY, 1) != 0) {
    return nullptr;
  }
  return scanner;
}

// A zbar view of our pixels (Y800 is 8-bit gray); zbar reads them in place and never frees them.
ImagePtr WrapImage(const GrayImage& image) {
  ImagePtr zimage(zbar::zbar_image_create());
  if (!zimage) return nullptr;
  zbar::zbar_image_set_format(zimage.get(), zbar_fourcc('Y', '8', '0', '0'));
  zbar::zbar_image_set_size(zimage.get(), static_cast<unsigned>(image.width),
                            static_cast<unsigned>(image.height));
  zbar::zbar_image_set_data(zimage.get(), image.pixels.data(), image.pixels.size(), nullptr);
  return zimage;
}

// Copies each symbol's bytes out and wipes zbar's copy (its buffer is plain heap memory that zbar
// frees with the image; it is writable, only the accessor hands it out const).
std::vector<secmem::SecureBytes> TakePayloads(zbar::zbar_image_t* zimage) {
  std::vector<secmem::SecureBytes> out;
  for (const zbar::zbar_symbol_t* sym = zbar::zbar_image_first_symbol(zimage); sym != nullptr;
       sym = zbar::zbar_symbol_next(sym)) {
    if (zbar::zbar_symbol_get_type(sym) != zbar::ZBAR_QRCODE) continue;
    const unsigned length = zbar::zbar_symbol_get_data_length(sym);
    char* data = const_cast<char*>(zbar::zbar_symbol_get_data(sym));
    out.push_back(secmem::SecureBytes::CopyOf(std::string_view(data, length)));
    secmem::Wipe(data, length);
  }
  return out;
}

}  // namespace

Result<std::vector<secmem::SecureBytes>> DecodeQrCodes(const GrayImage& image) {
  KR_CHECK(image.pixels.size() == image.width * image.height);
  if (image.width > UINT_MAX / image.height) return InvalidInput("the image is too large");
  ScannerPtr scanner = NewQrScanner();
  ImagePtr zimage = WrapImage(image);
  if (!scanner || !zimage) return Internal("zbar could not be set up to read QR codes");
  if (zbar::zbar_scan_image(scanner.get(), zimage.get()) < 0) {
    return Internal("zbar failed while reading an image");
  }
  return TakePayloads(zimage.get());
}

}  // namespace keyrite::paper
