#pragma once
// Sheet templates: the wording, labels, logo, paper size, margins, fonts and QR settings of share
// sheets and envelope labels, read from TOML (templates/share-sheet.toml and
// templates/envelope-label.toml are the built-in defaults, compiled in from those files). A file
// may give any subset of the keys; the rest keep the default of its kind. Unknown keys, wrong
// types, out-of-range values and unknown {placeholders} are rejected with the key named. Every
// key is described in docs/templates.md. A template holds no secret.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "paper/qr_code.h"

namespace keyrite::paper {

enum class TemplateKind { kShareSheet, kEnvelopeLabel };
enum class PaperSize { kA4, kLetter };

inline constexpr std::size_t kMaxTemplateBytes = 64 * 1024;

struct PageSpec {
  PaperSize size = PaperSize::kA4;
  double margin_top_mm = 0;
  double margin_bottom_mm = 0;
  double margin_left_mm = 0;
  double margin_right_mm = 0;
};

struct FontSpec {
  std::string sans;  // fontconfig family names
  std::string mono;
  double title_pt = 0;
  double body_pt = 0;
  double small_pt = 0;
  double mono_pt = 0;  // the typed lines
};

struct LogoSpec {
  std::string path;  // absolute or relative to the working directory; empty: no logo
  double width_mm = 0;
};

struct QrSpec {
  double module_mm = 0;  // the loader insists on >= kMinModuleMm; the renderer trusts the struct
  QrLevel level = QrLevel::kM;
  std::size_t part_chars = 0;
};

struct TextSpec {
  std::string title, secret_label, set_label, share_of, custodian_label, fingerprint_label,
      ceremony_label, date_label, qr_caption, part_caption, typed_heading, typed_help,
      armor_heading, fields_heading, instructions_heading, footer;
  std::vector<std::string> fields;        // labels of the fields filled in by hand
  std::vector<std::string> instructions;  // recovery instructions, one printed line each
};

struct Template {
  TemplateKind kind = TemplateKind::kShareSheet;
  std::string origin;  // the file it came from, or "built-in share-sheet"
  PageSpec page;
  FontSpec fonts;
  LogoSpec logo;
  QrSpec qr;
  std::size_t groups_per_line = 0;
  TextSpec text;
};

inline constexpr double kMinModuleMm = 0.5;

// The built-in templates (parsed once from the compiled-in TOML).
const Template& DefaultShareSheetTemplate();
const Template& DefaultEnvelopeLabelTemplate();

// Parses TOML `text` read from `origin`; a relative logo path is taken relative to `base_dir`.
Result<Template> ParseTemplate(std::string_view text, std::string_view origin,
                               std::string_view base_dir);
// Reads and parses a template file (NotFound / IoError / InvalidInput naming the file and key).
Result<Template> LoadTemplate(const std::string& path);

// Page size in millimetres.
double PageWidthMm(PaperSize size);
double PageHeightMm(PaperSize size);

}  // namespace keyrite::paper
