#include "paper/read_back.h"

#include <cstring>
#include <vector>

#include "paper/page_raster.h"
#include "paper/qr_decode.h"
#include "paper/slip39_sheet.h"

namespace keyrite::paper {
namespace {

bool SameBytes(const secmem::SecureBytes& a, const secmem::SecureBytes& b) {
  return a.size() == b.size() && secmem::ConstantTimeEqual(a.span(), b.span());
}

std::string PageName(std::string_view where, std::size_t page) {
  return std::string(where) + ", page " + std::to_string(page + 1);
}

// Each expected code found exactly once among the decoded payloads, and nothing else.
Status CompareCodes(const SheetPlan& plan, std::size_t page,
                    std::vector<secmem::SecureBytes>& decoded, std::string_view where) {
  const std::vector<CodeRun>& codes = plan.pages[page].codes;
  for (const CodeRun& run : codes) {
    bool found = false;
    for (secmem::SecureBytes& got : decoded) {
      if (!found && !got.empty() && SameBytes(got, plan.payloads[run.code])) {
        found = true;
        got = secmem::SecureBytes();
      }
    }
    if (!found) {
      return Internal(PageName(where, page) + ": QR code " + std::to_string(run.code + 1) + " of " +
                      std::to_string(plan.codes.size()) +
                      " does not read back from the rendered page; nothing was written "
                      "(a larger qr.module_mm may help)");
    }
  }
  for (const secmem::SecureBytes& got : decoded) {
    if (!got.empty()) {
      return Internal(PageName(where, page) +
                      ": a QR code reads back as something it was not "
                      "made from; nothing was written");
    }
  }
  return OkStatus();
}

// The numbered words as printed, read in order, must be the mnemonic.
Status ReadBackSlip39Rows(const SheetPlan& plan, std::string_view where) {
  Result<secmem::SecureBytes> words = Slip39MnemonicFromRows(plan.rows);
  if (!words.ok() || !SameBytes(*words, plan.share_line)) {
    return Internal(std::string(where) + ": the printed words do not read back as the mnemonic");
  }
  return OkStatus();
}

// The rows as printed ("groups check"), typed back, must rebuild the share line.
Status ReadBackTypedRows(const SheetPlan& plan, std::string_view where) {
  if (plan.rows.empty()) return OkStatus();
  if (plan.slip39) return ReadBackSlip39Rows(plan, where);
  std::vector<CheckedRow> checked;
  for (const TypedRow& row : plan.rows) {
    secmem::SecureBytes typed(row.text.size() + 1 + kLineCheckChars);
    std::memcpy(typed.data(), row.text.data(), row.text.size());
    typed[row.text.size()] = ' ';
    std::memcpy(typed.data() + row.text.size() + 1, row.check.data(), row.check.size());
    Result<CheckedRow> back = CheckTypedRow(row.number, typed.view(), plan.groups_per_line);
    if (!back.ok()) {
      return Internal(std::string(where) + ": typed line " + std::to_string(row.number) +
                      " does not check as printed; nothing was written");
    }
    checked.push_back(std::move(back).value());
  }
  const secmem::SecureBytes line = JoinTypedRows(checked);
  if (!SameBytes(line, plan.share_line)) {
    return Internal(std::string(where) + ": the typed lines do not rebuild the share line");
  }
  return OkStatus();
}

// One rendering of the page at kReadBackDpi, shifted by `shift_px`, decoded and compared.
Status ReadBackPage(const SheetPlan& plan, std::size_t page, const Logo* logo,
                    std::string_view where, double shift_px) {
  KR_ASSIGN_OR_RETURN(const GrayImage image,
                      RenderPageGray(plan, page, kReadBackDpi, logo, shift_px));
  KR_ASSIGN_OR_RETURN(std::vector<secmem::SecureBytes> decoded, DecodeQrCodes(image));
  return CompareCodes(plan, page, decoded, where);
}

}  // namespace

Status ReadBackSheet(const SheetPlan& plan, const Logo* logo, std::string_view where) {
  for (std::size_t page = 0; page < plan.pages.size(); ++page) {
    const Status aligned = ReadBackPage(plan, page, logo, where, 0);
    if (aligned.ok()) continue;
    // A scanner samples the page at any phase: a page whose codes all read back from a second
    // rendering, half a pixel over, passes too. Anything found that was not made fails either way.
    if (!ReadBackPage(plan, page, logo, where, kReadBackSecondShiftPx).ok()) return aligned;
  }
  return ReadBackTypedRows(plan, where);
}

}  // namespace keyrite::paper
