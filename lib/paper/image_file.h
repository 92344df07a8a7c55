#pragma once
// Reading scanned sheets: PNG (libpng), JPEG (libjpeg) and PDF (every page, drawn by the pdftoppm
// program in a child process, pdf_reader.cpp) files become grayscale bitmaps in locked memory, one
// page at a time. The type is told by the file's first bytes, not its name. A large photo is
// reduced while it is read (libjpeg DCT scaling, then a box average) to at most kMaxWorkingPixels.
// The pixels may show a share; the decoders' own internal buffers are not ours to wipe
// (docs/paper.md).

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "paper/gray_image.h"

namespace keyrite::paper {

// PDF files are read into locked memory whole; larger ones should be exported as images.
inline constexpr std::size_t kMaxScanPdfBytes = 3 * 1024 * 1024;

// Calls `visit` with each page of the file ("scan.png", or "sheets.pdf page 2" for PDF pages)
// and stops at its first error. NotFound / IoError naming a missing or unreadable file;
// InvalidInput naming a file that is not a readable PNG, JPEG or PDF (a password-protected PDF
// among them); NotFound when a PDF is given and pdftoppm is not installed; Unsupported for
// interlaced PNG.
using PageVisitor = std::function<Status(std::string_view origin, const GrayImage& page)>;
Status ForEachImagePage(const std::string& path, const PageVisitor& visit);

}  // namespace keyrite::paper
