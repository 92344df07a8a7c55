#pragma once
// Drawing one page of a SheetPlan on a millimetre cairo context (cairo_handle.h): the only
// drawing code, used for PDF pages, PNG previews and read-back bitmaps alike. Secret text (typed
// rows) is passed to cairo from SecureBytes; cairo's own copies are not ours to wipe (see
// docs/paper.md).

#include <cairo.h>

#include <cstddef>

#include "paper/logo.h"
#include "paper/sheet_plan.h"

namespace keyrite::paper {

// Paints page `page` of `plan` (white paper is the target's background). `logo` must be the one
// the plan was made with (or null when it has no logo).
void DrawPage(cairo_t* cr, const SheetPlan& plan, std::size_t page, const Logo* logo);

}  // namespace keyrite::paper
