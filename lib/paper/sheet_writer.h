#pragma once
// Share sheets and envelope labels as files. Every sheet is laid out once (sheet_plan.h) and read
// back (read_back.h) before anything is drawn for release; only when all of them read back is
// the PDF drawn, in memory, and written as a new file (O_EXCL, fsync, read back from disk; mode
// 0600 for sheets, which hold shares; 0644 for labels, which hold none). On any failure no file
// is left behind. PDF bytes are reproducible: the creation date is the sheets' date.

#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "paper/sheet_content.h"
#include "paper/template.h"
#include "secmem/secure_bytes.h"

namespace keyrite::paper {

// One PDF, one page (or more, for a long shard) per sheet, in the order given. The template must
// be a share-sheet template. Secret: the PDF shows the shares.
Result<secmem::SecureBytes> RenderShareSheetsPdf(std::span<const SheetContent> sheets,
                                                 const Template& tmpl);
Status WriteShareSheetsPdf(std::span<const SheetContent> sheets, const Template& tmpl,
                           const std::string& path);

// PNG previews of one sheet at `dpi` (read back first): page 1 to `path`, page p > 1 to `path`
// with "-p<p>" put before its ".png". Returns the paths written (mode 0600).
Result<std::vector<std::string>> WriteSheetPng(const SheetContent& sheet, const Template& tmpl,
                                               const std::string& path, double dpi = 150);

// Envelope labels / custodian receipts: one page per sheet with the public facts only (set id,
// share index, custodian, fields to fill); the payload of each content is never looked at.
Result<secmem::SecureBytes> RenderEnvelopeLabelsPdf(std::span<const SheetContent> sheets,
                                                    const Template& tmpl);
Status WriteEnvelopeLabelsPdf(std::span<const SheetContent> sheets, const Template& tmpl,
                              const std::string& path);

// Lays out and reads back one sheet without writing anything (for checks and benchmarks).
Status CheckSheetReadsBack(const SheetContent& sheet, const Template& tmpl);

}  // namespace keyrite::paper
