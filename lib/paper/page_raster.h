#pragma once
// A page of a SheetPlan as a grayscale bitmap in locked memory, drawn by the same code as the PDF
// (sheet_draw.h), for read-back and PNG previews; and PNG encoding of such a bitmap into locked
// memory (libpng's simplified API). The pixels show a share: both live only in SecureBytes.

#include <cstddef>

#include "base/status.h"
#include "paper/gray_image.h"
#include "paper/logo.h"
#include "paper/sheet_plan.h"
#include "secmem/secure_bytes.h"

namespace keyrite::paper {

// Page `page` of `plan` at `dpi` dots per inch, its drawing moved right and down by `shift_px`
// pixels (another sampling phase of the same page). Refused when the lock budget cannot hold it.
Result<GrayImage> RenderPageGray(const SheetPlan& plan, std::size_t page, double dpi,
                                 const Logo* logo, double shift_px = 0);

// The image as an 8-bit grayscale PNG file's bytes.
Result<secmem::SecureBytes> EncodeGrayPng(const GrayImage& image);

}  // namespace keyrite::paper
