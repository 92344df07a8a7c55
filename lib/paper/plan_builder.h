#pragma once
// PlanBuilder: the flow layout behind sheet_plan.h (lib/paper's own .cpp files only). It keeps a
// cursor running down the page, starts a new page when a block does not fit, measures public
// text with unhinted metrics (the same at every resolution), and lays out the blocks that share
// sheets and envelope labels have in common. Secret text is never measured: its width follows
// from its length in the monospaced font.

#include <string>
#include <string_view>
#include <vector>

#include "paper/cairo_handle.h"
#include "paper/sheet_plan.h"
#include "paper/text_fill.h"

namespace keyrite::paper {

class PlanBuilder {
 public:
  PlanBuilder(SheetPlan& plan, const Template& tmpl, FillValues values);

  double left() const { return left_; }
  double width() const { return width_; }
  double y() const { return y_; }
  PagePlan& page() { return plan_.pages.back(); }
  const Template& tmpl() const { return tmpl_; }
  const FillValues& values() const { return values_; }

  // Starts a new page unless `height` more fits on this one.
  void Need(double height);
  void Advance(double height) { y_ += height; }
  double LineHeight(Style style) const;
  double TextWidth(Style style, std::string_view text);
  // Width of `chars` characters of the monospaced `style` (for secret text).
  double MonoWidth(Style style, std::size_t chars);
  std::vector<std::string> Wrap(Style style, std::string_view text, double width);

  // One line of text at the cursor (placeholders filled), then the cursor moves down.
  void Line(Style style, std::string_view text, double x_offset = 0);
  // Wrapped text, each line kept on a page.
  void Paragraph(Style style, std::string_view text, std::string_view bullet = "");
  // "label: value" on one line, the value in `value_style`.
  void LabelledLine(std::string_view label, std::string_view value, Style value_style);
  void Rule();

  void Header(std::string_view title, std::string_view secret_label, const Logo* logo);
  void Facts(const SheetContent& content);
  void Fields(std::size_t columns, double row_height);
  void Instructions();
  // The footer on every page, once all pages exist.
  void Footers();
  // From now on every new page starts with the sheet's identity and a page marker QR code.
  void MarkContinuationPages() { mark_pages_ = true; }

 private:
  SheetPlan& plan_;
  const Template& tmpl_;
  FillValues values_;
  CairoSurface measure_surface_;
  Cairo measure_;
  void ContinuationHeader();

  double left_ = 0, width_ = 0, top_ = 0, bottom_ = 0, y_ = 0;
  bool mark_pages_ = false;
};

}  // namespace keyrite::paper
