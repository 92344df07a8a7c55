// JPEG files through libjpeg, decoded straight to grayscale, scaled down by libjpeg's DCT scaling
// and then a box average, one row at a time into locked memory. libjpeg reports fatal errors
// through error_exit, which here longjmps back to ReadRows: only libjpeg's C frames lie between,
// so no C++ destructor is skipped. Warnings (damaged but readable data) are not printed.

#include <csetjmp>
#include <cstdio>

// jpeglib.h needs FILE and size_t declared first.
#include <jpeglib.h>

#include "paper/image_decoders.h"

namespace keyrite::paper {
namespace {

struct JpegErrors {
  jpeg_error_mgr manager;
  std::jmp_buf jump;
};

[[noreturn]] void OnError(j_common_ptr cinfo) {
  std::longjmp(reinterpret_cast<JpegErrors*>(cinfo->err)->jump, 1);
}

void OnMessage(j_common_ptr) {}

// The largest DCT reduction (1/1 .. 1/8) that keeps the image above the working size, so the
// box average does the rest.
void ChooseScale(jpeg_decompress_struct* cinfo) {
  cinfo->scale_num = 1;
  cinfo->scale_denom = 1;
  for (unsigned denom = 8; denom > 1; denom /= 2) {
    const std::size_t w = cinfo->image_width / denom;
    const std::size_t h = cinfo->image_height / denom;
    if (w * h >= kMaxWorkingPixels) {
      cinfo->scale_denom = denom;
      return;
    }
  }
}

// Null on success, else what is wrong with the file.
const char* ReadRows(std::FILE* file, RowSink* sink) {
  jpeg_decompress_struct cinfo;
  JpegErrors errors;
  cinfo.err = jpeg_std_error(&errors.manager);
  errors.manager.error_exit = OnError;
  errors.manager.output_message = OnMessage;
  if (setjmp(errors.jump)) {
    jpeg_destroy_decompress(&cinfo);
    return "not a readable JPEG image";
  }
  jpeg_create_decompress(&cinfo);
  jpeg_stdio_src(&cinfo, file);
  jpeg_read_header(&cinfo, TRUE);
  cinfo.out_color_space = JCS_GRAYSCALE;
  ChooseScale(&cinfo);
  jpeg_start_decompress(&cinfo);
  if (cinfo.output_components == 1 && sink->Begin(cinfo.output_width, cinfo.output_height)) {
    while (cinfo.output_scanline < cinfo.output_height) {
      JSAMPROW row = sink->Row();
      jpeg_read_scanlines(&cinfo, &row, 1);
      sink->RowDone();
    }
    jpeg_finish_decompress(&cinfo);
  }
  const bool gray = cinfo.output_components == 1;
  jpeg_destroy_decompress(&cinfo);
  return gray ? nullptr : "a JPEG that cannot be read as grayscale";
}

}  // namespace

Result<GrayImage> DecodeJpegFile(const std::string& path) {
  return DecodeRowsFromFile(path, ReadRows);
}

}  // namespace keyrite::paper
