#include "paper/template.h"

#include <toml++/toml.h>

#include <cstdio>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "base/shown_text.h"
#include "io/files.h"
#include "paper/text_fill.h"

namespace keyrite::paper {
namespace {

#include "paper/default_templates.inc"

constexpr std::size_t kMaxTextChars = 240;
constexpr std::size_t kMaxListItems = 12;
constexpr std::size_t kMaxTomlMessageChars = 160;

using Setter = std::function<Status(const toml::node&, const std::string& key, Template&)>;

std::string FormatNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

Status BadValue(const std::string& key, std::string_view expected) {
  return InvalidInput(key + ": expected " + std::string(expected));
}

Status SetNumber(const toml::node& n, const std::string& key, double lo, double hi, double& out) {
  const std::optional<double> v = n.is_number() ? n.value<double>() : std::nullopt;
  if (!v || *v < lo || *v > hi) {
    return BadValue(key, "a number from " + FormatNumber(lo) + " to " + FormatNumber(hi));
  }
  out = *v;
  return OkStatus();
}

Status SetCount(const toml::node& n, const std::string& key, std::int64_t lo, std::int64_t hi,
                std::size_t& out) {
  const std::optional<std::int64_t> v = n.is_integer() ? n.value<std::int64_t>() : std::nullopt;
  if (!v || *v < lo || *v > hi) {
    return BadValue(key, "a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
  }
  out = static_cast<std::size_t>(*v);
  return OkStatus();
}

Status SetText(const toml::node& n, const std::string& key, std::string& out) {
  if (!n.is_string()) return BadValue(key, "a string");
  const std::string& text = n.as_string()->get();
  if (text.size() > kMaxTextChars) {
    return BadValue(key, "at most " + std::to_string(kMaxTextChars) + " bytes of text");
  }
  for (const char c : text) {
    if (static_cast<unsigned char>(c) < 0x20)
      return BadValue(key, "text without control characters");
  }
  KR_RETURN_IF_ERROR(CheckPlaceholders(text, key));
  out = text;
  return OkStatus();
}

Status SetTextList(const toml::node& n, const std::string& key, std::vector<std::string>& out) {
  const toml::array* items = n.as_array();
  if (items == nullptr || items->size() > kMaxListItems) {
    return BadValue(key, "a list of at most " + std::to_string(kMaxListItems) + " strings");
  }
  std::vector<std::string> values(items->size());
  for (std::size_t i = 0; i < items->size(); ++i) {
    KR_RETURN_IF_ERROR(SetText(*items->get(i), key + "[" + std::to_string(i + 1) + "]", values[i]));
  }
  out = std::move(values);
  return OkStatus();
}

template <typename S>
Setter Number(S Template::*section, double S::*field, double lo, double hi) {
  return [=](const toml::node& n, const std::string& key, Template& t) {
    return SetNumber(n, key, lo, hi, t.*section.*field);
  };
}

template <typename S>
Setter Text(S Template::*section, std::string S::*field) {
  return [=](const toml::node& n, const std::string& key, Template& t) {
    return SetText(n, key, t.*section.*field);
  };
}

Status SetKind(const toml::node& n, const std::string& key, Template& t) {
  const std::optional<std::string> v = n.value<std::string>();
  if (v == "share-sheet" || v == "envelope-label") {
    t.kind = *v == "share-sheet" ? TemplateKind::kShareSheet : TemplateKind::kEnvelopeLabel;
    return OkStatus();
  }
  return BadValue(key, "\"share-sheet\" or \"envelope-label\"");
}

Status SetPaper(const toml::node& n, const std::string& key, Template& t) {
  const std::optional<std::string> v = n.value<std::string>();
  if (v == "A4" || v == "Letter") {
    t.page.size = *v == "A4" ? PaperSize::kA4 : PaperSize::kLetter;
    return OkStatus();
  }
  return BadValue(key, "\"A4\" or \"Letter\"");
}

Status SetLevel(const toml::node& n, const std::string& key, Template& t) {
  const std::optional<std::string> v = n.value<std::string>();
  if (v == "M" || v == "Q" || v == "H") {
    t.qr.level = *v == "M" ? QrLevel::kM : *v == "Q" ? QrLevel::kQ : QrLevel::kH;
    return OkStatus();
  }
  return BadValue(key, "\"M\", \"Q\" or \"H\" (L is too weak for paper)");
}

const std::map<std::string, Setter>& Rules() {
  static const auto* rules = new std::map<std::string, Setter>{
      {"template.kind", SetKind},
      {"page.size", SetPaper},
      {"page.margin_top_mm", Number(&Template::page, &PageSpec::margin_top_mm, 5, 60)},
      {"page.margin_bottom_mm", Number(&Template::page, &PageSpec::margin_bottom_mm, 5, 60)},
      {"page.margin_left_mm", Number(&Template::page, &PageSpec::margin_left_mm, 5, 60)},
      {"page.margin_right_mm", Number(&Template::page, &PageSpec::margin_right_mm, 5, 60)},
      {"fonts.sans", Text(&Template::fonts, &FontSpec::sans)},
      {"fonts.mono", Text(&Template::fonts, &FontSpec::mono)},
      {"fonts.title_pt", Number(&Template::fonts, &FontSpec::title_pt, 8, 36)},
      {"fonts.body_pt", Number(&Template::fonts, &FontSpec::body_pt, 6, 18)},
      {"fonts.small_pt", Number(&Template::fonts, &FontSpec::small_pt, 5, 14)},
      {"fonts.mono_pt", Number(&Template::fonts, &FontSpec::mono_pt, 8, 16)},
      {"logo.path", Text(&Template::logo, &LogoSpec::path)},
      {"logo.width_mm", Number(&Template::logo, &LogoSpec::width_mm, 5, 80)},
      {"qr.module_mm", Number(&Template::qr, &QrSpec::module_mm, kMinModuleMm, 2)},
      {"qr.error_correction", SetLevel},
      {"qr.part_chars", [](const toml::node& n, const std::string& key,
                           Template& t) { return SetCount(n, key, 100, 1000, t.qr.part_chars); }},
      {"typed.groups_per_line",
       [](const toml::node& n, const std::string& key, Template& t) {
         return SetCount(n, key, 1, 5, t.groups_per_line);
       }},
      {"text.title", Text(&Template::text, &TextSpec::title)},
      {"text.secret_label", Text(&Template::text, &TextSpec::secret_label)},
      {"text.set_label", Text(&Template::text, &TextSpec::set_label)},
      {"text.share_of", Text(&Template::text, &TextSpec::share_of)},
      {"text.custodian_label", Text(&Template::text, &TextSpec::custodian_label)},
      {"text.fingerprint_label", Text(&Template::text, &TextSpec::fingerprint_label)},
      {"text.ceremony_label", Text(&Template::text, &TextSpec::ceremony_label)},
      {"text.date_label", Text(&Template::text, &TextSpec::date_label)},
      {"text.qr_caption", Text(&Template::text, &TextSpec::qr_caption)},
      {"text.part_caption", Text(&Template::text, &TextSpec::part_caption)},
      {"text.typed_heading", Text(&Template::text, &TextSpec::typed_heading)},
      {"text.typed_help", Text(&Template::text, &TextSpec::typed_help)},
      {"text.armor_heading", Text(&Template::text, &TextSpec::armor_heading)},
      {"text.fields_heading", Text(&Template::text, &TextSpec::fields_heading)},
      {"text.instructions_heading", Text(&Template::text, &TextSpec::instructions_heading)},
      {"text.footer", Text(&Template::text, &TextSpec::footer)},
      {"text.fields", [](const toml::node& n, const std::string& key,
                         Template& t) { return SetTextList(n, key, t.text.fields); }},
      {"text.instructions", [](const toml::node& n, const std::string& key,
                               Template& t) { return SetTextList(n, key, t.text.instructions); }},
  };
  return *rules;
}

std::string LineOf(const toml::node& n) { return std::to_string(n.source().begin.line); }

// Applies every key of `doc` to `t`; `seen` collects the keys given.
Status ApplyKeys(const toml::table& doc, Template& t, std::set<std::string>& seen) {
  for (const auto& [section, node] : doc) {
    const toml::table* table = node.as_table();
    if (table == nullptr) {
      return InvalidInput("line " + LineOf(node) + ": '" + ShownText(section.str()) +
                          "' must be a [section]: see docs/templates.md");
    }
    for (const auto& [name, value] : *table) {
      const std::string key = std::string(section.str()) + "." + std::string(name.str());
      const auto rule = Rules().find(key);
      if (rule == Rules().end()) {
        return InvalidInput("line " + LineOf(value) + ": unknown key " + ShownText(key) +
                            " (the keys are listed in docs/templates.md)");
      }
      KR_RETURN_IF_ERROR(rule->second(value, key, t).WithContext("line " + LineOf(value)));
      seen.insert(key);
    }
  }
  return OkStatus();
}

Result<toml::table> ParseToml(std::string_view text, std::string_view origin) {
  try {
    return toml::parse(text, origin);
  } catch (const toml::parse_error& e) {
    // toml++ quotes the offending characters, which may be a newline.
    return InvalidInput("line " + std::to_string(e.source().begin.line) + ": " +
                        ShownText(e.description(), kMaxTomlMessageChars));
  } catch (const std::exception& e) {
    return InvalidInput("cannot read it as TOML: " + ShownText(e.what(), kMaxTomlMessageChars));
  }
}

// The kind named in [template], which picks the defaults the other keys override.
Result<TemplateKind> KindOf(const toml::table& doc) {
  const toml::node* node = doc.at_path("template.kind").node();
  if (node == nullptr)
    return InvalidInput("template.kind is missing (share-sheet or envelope-label)");
  Template probe;
  KR_RETURN_IF_ERROR(SetKind(*node, "template.kind", probe));
  return probe.kind;
}

std::string ResolveLogo(const std::string& path, std::string_view base_dir) {
  if (path.empty() || path.front() == '/' || base_dir.empty()) return path;
  return io::JoinPath(base_dir, path);
}

Status CheckLogoFile(const std::string& path) {
  if (path.empty()) return OkStatus();
  if (!io::PathExists(path)) return NotFound("logo.path: " + path + " does not exist");
  if (path.size() < 4 || path.compare(path.size() - 4, 4, ".png") != 0) {
    return InvalidInput("logo.path: " + path + " is not a .png file");
  }
  return OkStatus();
}

Template ParseBuiltIn(std::string_view text, std::string_view name) {
  Template t;
  std::set<std::string> seen;
  Result<toml::table> doc = ParseToml(text, name);
  KR_CHECK(doc.ok());
  KR_CHECK(ApplyKeys(*doc, t, seen).ok());
  KR_CHECK(seen.size() == Rules().size());  // a built-in template gives every key
  t.origin = std::string(name);
  return t;
}

}  // namespace

const Template& DefaultShareSheetTemplate() {
  static const Template* t = new Template(ParseBuiltIn(kShareSheetToml, "built-in share-sheet"));
  return *t;
}

const Template& DefaultEnvelopeLabelTemplate() {
  static const Template* t =
      new Template(ParseBuiltIn(kEnvelopeLabelToml, "built-in envelope-label"));
  return *t;
}

Result<Template> ParseTemplate(std::string_view text, std::string_view origin,
                               std::string_view base_dir) {
  const std::string where(origin);
  Result<toml::table> doc = ParseToml(text, origin);
  if (!doc.ok()) return doc.status().WithContext(where);
  Result<TemplateKind> kind = KindOf(*doc);
  if (!kind.ok()) return kind.status().WithContext(where);
  Template t = *kind == TemplateKind::kShareSheet ? DefaultShareSheetTemplate()
                                                  : DefaultEnvelopeLabelTemplate();
  std::set<std::string> seen;
  KR_RETURN_IF_ERROR(ApplyKeys(*doc, t, seen).WithContext(where));
  t.origin = where;
  t.logo.path = ResolveLogo(t.logo.path, base_dir);
  KR_RETURN_IF_ERROR(CheckLogoFile(t.logo.path).WithContext(where));
  return t;
}

Result<Template> LoadTemplate(const std::string& path) {
  KR_ASSIGN_OR_RETURN(const std::string text, io::ReadPublicFile(path, kMaxTemplateBytes));
  const std::size_t slash = path.find_last_of('/');
  const std::string base_dir = slash == std::string::npos ? "" : path.substr(0, slash);
  return ParseTemplate(text, path, base_dir);
}

double PageWidthMm(PaperSize size) { return size == PaperSize::kA4 ? 210.0 : 215.9; }
double PageHeightMm(PaperSize size) { return size == PaperSize::kA4 ? 297.0 : 279.4; }

}  // namespace keyrite::paper
