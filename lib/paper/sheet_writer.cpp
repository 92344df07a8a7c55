#include "paper/sheet_writer.h"

#include <cairo-pdf.h>

#include <optional>

#include "base/clock.h"
#include "io/files.h"
#include "paper/cairo_handle.h"
#include "paper/page_raster.h"
#include "paper/read_back.h"
#include "paper/secure_buffer.h"
#include "paper/sheet_draw.h"

namespace keyrite::paper {
namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr std::size_t kMaxPdfBytes = 4 * 1024 * 1024;

std::string SheetName(const SheetContent& c) {
  return "sheet of share " + std::to_string(c.index) + " of set " + c.set_id;
}

Result<std::optional<Logo>> LogoOf(const Template& tmpl) {
  if (tmpl.logo.path.empty()) return std::optional<Logo>();
  KR_ASSIGN_OR_RETURN(Logo logo, LoadLogo(tmpl.logo.path));
  return std::optional<Logo>(std::move(logo));
}

const Logo* Ptr(const std::optional<Logo>& logo) { return logo ? &*logo : nullptr; }

cairo_status_t AppendToBuffer(void* closure, const unsigned char* data, unsigned int length) {
  auto* buffer = static_cast<SecureBuffer*>(closure);
  return buffer->Append({data, length}) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

Status CheckKind(const Template& tmpl, TemplateKind kind) {
  if (tmpl.kind == kind) return OkStatus();
  return InvalidArgument(
      tmpl.origin + " is an " +
      (tmpl.kind == TemplateKind::kEnvelopeLabel ? "envelope-label" : "share-sheet") +
      " template; this needs the other kind");
}

// Draws the plans into one PDF in locked memory.
Result<secmem::SecureBytes> DrawPdf(std::span<const SheetPlan> plans, const Logo* logo,
                                    std::int64_t date_unix, const std::string& title) {
  SecureBuffer buffer(kMaxPdfBytes);
  CairoSurface surface(cairo_pdf_surface_create_for_stream(AppendToBuffer, &buffer,
                                                           plans[0].width_mm * kPointsPerMm,
                                                           plans[0].height_mm * kPointsPerMm));
  const std::string date = FormatUtc(date_unix);
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "keyrite");
  {
    Cairo cr = NewMillimetreContext(surface.get(), kPointsPerMm);
    for (const SheetPlan& plan : plans) {
      for (std::size_t page = 0; page < plan.pages.size(); ++page) {
        DrawPage(cr.get(), plan, page, logo);
        cairo_show_page(cr.get());
      }
    }
  }
  cairo_surface_finish(surface.get());
  if (buffer.overflowed() || cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Internal("cairo could not produce the PDF (" +
                    std::string(buffer.overflowed()
                                    ? "larger than 4 MiB"
                                    : cairo_status_to_string(cairo_surface_status(surface.get()))) +
                    ")");
  }
  return buffer.Take();
}

Result<SheetPlan> PlannedAndReadBack(const SheetContent& sheet, const Template& tmpl,
                                     const Logo* logo) {
  Result<SheetPlan> plan = PlanShareSheet(sheet, tmpl, logo);
  if (!plan.ok()) return plan.status();
  KR_RETURN_IF_ERROR(ReadBackSheet(*plan, logo, SheetName(sheet)));
  return plan;
}

std::string PagePath(const std::string& path, std::size_t page) {
  if (page == 0) return path;
  const std::string suffix = "-p" + std::to_string(page + 1);
  const bool png = path.size() >= 4 && path.compare(path.size() - 4, 4, ".png") == 0;
  return png ? path.substr(0, path.size() - 4) + suffix + ".png" : path + suffix;
}

}  // namespace

Result<secmem::SecureBytes> RenderShareSheetsPdf(std::span<const SheetContent> sheets,
                                                 const Template& tmpl) {
  if (sheets.empty()) return InvalidArgument("no sheets to print");
  KR_RETURN_IF_ERROR(CheckKind(tmpl, TemplateKind::kShareSheet));
  KR_ASSIGN_OR_RETURN(const std::optional<Logo> logo, LogoOf(tmpl));
  std::vector<SheetPlan> plans;
  for (const SheetContent& sheet : sheets) {
    KR_ASSIGN_OR_RETURN(SheetPlan plan, PlannedAndReadBack(sheet, tmpl, Ptr(logo)));
    plans.push_back(std::move(plan));
  }
  return DrawPdf(plans, Ptr(logo), sheets[0].date_unix,
                 "keyrite share sheets, set " + sheets[0].set_id);
}

Status WriteShareSheetsPdf(std::span<const SheetContent> sheets, const Template& tmpl,
                           const std::string& path) {
  if (io::PathExists(path)) return AlreadyExists(path + ": already exists; nothing was written");
  KR_ASSIGN_OR_RETURN(const secmem::SecureBytes pdf, RenderShareSheetsPdf(sheets, tmpl));
  return io::WriteNewFile(path, pdf.span(), io::FileMode::kSecret);
}

Result<std::vector<std::string>> WriteSheetPng(const SheetContent& sheet, const Template& tmpl,
                                               const std::string& path, double dpi) {
  KR_RETURN_IF_ERROR(CheckKind(tmpl, TemplateKind::kShareSheet));
  if (dpi < 50 || dpi > 600) return InvalidArgument("PNG resolution must be 50 to 600 dpi");
  KR_ASSIGN_OR_RETURN(const std::optional<Logo> logo, LogoOf(tmpl));
  KR_ASSIGN_OR_RETURN(const SheetPlan plan, PlannedAndReadBack(sheet, tmpl, Ptr(logo)));
  std::vector<std::string> written;
  for (std::size_t page = 0; page < plan.pages.size(); ++page) {
    const std::string out = PagePath(path, page);
    if (io::PathExists(out)) return AlreadyExists(out + ": already exists; nothing was written");
  }
  for (std::size_t page = 0; page < plan.pages.size(); ++page) {
    Result<GrayImage> image = RenderPageGray(plan, page, dpi, Ptr(logo));
    Result<secmem::SecureBytes> png =
        image.ok() ? EncodeGrayPng(*image) : Result<secmem::SecureBytes>(image.status());
    const std::string out = PagePath(path, page);
    Status s = png.ok() ? io::WriteNewFile(out, png->span(), io::FileMode::kSecret) : png.status();
    if (!s.ok()) {
      for (const std::string& done : written) io::RemoveQuietly(done);
      return s;
    }
    written.push_back(out);
  }
  return written;
}

Result<secmem::SecureBytes> RenderEnvelopeLabelsPdf(std::span<const SheetContent> sheets,
                                                    const Template& tmpl) {
  if (sheets.empty()) return InvalidArgument("no labels to print");
  KR_RETURN_IF_ERROR(CheckKind(tmpl, TemplateKind::kEnvelopeLabel));
  KR_ASSIGN_OR_RETURN(const std::optional<Logo> logo, LogoOf(tmpl));
  std::vector<SheetPlan> plans;
  for (const SheetContent& sheet : sheets) {
    KR_ASSIGN_OR_RETURN(SheetPlan plan, PlanEnvelopeLabel(sheet, tmpl, Ptr(logo)));
    KR_CHECK(plan.codes.empty() && plan.rows.empty());  // a label never carries a secret
    plans.push_back(std::move(plan));
  }
  return DrawPdf(plans, Ptr(logo), sheets[0].date_unix,
                 "keyrite envelope labels, set " + sheets[0].set_id);
}

Status WriteEnvelopeLabelsPdf(std::span<const SheetContent> sheets, const Template& tmpl,
                              const std::string& path) {
  if (io::PathExists(path)) return AlreadyExists(path + ": already exists; nothing was written");
  KR_ASSIGN_OR_RETURN(const secmem::SecureBytes pdf, RenderEnvelopeLabelsPdf(sheets, tmpl));
  return io::WriteNewFile(path, pdf.span(), io::FileMode::kPublic);
}

Status CheckSheetReadsBack(const SheetContent& sheet, const Template& tmpl) {
  KR_ASSIGN_OR_RETURN(const std::optional<Logo> logo, LogoOf(tmpl));
  return PlannedAndReadBack(sheet, tmpl, Ptr(logo)).status();
}

}  // namespace keyrite::paper
