// PNG files through libpng's row interface, read one row at a time into locked memory.
// libpng reports errors by longjmp: only ReadRows calls setjmp, and only libpng's own C frames lie
// between it and a longjmp, so no C++ destructor is ever skipped. The sink is called between
// libpng calls, never from inside libpng.

#include <png.h>

#include <csetjmp>
#include <cstdio>

#include "paper/image_decoders.h"

namespace keyrite::paper {
namespace {

void SetGrayTransforms(png_structp png, png_infop info) {
  png_set_expand(png);  // palette to RGB, low bit depths to 8, transparency to alpha
  png_set_strip_16(png);
  png_set_strip_alpha(png);  // scans and photos are opaque
  const png_byte color = png_get_color_type(png, info);
  if ((color & PNG_COLOR_MASK_COLOR) != 0) png_set_rgb_to_gray_fixed(png, 1, -1, -1);
}

// libpng's default handlers print to stderr; the caller reports the failure instead.
[[noreturn]] void OnPngError(png_structp png, png_const_charp) { png_longjmp(png, 1); }
void OnPngWarning(png_structp, png_const_charp) {}

// Null on success, else what is wrong with the file.
const char* ReadRows(std::FILE* file, RowSink* sink) {
  png_structp png =
      png_create_read_struct(PNG_LIBPNG_VER_STRING, nullptr, OnPngError, OnPngWarning);
  png_infop info = png == nullptr ? nullptr : png_create_info_struct(png);
  if (info == nullptr) {
    png_destroy_read_struct(&png, nullptr, nullptr);
    return "libpng could not start";
  }
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_read_struct(&png, &info, nullptr);
    return "not a readable PNG image";
  }
  png_init_io(png, file);
  png_set_user_limits(png, 1u << 15, 1u << 15);
  png_read_info(png, info);
  SetGrayTransforms(png, info);
  const char* result = nullptr;
  if (png_set_interlace_handling(png) != 1) {
    result = "an interlaced PNG (save it again without interlacing)";
  } else {
    png_read_update_info(png, info);
    const png_uint_32 width = png_get_image_width(png, info);
    const png_uint_32 height = png_get_image_height(png, info);
    if (png_get_rowbytes(png, info) != width) {
      result = "a PNG of an unexpected pixel layout";
    } else if (sink->Begin(width, height)) {
      for (png_uint_32 y = 0; y < height; ++y) {
        png_read_row(png, sink->Row(), nullptr);
        sink->RowDone();
      }
    }
  }
  png_destroy_read_struct(&png, &info, nullptr);
  return result;
}

}  // namespace

Result<GrayImage> DecodePngFile(const std::string& path) {
  return DecodeRowsFromFile(path, ReadRows);
}

}  // namespace keyrite::paper
