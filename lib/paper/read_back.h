#pragma once
// Read-back before release: every page of a planned sheet is drawn to a grayscale bitmap at
// kReadBackDpi by the same drawing code as the PDF, every QR code on it is decoded with zbar, and
// each must give back exactly the payload it was made from (constant-time compare); nothing else
// may be found. The typed rows are typed back through CheckTypedRow and must rebuild the share
// line. A sheet that fails is never written. What it checks is listed in docs/paper.md.

#include <string_view>

#include "base/status.h"
#include "paper/logo.h"
#include "paper/sheet_plan.h"

namespace keyrite::paper {

// 150 dpi is the lowest resolution keyrite promises to scan at (pdftoppm's and many scanners'
// default); a code that decodes here decodes from a finer print or scan too. (An A4 page at
// 300 dpi would need 8.7 MB of locked memory, more than the usual 8 MiB RLIMIT_MEMLOCK.)
inline constexpr double kReadBackDpi = 150;
// When a page does not read back as drawn, it is drawn again half a pixel over (another sampling
// phase, as a scanner's is arbitrary) and passes if every code reads back from that rendering.
inline constexpr double kReadBackSecondShiftPx = 0.5;

// Ok when every page reads back; otherwise Internal naming `where`, the page and the code.
Status ReadBackSheet(const SheetPlan& plan, const Logo* logo, std::string_view where);

}  // namespace keyrite::paper
