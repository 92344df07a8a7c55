// Tests for lib/paper: QR codes, templates, typed lines, multi-part payloads, share sheets with
// read-back, and scanning. Real parts only: shares from SplitSecret, PDFs from cairo rasterized
// by poppler's pdftoppm and read by pdftotext, QR codes decoded by zbar, shards encrypted by the
// real gpg. Image damage (rotation, scaling, noise, blur, a photo's skew and JPEG compression) is
// done here in test code, independently of lib/paper's own image transforms.

#include <cairo.h>
#include <gtest/gtest.h>
#include <jpeglib.h>
#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <numbers>
#include <optional>
#include <sstream>

#include "base/clock.h"
#include "base/rng.h"
#include "paper/font_cache.h"
#include "paper/page_raster.h"
#include "paper/read_back.h"
#include "paper/qr_code.h"
#include "paper/qr_decode.h"
#include "paper/qr_parts.h"
#include "paper/scan.h"
#include "paper/sheet_writer.h"
#include "paper/template.h"
#include "paper/typed_lines.h"
#include "share/share_set.h"
#include "share/share_v1.h"
#include "support/gpg_fixture.h"

namespace keyrite::paper {
namespace {

namespace fs = std::filesystem;
using secmem::SecureBytes;
using test_support::GpgFixture;

const std::string kDataDir = std::string(KEYRITE_TEST_DATA) + "/paper/";

// Frees cairo's and fontconfig's font caches after the last test, for the leak checker.
class FontCacheEnvironment : public ::testing::Environment {
 public:
  void TearDown() override { ReleaseFontCaches(); }
};
[[maybe_unused]] ::testing::Environment* const kFontCacheEnvironment =
    ::testing::AddGlobalTestEnvironment(new FontCacheEnvironment);
const std::string kTemplatesDir = std::string(KEYRITE_TEST_DATA) + "/../../templates/";

// ---------------------------------------------------------------------------------------------
// Helpers: temporary directories, external tools, share sets.

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "keyrite-paper-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string MustRun(const std::vector<std::string>& argv) {
  const test_support::GpgRun run = GpgFixture::Run(argv);
  if (run.exit_code != 0) throw std::runtime_error(argv[0] + " failed: " + run.err);
  return run.out;
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteText(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

constexpr std::int64_t kDate = 1795300200;  // 2026-11-21T22:30:00Z

struct TestSet {
  SecureBytes secret;
  std::vector<share::Share> shares;
};

TestSet MakeSet(std::uint64_t seed, int threshold, int count, std::size_t bytes = 32) {
  SeededRng rng(seed);
  TestSet set{SecureBytes(bytes), {}};
  rng.Fill(set.secret.span());
  auto shares = share::SplitSecret(set.secret.span(), static_cast<std::uint8_t>(threshold),
                                   static_cast<std::uint8_t>(count), rng);
  if (!shares.ok()) throw std::runtime_error(shares.status().message());
  set.shares = std::move(shares).value();
  return set;
}

SheetCommon Common() { return {"Baker HSM passwords", "HSM admin password", "CER-TEST-1", kDate}; }

std::vector<SheetContent> SheetsOf(const TestSet& set) {
  std::vector<SheetContent> sheets;
  for (const share::Share& s : set.shares) {
    sheets.push_back(ShareSheet(s, static_cast<std::uint8_t>(set.shares.size()), Common()));
  }
  return sheets;
}

// The share lines among scanned payloads, parsed, in the order given by `pick` (0-based).
Result<SecureBytes> CombineScanned(const std::vector<ScannedPayload>& scanned,
                                   const std::vector<std::size_t>& pick) {
  std::vector<share::SourcedShare> shares;
  for (const std::size_t i : pick) {
    auto parsed = share::ParseShareV1(scanned.at(i).text.view());
    if (!parsed.ok()) return parsed.status();
    shares.push_back({scanned[i].origin, std::move(parsed).value()});
  }
  return share::CombineShares(shares);
}

bool Equal(const SecureBytes& a, const SecureBytes& b) { return a.view() == b.view(); }

// pdftoppm -r 150 -png: one PNG per page, in page order.
std::vector<std::string> Rasterize(const std::string& pdf, const TempDir& dir) {
  MustRun({"pdftoppm", "-r", "150", "-png", pdf, dir / "page"});
  std::vector<std::string> pages;
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("page", 0) == 0 && entry.path().extension() == ".png") {
      pages.push_back(entry.path().string());
    }
  }
  std::sort(pages.begin(), pages.end());
  return pages;
}

// ---------------------------------------------------------------------------------------------
// Test-side images: plain 8-bit gray in ordinary memory, read and written through cairo and
// libjpeg, damaged by the functions below.

struct Gray {
  int w = 0, h = 0;
  std::vector<std::uint8_t> px;
  std::uint8_t& at(int x, int y) { return px[static_cast<std::size_t>(y * w + x)]; }
  std::uint8_t get(int x, int y) const {
    if (x < 0 || y < 0 || x >= w || y >= h) return 255;
    return px[static_cast<std::size_t>(y * w + x)];
  }
};

Gray Blank(int w, int h) {
  return {w, h, std::vector<std::uint8_t>(static_cast<std::size_t>(w * h), 255)};
}

Gray ReadPng(const std::string& path) {
  cairo_surface_t* s = cairo_image_surface_create_from_png(path.c_str());
  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) throw std::runtime_error("bad png " + path);
  Gray g = Blank(cairo_image_surface_get_width(s), cairo_image_surface_get_height(s));
  const unsigned char* data = cairo_image_surface_get_data(s);
  const int stride = cairo_image_surface_get_stride(s);
  for (int y = 0; y < g.h; ++y) {
    for (int x = 0; x < g.w; ++x) {
      const unsigned char* p = data + y * stride + 4 * x;  // B G R (A), RGB24 from pdftoppm
      g.at(x, y) = static_cast<std::uint8_t>((p[0] * 19 + p[1] * 183 + p[2] * 54) >> 8);
    }
  }
  cairo_surface_destroy(s);
  return g;
}

void WritePng(const Gray& g, const std::string& path) {
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, g.w, g.h);
  unsigned char* data = cairo_image_surface_get_data(s);
  const int stride = cairo_image_surface_get_stride(s);
  for (int y = 0; y < g.h; ++y) {
    for (int x = 0; x < g.w; ++x) {
      const std::uint8_t v = g.get(x, y);
      std::uint32_t pixel = 0xff000000u | (v << 16) | (v << 8) | v;
      std::memcpy(data + y * stride + 4 * x, &pixel, 4);
    }
  }
  cairo_surface_mark_dirty(s);
  if (cairo_surface_write_to_png(s, path.c_str()) != CAIRO_STATUS_SUCCESS) {
    throw std::runtime_error("cannot write " + path);
  }
  cairo_surface_destroy(s);
}

void WriteJpeg(const Gray& g, const std::string& path, int quality) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  jpeg_compress_struct c;
  jpeg_error_mgr err;
  c.err = jpeg_std_error(&err);
  jpeg_create_compress(&c);
  jpeg_stdio_dest(&c, f);
  c.image_width = static_cast<JDIMENSION>(g.w);
  c.image_height = static_cast<JDIMENSION>(g.h);
  c.input_components = 1;
  c.in_color_space = JCS_GRAYSCALE;
  jpeg_set_defaults(&c);
  jpeg_set_quality(&c, quality, TRUE);
  jpeg_start_compress(&c, TRUE);
  std::vector<std::uint8_t> row(static_cast<std::size_t>(g.w));
  while (c.next_scanline < c.image_height) {
    std::copy_n(g.px.begin() + static_cast<long>(c.next_scanline) * g.w, g.w, row.begin());
    JSAMPROW r = row.data();
    jpeg_write_scanlines(&c, &r, 1);
  }
  jpeg_finish_compress(&c);
  jpeg_destroy_compress(&c);
  std::fclose(f);
}

Gray Rotate90(const Gray& g) {
  Gray out = Blank(g.h, g.w);
  for (int y = 0; y < g.h; ++y) {
    for (int x = 0; x < g.w; ++x) out.at(g.h - 1 - y, x) = g.get(x, y);
  }
  return out;
}

Gray Rotate180(const Gray& g) {
  Gray out = g;
  std::reverse(out.px.begin(), out.px.end());
  return out;
}

// Bilinear: turned by `degrees` and scaled by `scale` about the centre, onto a canvas of the same
// size (a photo taken a little crooked and from further away).
Gray Warp(const Gray& g, double degrees, double scale) {
  Gray out = Blank(g.w, g.h);
  const double r = degrees * std::numbers::pi / 180, c = std::cos(r), s = std::sin(r);
  for (int y = 0; y < g.h; ++y) {
    for (int x = 0; x < g.w; ++x) {
      const double dx = (x - g.w / 2.0) / scale, dy = (y - g.h / 2.0) / scale;
      const double fx = g.w / 2.0 + c * dx + s * dy, fy = g.h / 2.0 - s * dx + c * dy;
      const int x0 = static_cast<int>(std::floor(fx)), y0 = static_cast<int>(std::floor(fy));
      const double ax = fx - x0, ay = fy - y0;
      const double v = (g.get(x0, y0) * (1 - ax) + g.get(x0 + 1, y0) * ax) * (1 - ay) +
                       (g.get(x0, y0 + 1) * (1 - ax) + g.get(x0 + 1, y0 + 1) * ax) * ay;
      out.at(x, y) = static_cast<std::uint8_t>(std::lround(v));
    }
  }
  return out;
}

Gray HalfSize(const Gray& g) {
  Gray out = Blank(g.w / 2, g.h / 2);
  for (int y = 0; y < out.h; ++y) {
    for (int x = 0; x < out.w; ++x) {
      const int sum = g.get(2 * x, 2 * y) + g.get(2 * x + 1, 2 * y) + g.get(2 * x, 2 * y + 1) +
                      g.get(2 * x + 1, 2 * y + 1);
      out.at(x, y) = static_cast<std::uint8_t>(sum / 4);
    }
  }
  return out;
}

// Gaussian-like 3x3 blur (1 2 1 / 2 4 2 / 1 2 1), `passes` times.
Gray Blur(Gray g, int passes) {
  static constexpr int k[3] = {1, 2, 1};
  for (int p = 0; p < passes; ++p) {
    Gray out = g;
    for (int y = 0; y < g.h; ++y) {
      for (int x = 0; x < g.w; ++x) {
        int sum = 0;
        for (int dy = -1; dy <= 1; ++dy) {
          for (int dx = -1; dx <= 1; ++dx) sum += k[dx + 1] * k[dy + 1] * g.get(x + dx, y + dy);
        }
        out.at(x, y) = static_cast<std::uint8_t>(sum / 16);
      }
    }
    g = std::move(out);
  }
  return g;
}

// Noise in [-amplitude, amplitude] on every pixel, from a seeded generator (one bulk draw).
Gray Noise(Gray g, int amplitude, std::uint64_t seed) {
  SeededRng rng(seed);
  std::vector<std::uint8_t> random(g.px.size());
  rng.Fill(random);
  for (std::size_t i = 0; i < g.px.size(); ++i) {
    const int n = random[i] * (2 * amplitude + 1) / 256 - amplitude;
    g.px[i] = static_cast<std::uint8_t>(std::clamp(g.px[i] + n, 0, 255));
  }
  return g;
}

// Draws QR codes (module `px` pixels) side by side on a white canvas.
Gray DrawCodes(const std::vector<const SecureBytes*>& payloads, int px) {
  std::vector<QrMatrix> codes;
  int width = 0, height = 0;
  for (const SecureBytes* p : payloads) {
    auto code = EncodeQr(p->span(), QrLevel::kM);
    if (!code.ok()) throw std::runtime_error(code.status().message());
    const int side = static_cast<int>(code->width + 8) * px;
    width += side;
    height = std::max(height, side);
    codes.push_back(std::move(code).value());
  }
  Gray g = Blank(width, height);
  int left = 0;
  for (const QrMatrix& code : codes) {
    for (std::size_t my = 0; my < code.width; ++my) {
      for (std::size_t mx = 0; mx < code.width; ++mx) {
        if (!code.Dark(mx, my)) continue;
        for (int dy = 0; dy < px; ++dy) {
          for (int dx = 0; dx < px; ++dx) {
            g.at(left + static_cast<int>(mx + 4) * px + dx, static_cast<int>(my + 4) * px + dy) = 0;
          }
        }
      }
    }
    left += static_cast<int>(code.width + 8) * px;
  }
  return g;
}

GrayImage ToGrayImage(const Gray& g) {
  auto image = GrayImage::Make(static_cast<std::size_t>(g.w), static_cast<std::size_t>(g.h));
  if (!image.ok()) throw std::runtime_error(image.status().message());
  std::copy(g.px.begin(), g.px.end(), image->pixels.data());
  return std::move(image).value();
}

// Renders the sheets of `set` to a PDF in `dir` and rasterizes it with pdftoppm at 150 dpi.
std::vector<std::string> PrintAndRasterize(const TestSet& set, const TempDir& dir) {
  const std::vector<SheetContent> sheets = SheetsOf(set);
  const Status s = WriteShareSheetsPdf(sheets, DefaultShareSheetTemplate(), dir / "sheets.pdf");
  if (!s.ok()) throw std::runtime_error(s.message());
  return Rasterize(dir / "sheets.pdf", dir);
}

// ---------------------------------------------------------------------------------------------
// QR codes.

TEST(PaperQr, ShareLineUsesAlphanumericMode) {
  const TestSet set = MakeSet(1, 3, 5);
  const SecureBytes line = share::FormatShareV1(set.shares[0]);
  ASSERT_EQ(line.size(), 153u);  // a 32-byte secret: 25 groups
  ASSERT_TRUE(IsQrAlphanumeric(line.span()));
  auto code = EncodeQr(line.span(), QrLevel::kM);
  ASSERT_TRUE(code.ok()) << code.status().message();
  // ISO/IEC 18004 capacity table: version 6-M holds 154 alphanumeric characters but only 106
  // bytes in byte mode (153 bytes would need version 9), so version 6 proves alphanumeric mode.
  EXPECT_EQ(code->version, 6);
  EXPECT_EQ(code->width, 41u);  // 17 + 4 * version
}

TEST(PaperQr, AlphanumericSetIsExactlyTheStandardOne) {
  const std::string alnum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
  for (int c = 0; c < 256; ++c) {
    const std::uint8_t byte = static_cast<std::uint8_t>(c);
    EXPECT_EQ(IsQrAlphanumeric(std::span(&byte, 1)),
              alnum.find(static_cast<char>(c)) != std::string::npos)
        << "byte " << c;
  }
}

TEST(PaperQr, BinaryPayloadDecodesByteForByte) {
  // Every byte value, NUL and high bytes included: zbar must not convert them to UTF-8.
  std::vector<std::uint8_t> bytes(256);
  for (int i = 0; i < 256; ++i)
    bytes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(255 - i);
  const SecureBytes payload = SecureBytes::CopyOf(bytes);
  const GrayImage image = ToGrayImage(DrawCodes({&payload}, 4));
  auto decoded = DecodeQrCodes(image);
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  ASSERT_EQ(decoded->size(), 1u);
  EXPECT_TRUE(Equal((*decoded)[0], payload));
}

TEST(PaperQr, AlphanumericPayloadDecodesAsAscii) {
  const SecureBytes payload = SecureBytes::CopyOf(std::string_view("KR1-ABCDE-FGHIJ $%*+./:"));
  const GrayImage image = ToGrayImage(DrawCodes({&payload}, 3));
  auto decoded = DecodeQrCodes(image);
  ASSERT_TRUE(decoded.ok());
  ASSERT_EQ(decoded->size(), 1u);
  EXPECT_EQ((*decoded)[0].view(), payload.view());
}

TEST(PaperQr, RefusesPayloadsThatFitNoCode) {
  const SecureBytes huge(3000);  // version 40-H holds 1273 bytes
  const auto code = EncodeQr(huge.span(), QrLevel::kH);
  ASSERT_FALSE(code.ok());
  EXPECT_EQ(code.status().kind(), ErrorKind::kInvalidInput);
  EXPECT_FALSE(EncodeQr({}, QrLevel::kM).ok());
}

// ---------------------------------------------------------------------------------------------
// Templates.

std::string Dump(const Template& t) {
  std::ostringstream o;
  o << static_cast<int>(t.kind) << '|' << static_cast<int>(t.page.size) << '|'
    << t.page.margin_top_mm << '|' << t.page.margin_bottom_mm << '|' << t.page.margin_left_mm << '|'
    << t.page.margin_right_mm << '|' << t.fonts.sans << '|' << t.fonts.mono << '|'
    << t.fonts.title_pt << '|' << t.fonts.body_pt << '|' << t.fonts.small_pt << '|'
    << t.fonts.mono_pt << '|' << t.logo.path << '|' << t.logo.width_mm << '|' << t.qr.module_mm
    << '|' << static_cast<int>(t.qr.level) << '|' << t.qr.part_chars << '|' << t.groups_per_line;
  const TextSpec& x = t.text;
  for (const std::string* s :
       {&x.title, &x.secret_label, &x.set_label, &x.share_of, &x.custodian_label,
        &x.fingerprint_label, &x.ceremony_label, &x.date_label, &x.qr_caption, &x.part_caption,
        &x.typed_heading, &x.typed_help, &x.armor_heading, &x.fields_heading,
        &x.instructions_heading, &x.footer}) {
    o << '|' << *s;
  }
  for (const auto* list : {&x.fields, &x.instructions}) {
    for (const std::string& s : *list) o << "|-" << s;
  }
  return o.str();
}

TEST(PaperTemplate, BuiltInDefaultsAreTheFilesInTemplates) {
  auto sheet = LoadTemplate(kTemplatesDir + "share-sheet.toml");
  ASSERT_TRUE(sheet.ok()) << sheet.status().message();
  EXPECT_EQ(Dump(*sheet), Dump(DefaultShareSheetTemplate()));
  EXPECT_EQ(sheet->kind, TemplateKind::kShareSheet);
  auto label = LoadTemplate(kTemplatesDir + "envelope-label.toml");
  ASSERT_TRUE(label.ok()) << label.status().message();
  EXPECT_EQ(Dump(*label), Dump(DefaultEnvelopeLabelTemplate()));
  EXPECT_EQ(label->kind, TemplateKind::kEnvelopeLabel);
  EXPECT_NE(Dump(*sheet), Dump(*label));
}

TEST(PaperTemplate, PartialTemplateKeepsTheDefaultsOfItsKind) {
  auto t = ParseTemplate(
      "[template]\nkind = \"share-sheet\"\n[page]\nsize = \"Letter\"\n[text]\ntitle = \"ACME\"\n",
      "acme.toml", "");
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->page.size, PaperSize::kLetter);
  EXPECT_EQ(t->text.title, "ACME");
  Template expected = DefaultShareSheetTemplate();
  expected.page.size = PaperSize::kLetter;
  expected.text.title = "ACME";
  EXPECT_EQ(Dump(*t), Dump(expected));
  EXPECT_EQ(t->origin, "acme.toml");
}

TEST(PaperTemplate, RejectsUnknownKeysAndBadValuesNamingTheKey) {
  const std::string head = "[template]\nkind = \"share-sheet\"\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"[page]\ncolour = \"red\"\n", "unknown key page.colour"},
      {"[paper]\nsize = \"A4\"\n", "unknown key paper.size"},
      {"[page]\nsize = \"A5\"\n", "page.size: expected \"A4\" or \"Letter\""},
      {"[qr]\nmodule_mm = 0.3\n", "qr.module_mm: expected a number from 0.5 to 2"},
      {"[qr]\nerror_correction = \"L\"\n", "qr.error_correction"},
      {"[qr]\npart_chars = 12.5\n", "qr.part_chars: expected a whole number"},
      {"[typed]\ngroups_per_line = 9\n", "typed.groups_per_line"},
      {"[fonts]\nbody_pt = \"big\"\n", "fonts.body_pt"},
      {"[text]\ntitle = 7\n", "text.title: expected a string"},
      {"[text]\nshare_of = \"share {idx}\"\n", "text.share_of: unknown placeholder {idx}"},
      {"[text]\nfooter = \"page {page\"\n", "text.footer: '{' without a closing '}'"},
      {"[text]\nfields = [\"a\", 3]\n", "text.fields[2]: expected a string"},
  };
  for (const auto& [body, message] : cases) {
    auto t = ParseTemplate(head + body, "bad.toml", "");
    ASSERT_FALSE(t.ok()) << body;
    EXPECT_EQ(t.status().kind(), ErrorKind::kInvalidInput) << body;
    EXPECT_NE(t.status().message().find(message), std::string::npos)
        << body << " -> " << t.status().message();
    EXPECT_EQ(t.status().message().rfind("bad.toml: line ", 0), 0u) << t.status().message();
  }
}

TEST(PaperTemplate, RejectsBrokenTomlAndAMissingKind) {
  auto loose = ParseTemplate("title = \"x\"\n[template]\nkind = \"share-sheet\"\n", "l.toml", "");
  ASSERT_FALSE(loose.ok());
  EXPECT_NE(loose.status().message().find("'title' must be a [section]"), std::string::npos);
  auto broken = ParseTemplate("[template\nkind = 1", "broken.toml", "");
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find("broken.toml: line 1"), std::string::npos);
  auto kindless = ParseTemplate("[page]\nsize = \"A4\"\n", "kindless.toml", "");
  ASSERT_FALSE(kindless.ok());
  EXPECT_NE(kindless.status().message().find("template.kind is missing"), std::string::npos);
  auto missing = LoadTemplate("/nonexistent/keyrite/template.toml");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().kind(), ErrorKind::kNotFound);
}

// Found by fuzz/paper_template_fuzz: toml++ quotes the offending character (here a newline) and
// section and key names were echoed as typed, so a message could span lines.
TEST(PaperTemplate, MessagesStayOnOneLine) {
  for (const std::string& text :
       {std::string("[page]\nmargin_top_mm = n\n"),
        std::string("\"a\\nb\" = 1\n[template]\nkind = \"share-sheet\"\n"),
        std::string("[template]\nkind = \"share-sheet\"\n[page]\n"
                    "\"x\\ny\" = 1\n")}) {
    const auto parsed = ParseTemplate(text, "t.toml", "");
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.status().message().find('\n'), std::string::npos) << parsed.status().message();
  }
}

TEST(PaperTemplate, LogoPathIsRelativeToTheTemplateAndMustExist) {
  TempDir dir;
  WriteText(dir / "t.toml", "[template]\nkind = \"share-sheet\"\n[logo]\npath = \"logo.png\"\n");
  auto missing = LoadTemplate(dir / "t.toml");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().kind(), ErrorKind::kNotFound);
  EXPECT_NE(missing.status().message().find("logo.path: " + (dir / "logo.png")), std::string::npos);
  Gray logo = Blank(120, 60);
  for (int y = 10; y < 50; ++y) {
    for (int x = 10; x < 110; ++x) logo.at(x, y) = 40;
  }
  WritePng(logo, dir / "logo.png");
  auto t = LoadTemplate(dir / "t.toml");
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->logo.path, dir / "logo.png");
  // A sheet with the logo still reads back and prints.
  const TestSet set = MakeSet(11, 2, 3);
  const std::vector<SheetContent> sheets = SheetsOf(set);
  EXPECT_TRUE(WriteShareSheetsPdf(sheets, *t, dir / "logo.pdf").ok());
}

// ---------------------------------------------------------------------------------------------
// Typed lines.

// The rows as printed: "groups check".
std::string Printed(const TypedRow& row) {
  return std::string(row.text.view()) + "  " + std::string(row.check.view());
}

TEST(PaperTyped, RowsTypeBackToTheShareLine) {
  const TestSet set = MakeSet(2, 3, 5, 48);
  for (std::size_t gpl = 1; gpl <= kMaxGroupsPerLine; ++gpl) {
    const SecureBytes line = share::FormatShareV1(set.shares[1]);
    auto rows = SplitTypedRows(line.view(), gpl);
    ASSERT_TRUE(rows.ok());
    std::vector<CheckedRow> checked;
    for (const TypedRow& row : *rows) {
      auto back = CheckTypedRow(row.number, Printed(row), gpl);
      ASSERT_TRUE(back.ok()) << back.status().message();
      EXPECT_EQ(back->full, &row != &rows->back() || row.text.size() == gpl * 6 - 1);
      checked.push_back(std::move(back).value());
    }
    EXPECT_EQ(JoinTypedRows(checked).view(), line.view()) << "groups per line " << gpl;
  }
}

// Found by fuzz/typed_lines_fuzz: a share line given in lower case (or with a space inside its
// last group) was printed as given, with line checks over those characters, so the printed rows
// could never be typed back.
TEST(PaperTyped, RowsOfALineInAnotherCaseAreThoseOfItsCanonicalForm) {
  const TestSet set = MakeSet(2, 3, 5, 48);
  const SecureBytes line = share::FormatShareV1(set.shares[0]);
  std::string lower(line.view());
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  lower.insert(lower.size() - 1, " ");
  auto rows = SplitTypedRows(lower, 3);
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  std::vector<CheckedRow> checked;
  for (const TypedRow& row : *rows) {
    auto back = CheckTypedRow(row.number, Printed(row), 3);
    ASSERT_TRUE(back.ok()) << back.status().message();
    checked.push_back(std::move(back).value());
  }
  EXPECT_EQ(JoinTypedRows(checked).view(), line.view());
}

TEST(PaperTyped, TypingIsForgivingAboutCaseAndSeparators) {
  const TestSet set = MakeSet(3, 2, 2);
  const SecureBytes line = share::FormatShareV1(set.shares[0]);
  auto rows = SplitTypedRows(line.view(), 4);
  ASSERT_TRUE(rows.ok());
  std::string typed = Printed((*rows)[0]);
  std::transform(typed.begin(), typed.end(), typed.begin(), [](char c) {
    return c == ' ' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  auto back = CheckTypedRow(1, "  " + typed + "\t", 4);
  ASSERT_TRUE(back.ok()) << back.status().message();
}

TEST(PaperTyped, EverySingleCharacterTypoIsLocatedToLineAndGroup) {
  const TestSet set = MakeSet(4, 3, 5);
  const SecureBytes line = share::FormatShareV1(set.shares[2]);
  auto rows = SplitTypedRows(line.view(), 4);
  ASSERT_TRUE(rows.ok());
  std::size_t caught = 0;
  for (const TypedRow& row : *rows) {
    const std::string printed = Printed(row);
    for (std::size_t pos = 0; pos < printed.size(); ++pos) {
      if (printed[pos] == ' ') continue;
      for (const char sub : kBase32Alphabet) {
        if (sub == printed[pos]) continue;
        std::string typo = printed;
        typo[pos] = sub;
        auto back = CheckTypedRow(row.number, typo, 4);
        ASSERT_FALSE(back.ok()) << "line " << row.number << " position " << pos;
        const std::string m = back.status().message();
        const std::string line_name = "line " + std::to_string(row.number) + ":";
        EXPECT_EQ(m.rfind(line_name, 0), 0u) << m;
        const bool in_check = pos >= printed.size() - 2;
        const auto spaces_before =
            std::count(printed.begin(), printed.begin() + static_cast<long>(pos), ' ');
        const std::string where =
            in_check ? "line check"
                     : "group " + std::to_string(row.first_group +
                                                 static_cast<std::size_t>(spaces_before));
        EXPECT_NE(m.find(where), std::string::npos) << m << " (expected " << where << ")";
        ++caught;
      }
    }
  }
  EXPECT_GT(caught, 4000u);
}

TEST(PaperTyped, LineCheckKnownAnswers) {
  // From the Python reference in docs/paper.md (appendix), written from the spec, not the code.
  const auto text = [](const LineCheck& c) { return std::string(c.data(), c.size()); };
  EXPECT_EQ(text(TypedLineCheck(1, "CJS6VQZY6CZSJ7Z2AYBP")), "7K");
  EXPECT_EQ(text(TypedLineCheck(2, "TX2VJYOFI346KAEWLNZD")), "D5");
  EXPECT_EQ(text(TypedLineCheck(7, "IFKAH")), "QD");
}

TEST(PaperTyped, LineCheckCatchesEveryDoubleSubstitution) {
  // Two GF(32) syndromes with distinct weights: any two wrong symbols change the check.
  const std::string row = "ABCDEFGHIJKLMNOPQRSTUVWXY";
  for (std::size_t number : {1u, 7u, 1000u}) {
    const LineCheck good = TypedLineCheck(number, row);
    for (std::size_t i = 0; i < row.size(); ++i) {
      for (std::size_t j = i + 1; j < row.size(); ++j) {
        for (const char a : {'2', 'Q', 'Z'}) {
          for (const char b : {'7', 'A', 'M'}) {
            std::string bad = row;
            bad[i] = a;
            bad[j] = b;
            if (bad[i] == row[i] || bad[j] == row[j]) continue;
            EXPECT_NE(TypedLineCheck(number, bad), good) << i << "," << j;
          }
        }
      }
    }
    EXPECT_NE(TypedLineCheck(number + 1, row), good);  // the line number is covered too
  }
}

TEST(PaperTyped, SwappedOrMissingGroupsAndWrongShapesAreCaught) {
  const TestSet set = MakeSet(5, 2, 3);
  const SecureBytes line = share::FormatShareV1(set.shares[0]);
  auto rows = SplitTypedRows(line.view(), 4);
  ASSERT_TRUE(rows.ok());
  const std::string printed = Printed((*rows)[1]);
  const std::string swapped = printed.substr(6, 6) + printed.substr(0, 6) + printed.substr(12);
  EXPECT_FALSE(CheckTypedRow(2, swapped, 4).ok());
  EXPECT_FALSE(CheckTypedRow(2, printed.substr(6), 4).ok());      // first group missing
  EXPECT_FALSE(CheckTypedRow(3, printed, 4).ok());                // typed as the wrong line
  EXPECT_FALSE(CheckTypedRow(2, printed.substr(0, 23), 4).ok());  // line check missing
  auto too_many = CheckTypedRow(2, printed, 3);
  ASSERT_FALSE(too_many.ok());
  EXPECT_NE(too_many.status().message().find("at most 3"), std::string::npos);
}

TEST(PaperTyped, ArmorLineChecks) {
  const LineCheck a = ArmorLineCheck(3, "hQEMA0bCdEfGhIjKAQf/Zm9vYmFy");
  EXPECT_TRUE(CheckArmorRow(3, "hQEMA0bCdEfGhIjKAQf/Zm9vYmFy", std::string(a.data(), 2)).ok());
  EXPECT_FALSE(CheckArmorRow(3, "hQEMA0bCdEfGhIjKAQf/Zm9vYmFx", std::string(a.data(), 2)).ok());
  EXPECT_FALSE(CheckArmorRow(4, "hQEMA0bCdEfGhIjKAQf/Zm9vYmFy", std::string(a.data(), 2)).ok());
}

// ---------------------------------------------------------------------------------------------
// Multi-part payloads.

std::vector<SecureBytes> SampleParts(std::string_view text, std::size_t chunk) {
  return MakeParts("AERUJKZ4JEVPG", 3,
                   std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()),
                   chunk);
}

TEST(PaperParts, HeaderRoundTripsAndIsAlphanumeric) {
  const auto parts = SampleParts("-----BEGIN PGP MESSAGE-----\nabc\n", 10);
  ASSERT_EQ(parts.size(), 4u);
  auto part = ParsePart(parts[1].span());
  ASSERT_TRUE(part.ok()) << part.status().message();
  EXPECT_EQ(part->header.set_id, "AERUJKZ4JEVPG");
  EXPECT_EQ(part->header.index, 3);
  EXPECT_EQ(part->header.part, 2u);
  EXPECT_EQ(part->header.parts, 4u);
  EXPECT_EQ(part->chunk.view(), " PGP MESSA");
  const std::string_view text = parts[1].view();
  const std::string_view header = text.substr(0, text.size() - 10);
  EXPECT_TRUE(IsQrAlphanumeric(
      std::span(reinterpret_cast<const std::uint8_t*>(header.data()), header.size())));
  const std::string prefix = "KRP1:AERUJKZ4JEVPG:3:2/4:";
  ASSERT_EQ(header.size(), prefix.size() + 17);
  EXPECT_EQ(header.substr(0, prefix.size()), prefix);
  EXPECT_EQ(header.back(), ':');
  for (const char c : header.substr(prefix.size(), 16)) {
    EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F')) << c;
  }
}

TEST(PaperParts, ReassemblesInAnyOrderAndDropsDuplicates) {
  const std::string text = "-----BEGIN PGP MESSAGE-----\n0123456789abcdefghij\n";
  const auto parts = SampleParts(text, 7);
  std::vector<std::size_t> order(parts.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  SeededRng rng(6);
  for (int round = 0; round < 20; ++round) {
    for (std::size_t i = order.size() - 1; i > 0; --i) {
      std::swap(order[i], order[rng.Uniform(static_cast<std::uint32_t>(i + 1))]);
    }
    PartCollector collector;
    for (const std::size_t i : order) {
      ASSERT_TRUE(
          collector.Add("img" + std::to_string(i), std::move(ParsePart(parts[i].span()).value()))
              .ok());
      ASSERT_TRUE(collector.Add("dup", std::move(ParsePart(parts[i].span()).value())).ok());
    }
    auto whole = collector.Finish();
    ASSERT_TRUE(whole.ok()) << whole.status().message();
    ASSERT_EQ(whole->size(), 1u);
    EXPECT_EQ((*whole)[0].payload.view(), text);
  }
}

TEST(PaperParts, MissingForeignAndConflictingPartsAreErrors) {
  const auto a = SampleParts("-----BEGIN PGP MESSAGE-----\nfirst printing\n", 12);
  const auto b = SampleParts("-----BEGIN PGP MESSAGE-----\nsecond printing\n", 12);
  ASSERT_EQ(a.size(), 4u);
  PartCollector missing;
  for (std::size_t i : {0u, 2u})
    ASSERT_TRUE(missing.Add("a.png", ParsePart(a[i].span()).value()).ok());
  auto m = missing.Finish();
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().kind(), ErrorKind::kInsufficient);
  EXPECT_NE(m.status().message().find("parts 2, 4 of 4 missing"), std::string::npos)
      << m.status().message();
  PartCollector mixed;
  for (std::size_t i : {0u, 1u, 2u})
    ASSERT_TRUE(mixed.Add("a.png", ParsePart(a[i].span()).value()).ok());
  ASSERT_TRUE(mixed.Add("b.png", ParsePart(b[3].span()).value()).ok());
  auto x = mixed.Finish();
  ASSERT_FALSE(x.ok());
  EXPECT_EQ(x.status().kind(), ErrorKind::kMismatch);
  EXPECT_NE(x.status().message().find("two different printings"), std::string::npos);
  // A forged part: right header, other bytes.
  std::string forged(a[1].view());
  forged.back() = forged.back() == 'x' ? 'y' : 'x';
  PartCollector conflict;
  ASSERT_TRUE(conflict.Add("a.png", ParsePart(a[1].span()).value()).ok());
  const Status c = conflict.Add("c.png", ParsePart(SecureBytes::CopyOf(forged).span()).value());
  EXPECT_EQ(c.kind(), ErrorKind::kCorrupt);
  EXPECT_FALSE(
      ParsePart(SecureBytes::CopyOf(std::string_view("KRP1:SHORT:1:1/1:00:x")).span()).ok());
  EXPECT_FALSE(
      ParsePart(SecureBytes::CopyOf(std::string_view("KRP1:AERUJKZ4JEVPG:3:5/4:0123456789ABCDEF:x"))
                    .span())
          .ok());
}

// ---------------------------------------------------------------------------------------------
// Share sheets: print, rasterize, scan, combine.

TEST(PaperSheet, ThreeOfFiveRoundTripThroughPdfAndPdftoppm) {
  TempDir dir;
  const TestSet set = MakeSet(10, 3, 5);
  const std::vector<std::string> pages = PrintAndRasterize(set, dir);
  ASSERT_EQ(pages.size(), 5u);
  struct stat st {};
  ASSERT_EQ(stat((dir / "sheets.pdf").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);  // the sheets hold shares
  auto scanned = ScanImageFiles(pages);
  ASSERT_TRUE(scanned.ok()) << scanned.status().message();
  ASSERT_EQ(scanned->size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ((*scanned)[i].index, i + 1);
    EXPECT_EQ((*scanned)[i].kind, PayloadKind::kShareLine);
    EXPECT_EQ((*scanned)[i].origin, pages[i]);
    EXPECT_EQ((*scanned)[i].text.view(), share::FormatShareV1(set.shares[i]).view());
  }
  for (const auto& pick : std::vector<std::vector<std::size_t>>{{0, 1, 2}, {4, 2, 0}, {1, 3, 4}}) {
    auto secret = CombineScanned(*scanned, pick);
    ASSERT_TRUE(secret.ok()) << secret.status().message();
    EXPECT_TRUE(Equal(*secret, set.secret));
  }
  auto two = CombineScanned(*scanned, {0, 1});
  EXPECT_EQ(two.status().kind(), ErrorKind::kInsufficient);
}

TEST(PaperSheet, ThePdfItselfScansPageByPage) {
  TempDir dir;
  const TestSet set = MakeSet(12, 2, 3);
  ASSERT_TRUE(WriteShareSheetsPdf(SheetsOf(set), DefaultShareSheetTemplate(), dir / "s.pdf").ok());
  auto scanned = ScanImageFile(dir / "s.pdf");
  ASSERT_TRUE(scanned.ok()) << scanned.status().message();
  ASSERT_EQ(scanned->size(), 3u);
  EXPECT_EQ((*scanned)[2].origin, dir / "s.pdf" + " page 3");
  auto secret = CombineScanned(*scanned, {2, 0});
  ASSERT_TRUE(secret.ok());
  EXPECT_TRUE(Equal(*secret, set.secret));
}

// Each page of a 3-of-5 set damaged by `damage`, saved, scanned; any 3 recombine the secret.
void ExpectSurvives(const std::function<Gray(const Gray&, std::size_t)>& damage, bool jpeg) {
  TempDir dir;
  const TestSet set = MakeSet(20, 3, 5);
  const std::vector<std::string> pages = PrintAndRasterize(set, dir);
  std::vector<std::string> damaged;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const std::string out = dir / ("damaged" + std::to_string(i) + (jpeg ? ".jpg" : ".png"));
    const Gray g = damage(ReadPng(pages[i]), i);
    jpeg ? WriteJpeg(g, out, 80) : WritePng(g, out);
    damaged.push_back(out);
  }
  auto scanned = ScanImageFiles(damaged);
  ASSERT_TRUE(scanned.ok()) << scanned.status().message();
  ASSERT_EQ(scanned->size(), 5u);
  auto secret = CombineScanned(*scanned, {4, 1, 3});
  ASSERT_TRUE(secret.ok()) << secret.status().message();
  EXPECT_TRUE(Equal(*secret, set.secret));
}

TEST(PaperSheet, SurvivesRotationBy90And180Degrees) {
  ExpectSurvives([](const Gray& g, std::size_t i) { return i % 2 ? Rotate90(g) : Rotate180(g); },
                 false);
}

TEST(PaperSheet, SurvivesScalingDownBy50Percent) {
  ExpectSurvives([](const Gray& g, std::size_t) { return HalfSize(g); }, false);
}

TEST(PaperSheet, SurvivesNoiseAndBlur) {
  ExpectSurvives([](const Gray& g, std::size_t i) { return Noise(Blur(g, 2), 60, 100 + i); },
                 false);
}

TEST(PaperSheet, SurvivesAPhotoLikeJpeg) {
  // Turned a few degrees, seen from further away, blurred, noisy, JPEG-compressed.
  ExpectSurvives(
      [](const Gray& g, std::size_t i) {
        return Noise(Blur(Warp(g, 3.0 + static_cast<double>(i) * 4.0, 0.8), 1), 25, 200 + i);
      },
      true);
}

TEST(PaperSheet, PngPreviewReadsBackAndScans) {
  TempDir dir;
  const TestSet set = MakeSet(13, 2, 2);
  const std::vector<SheetContent> sheets = SheetsOf(set);
  auto written = WriteSheetPng(sheets[1], DefaultShareSheetTemplate(), dir / "preview.png", 120);
  ASSERT_TRUE(written.ok()) << written.status().message();
  ASSERT_EQ(written->size(), 1u);
  auto scanned = ScanImageFile((*written)[0]);
  ASSERT_TRUE(scanned.ok()) << scanned.status().message();
  EXPECT_EQ((*scanned)[0].text.view(), share::FormatShareV1(set.shares[1]).view());
}

TEST(PaperSheet, NeverOverwritesAFile) {
  TempDir dir;
  WriteText(dir / "s.pdf", "keep me");
  const TestSet set = MakeSet(14, 2, 2);
  const Status s = WriteShareSheetsPdf(SheetsOf(set), DefaultShareSheetTemplate(), dir / "s.pdf");
  EXPECT_EQ(s.kind(), ErrorKind::kExists);
  EXPECT_EQ(ReadText(dir / "s.pdf"), "keep me");
}

TEST(PaperSheet, ReadBackRefusesASheetThatDoesNotDecode) {
  TempDir dir;
  const TestSet set = MakeSet(15, 2, 3);
  Template tiny = DefaultShareSheetTemplate();
  tiny.qr.module_mm = 0.1;  // 0.6 pixel per module at the read-back resolution: unreadable
  const Status s = WriteShareSheetsPdf(SheetsOf(set), tiny, dir / "s.pdf");
  ASSERT_EQ(s.kind(), ErrorKind::kInternal) << s.message();
  EXPECT_NE(s.message().find("does not read back"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("share 1 of set"), std::string::npos) << s.message();
  EXPECT_FALSE(fs::exists(dir / "s.pdf"));
  EXPECT_FALSE(CheckSheetReadsBack(SheetsOf(set)[0], tiny).ok());
  EXPECT_TRUE(CheckSheetReadsBack(SheetsOf(set)[0], DefaultShareSheetTemplate()).ok());
}

TEST(PaperSheet, RefusesContentThatDisagreesWithItsShareLine) {
  const TestSet set = MakeSet(16, 2, 3);
  std::vector<SheetContent> sheets = SheetsOf(set);
  sheets[0].index = 2;  // the line inside says 1
  const Status s = CheckSheetReadsBack(sheets[0], DefaultShareSheetTemplate());
  EXPECT_EQ(s.kind(), ErrorKind::kInvalidArgument);
}

// ---------------------------------------------------------------------------------------------
// The typed fallback read from the PDF's text.

struct ExtractedRow {
  std::size_t number;
  std::string text;  // groups and line check, as printed
};

bool IsBase32Token(const std::string& t) {
  return t.size() >= 2 && t.size() <= 5 &&
         std::all_of(t.begin(), t.end(), [](char c) { return Base32Value(c) >= 0; });
}

bool IsDigits(const std::string& t) {
  return std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A row of page text: "NN  GROUP GROUP GROUP GROUP  CK" (the number has at least 2 digits).
std::optional<ExtractedRow> ParseRow(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> tokens;
  for (std::string t; in >> t;) tokens.push_back(t);
  if (tokens.size() < 3 || tokens[0].size() < 2 || !IsDigits(tokens[0]) ||
      !std::all_of(tokens.begin() + 1, tokens.end(), IsBase32Token) || tokens.back().size() != 2) {
    return std::nullopt;
  }
  const std::size_t start = line.find(tokens[1], line.find(tokens[0]) + tokens[0].size());
  const std::size_t end = line.find_last_not_of(' ') + 1;
  return ExtractedRow{std::stoul(tokens[0]), line.substr(start, end - start)};
}

std::vector<std::vector<ExtractedRow>> TypedRowsByPage(const std::string& text) {
  std::vector<std::vector<ExtractedRow>> pages(1);
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    for (std::size_t f = line.find('\f'); f != std::string::npos; f = line.find('\f')) {
      pages.emplace_back();
      line.erase(f, 1);
    }
    if (std::optional<ExtractedRow> row = ParseRow(line)) pages.back().push_back(*row);
  }
  return pages;
}

// Which space-separated token (0-based) of `text` holds position `pos`.
std::size_t TokenAt(const std::string& text, std::size_t pos) {
  std::size_t token = 0;
  for (std::size_t i = 1; i <= pos; ++i) {
    if (text[i] != ' ' && text[i - 1] == ' ') ++token;
  }
  return token;
}

TEST(PaperSheet, TypedLinesFromPdftotextRebuildEveryShare) {
  TempDir dir;
  const TestSet set = MakeSet(30, 3, 5, 48);
  ASSERT_TRUE(WriteShareSheetsPdf(SheetsOf(set), DefaultShareSheetTemplate(), dir / "s.pdf").ok());
  const auto pages = TypedRowsByPage(MustRun({"pdftotext", "-layout", dir / "s.pdf", "-"}));
  ASSERT_GE(pages.size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) {
    ASSERT_FALSE(pages[i].empty()) << "page " << i + 1;
    std::vector<CheckedRow> rows;
    for (const ExtractedRow& r : pages[i]) {
      EXPECT_EQ(r.number, rows.size() + 1);
      auto checked = CheckTypedRow(r.number, r.text, 4);
      ASSERT_TRUE(checked.ok()) << checked.status().message();
      rows.push_back(std::move(checked).value());
    }
    const SecureBytes line = JoinTypedRows(rows);
    auto parsed = share::ParseShareV1(line.view());
    ASSERT_TRUE(parsed.ok()) << parsed.status().message();
    EXPECT_EQ(line.view(), share::FormatShareV1(set.shares[i]).view());
    // A single wrong character anywhere on any line is caught and located.
    for (const ExtractedRow& r : pages[i]) {
      for (std::size_t pos = 0; pos < r.text.size(); ++pos) {
        if (r.text[pos] == ' ') continue;
        std::string typo = r.text;
        typo[pos] = typo[pos] == 'Q' ? 'R' : 'Q';
        auto bad = CheckTypedRow(r.number, typo, 4);
        ASSERT_FALSE(bad.ok()) << "page " << i + 1 << " line " << r.number << " pos " << pos;
        const std::string m = bad.status().message();
        EXPECT_EQ(m.rfind("line " + std::to_string(r.number) + ":", 0), 0u) << m;
        const std::size_t token = TokenAt(r.text, pos);
        const bool in_check = token == TokenAt(r.text, r.text.size() - 1);
        const std::string where =
            in_check ? "line check" : "group " + std::to_string((r.number - 1) * 4 + token + 1);
        EXPECT_NE(m.find(where), std::string::npos) << m << " (expected " << where << ")";
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Golden: fixed seed and date, byte-stable text and QR payloads.

TEST(PaperGolden, SheetTextAndPayloadsAreStable) {
  TempDir dir;
  const TestSet set = MakeSet(2026, 3, 5);
  std::vector<SheetContent> sheets = SheetsOf(set);
  sheets[0].custodian_user_id = "Custodian One <custodian.one@example.org>";
  sheets[0].custodian_fingerprint = "0123456789ABCDEF0123456789ABCDEF01234567";
  ASSERT_TRUE(WriteShareSheetsPdf(sheets, DefaultShareSheetTemplate(), dir / "g.pdf").ok());
  const std::string text = MustRun({"pdftotext", "-layout", dir / "g.pdf", "-"});
  auto scanned = ScanImageFile(dir / "g.pdf");
  ASSERT_TRUE(scanned.ok()) << scanned.status().message();
  std::string payloads;
  for (const ScannedPayload& p : *scanned) payloads += std::string(p.text.view()) + "\n";
  if (std::getenv("KEYRITE_UPDATE_GOLDEN") != nullptr) {
    WriteText(kDataDir + "golden-sheets.txt", text);
    WriteText(kDataDir + "golden-payloads.txt", payloads);
    GTEST_SKIP() << "golden files written to " << kDataDir;
  }
  EXPECT_EQ(text, ReadText(kDataDir + "golden-sheets.txt"));
  EXPECT_EQ(payloads, ReadText(kDataDir + "golden-payloads.txt"));
  // The payloads are the share lines themselves: a QR app shows exactly the printed line.
  std::string lines;
  for (const share::Share& s : set.shares)
    lines += std::string(share::FormatShareV1(s).view()) + "\n";
  EXPECT_EQ(payloads, lines);
}

TEST(PaperGolden, PdfBytesAreReproducible) {
  const TestSet set = MakeSet(2027, 2, 2);
  auto a = RenderShareSheetsPdf(SheetsOf(set), DefaultShareSheetTemplate());
  auto b = RenderShareSheetsPdf(SheetsOf(set), DefaultShareSheetTemplate());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->view(), b->view());
}

// Not a check: with KEYRITE_SAMPLE_SHEET=path, writes the sample shown in the README there.
TEST(PaperGolden, SampleSheet) {
  const TestSet set = MakeSet(2026, 3, 5);
  std::vector<SheetContent> sheets = SheetsOf(set);
  sheets[0].custodian_user_id = "Custodian One <custodian.one@example.org>";
  sheets[0].custodian_fingerprint = "0123456789ABCDEF0123456789ABCDEF01234567";
  EXPECT_TRUE(CheckSheetReadsBack(sheets[0], DefaultShareSheetTemplate()).ok());
  if (const char* path = std::getenv("KEYRITE_SAMPLE_SHEET"); path != nullptr) {
    auto written = WriteSheetPng(sheets[0], DefaultShareSheetTemplate(), path, 100);
    ASSERT_TRUE(written.ok()) << written.status().message();
  }
}

// ---------------------------------------------------------------------------------------------
// Bad input: each a clear error naming the file.

TEST(PaperScan, UnreadableMissingAndQrLessImagesAreClearErrors) {
  TempDir dir;
  WriteText(dir / "text.png", "this is not an image");
  auto garbage = ScanImageFile(dir / "text.png");
  EXPECT_EQ(garbage.status().kind(), ErrorKind::kInvalidInput);
  EXPECT_NE(garbage.status().message().find(dir / "text.png"), std::string::npos);
  WritePng(Blank(400, 300), dir / "blank.png");
  const std::string png = ReadText(dir / "blank.png");
  WriteText(dir / "cut.png", png.substr(0, png.size() / 2));
  auto cut = ScanImageFile(dir / "cut.png");
  EXPECT_EQ(cut.status().kind(), ErrorKind::kInvalidInput);
  EXPECT_NE(cut.status().message().find("not a readable PNG"), std::string::npos);
  WriteText(dir / "cut.jpg", std::string("\xff\xd8\xff\xe0", 4) + "truncated");
  EXPECT_EQ(ScanImageFile(dir / "cut.jpg").status().kind(), ErrorKind::kInvalidInput);
  WriteText(dir / "cut.pdf", "%PDF-1.5\nnothing else");
  EXPECT_EQ(ScanImageFile(dir / "cut.pdf").status().kind(), ErrorKind::kInvalidInput);
  auto missing = ScanImageFile(dir / "missing.png");
  EXPECT_EQ(missing.status().kind(), ErrorKind::kNotFound);
  auto blank = ScanImageFile(dir / "blank.png");
  EXPECT_EQ(blank.status().kind(), ErrorKind::kNotFound);
  EXPECT_NE(blank.status().message().find(dir / "blank.png" + ": no QR code found"),
            std::string::npos)
      << blank.status().message();
  const SecureBytes url = SecureBytes::CopyOf(std::string_view("https://example.org/"));
  WritePng(DrawCodes({&url}, 4), dir / "url.png");
  auto foreign = ScanImageFile(dir / "url.png");
  EXPECT_EQ(foreign.status().kind(), ErrorKind::kNotFound);
  EXPECT_NE(foreign.status().message().find("not from keyrite"), std::string::npos);
}

TEST(PaperScan, AQrCodeOfAnotherSetIsRejectedByName) {
  TempDir dir;
  const TestSet a = MakeSet(40, 2, 3);
  const TestSet b = MakeSet(41, 2, 3);
  const SecureBytes line_a = share::FormatShareV1(a.shares[0]);
  const SecureBytes line_b = share::FormatShareV1(b.shares[1]);
  WritePng(DrawCodes({&line_a}, 4), dir / "a.png");
  WritePng(DrawCodes({&line_b}, 4), dir / "b.png");
  auto mixed = ScanImageFiles(std::vector<std::string>{dir / "a.png", dir / "b.png"});
  ASSERT_FALSE(mixed.ok());
  EXPECT_EQ(mixed.status().kind(), ErrorKind::kMismatch);
  const std::string m = mixed.status().message();
  EXPECT_NE(m.find(dir / "b.png"), std::string::npos) << m;
  EXPECT_NE(m.find("set " + share::FormatSetId(b.shares[0].set_id)), std::string::npos) << m;
  EXPECT_NE(m.find("set " + share::FormatSetId(a.shares[0].set_id)), std::string::npos) << m;
}

TEST(PaperScan, MultiPartCodesAcrossImagesInAnyOrder) {
  TempDir dir;
  const std::string armor = "-----BEGIN PGP MESSAGE-----\n\n" + std::string(300, 'A') +
                            "\n=abcd\n-----END PGP MESSAGE-----\n";
  const auto first = SampleParts(armor, 100);
  const auto other = SampleParts(armor + " ", 100);
  ASSERT_EQ(first.size(), 4u);
  WritePng(DrawCodes({&first[3], &first[1]}, 3), dir / "x.png");
  WritePng(DrawCodes({&first[0], &first[2], &first[1]}, 3), dir / "y.png");
  auto whole = ScanImageFiles(std::vector<std::string>{dir / "x.png", dir / "y.png"});
  ASSERT_TRUE(whole.ok()) << whole.status().message();
  ASSERT_EQ(whole->size(), 1u);
  EXPECT_EQ((*whole)[0].kind, PayloadKind::kArmoredShard);
  EXPECT_EQ((*whole)[0].text.view(), armor);
  EXPECT_EQ((*whole)[0].index, 3);
  // Part 3 missing.
  auto missing = ScanImageFile(dir / "x.png");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().kind(), ErrorKind::kInsufficient);
  EXPECT_NE(missing.status().message().find("parts 1, 3 of 4 missing"), std::string::npos)
      << missing.status().message();
  // A part of another printing of the same share.
  WritePng(DrawCodes({&other[2]}, 3), dir / "z.png");
  auto foreign = ScanImageFiles(std::vector<std::string>{dir / "x.png", dir / "z.png"});
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.status().kind(), ErrorKind::kMismatch) << foreign.status().message();
}

// ---------------------------------------------------------------------------------------------
// Encrypted shards (real gpg) and envelope labels.

TEST(PaperShard, ArmoredShardPrintsInPartsScansAndDecrypts) {
  GpgFixture gpg;
  const test_support::Identity who =
      gpg.MakeIdentity("Custodian One", test_support::Algo::kEd25519Cv25519, "");
  TempDir dir;
  const TestSet set = MakeSet(50, 2, 3);
  const SecureBytes line = share::FormatShareV1(set.shares[1]);
  WriteText(dir / "share.txt", std::string(line.view()));
  const test_support::GpgRun enc =
      gpg.Gpg(who, {"--armor", "--trust-model", "always", "--encrypt", "-r", who.fingerprint,
                    "--output", dir / "shard.asc", dir / "share.txt"});
  ASSERT_EQ(enc.exit_code, 0) << enc.err;
  const std::string armor = ReadText(dir / "shard.asc");
  ShardFacts facts{set.shares[1].set_id, 2, 3, 2, who.user_id, who.fingerprint};
  std::vector<SheetContent> sheets;
  sheets.push_back(ShardSheet(facts, armor, Common()));
  Template small_parts = DefaultShareSheetTemplate();
  small_parts.qr.part_chars = 150;
  ASSERT_TRUE(WriteShareSheetsPdf(sheets, small_parts, dir / "shard.pdf").ok());
  const std::vector<std::string> pages = Rasterize(dir / "shard.pdf", dir);
  auto scanned = ScanImageFiles(pages);
  ASSERT_TRUE(scanned.ok()) << scanned.status().message();
  ASSERT_EQ(scanned->size(), 1u);
  EXPECT_EQ((*scanned)[0].kind, PayloadKind::kArmoredShard);
  EXPECT_EQ((*scanned)[0].text.view(), armor);
  WriteText(dir / "scanned.asc", std::string((*scanned)[0].text.view()));
  const test_support::GpgRun dec = gpg.StockDecrypt(who, dir / "scanned.asc");
  ASSERT_EQ(dec.exit_code, 0) << dec.err;
  EXPECT_EQ(dec.out, line.view());
  // The armored text is printed too, each row with its line check.
  const std::string text = MustRun({"pdftotext", "-layout", dir / "shard.pdf", "-"});
  EXPECT_NE(text.find("part 1 of"), std::string::npos);
  const std::string second_line = armor.substr(
      armor.find('\n') + 1, armor.find('\n', armor.find('\n') + 1) - armor.find('\n') - 1);
  const LineCheck check = ArmorLineCheck(2, second_line);
  EXPECT_NE(text.find(std::string(check.data(), 2)), std::string::npos);
}

TEST(PaperLabel, EnvelopeLabelsCarryNoSecret) {
  TempDir dir;
  const TestSet set = MakeSet(60, 3, 5);
  std::vector<SheetContent> sheets = SheetsOf(set);
  sheets[2].custodian_user_id = "Custodian One <custodian.one@example.org>";
  const Status s = WriteEnvelopeLabelsPdf(sheets, DefaultEnvelopeLabelTemplate(), dir / "l.pdf");
  ASSERT_TRUE(s.ok()) << s.message();
  struct stat st {};
  ASSERT_EQ(stat((dir / "l.pdf").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
  const std::string text = MustRun({"pdftotext", "-layout", dir / "l.pdf", "-"});
  EXPECT_NE(text.find(share::FormatSetId(set.shares[0].set_id)), std::string::npos);
  EXPECT_NE(text.find("share 3 of 5"), std::string::npos);
  EXPECT_NE(text.find("Custodian One"), std::string::npos);
  EXPECT_NE(text.find("Envelope serial"), std::string::npos);
  EXPECT_EQ(text.find("KR1-"), std::string::npos);
  for (const share::Share& sh : set.shares) {
    const SecureBytes line = share::FormatShareV1(sh);
    for (std::size_t g = 4; g + 5 <= line.size(); g += 6) {  // each group of the line
      if (g < 20) continue;  // the first groups spell the set id, which is public
      EXPECT_EQ(text.find(std::string(line.view().substr(g, 5))), std::string::npos);
    }
  }
  EXPECT_EQ(ScanImageFile(dir / "l.pdf").status().kind(), ErrorKind::kNotFound);
  EXPECT_EQ(WriteEnvelopeLabelsPdf(sheets, DefaultShareSheetTemplate(), dir / "m.pdf").kind(),
            ErrorKind::kInvalidArgument);
}

// The read-back's second sampling (read_back.h): the page drawn half a pixel over is another
// bitmap, from which every code still reads back; a sheet reads back whole.
TEST(PaperReadBack, TheSecondSamplingIsAnotherBitmapThatStillReads) {
  const TestSet set = MakeSet(32, 2, 3);
  const std::vector<SheetContent> sheets = SheetsOf(set);
  const SheetContent& sheet = sheets[0];
  Result<SheetPlan> plan = PlanShareSheet(sheet, DefaultShareSheetTemplate(), nullptr);
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  Result<GrayImage> aligned = RenderPageGray(*plan, 0, kReadBackDpi, nullptr);
  Result<GrayImage> shifted =
      RenderPageGray(*plan, 0, kReadBackDpi, nullptr, kReadBackSecondShiftPx);
  ASSERT_TRUE(aligned.ok() && shifted.ok());
  ASSERT_EQ(aligned->pixels.size(), shifted->pixels.size());
  EXPECT_FALSE(Equal(aligned->pixels, shifted->pixels));
  for (const GrayImage* image : {&*aligned, &*shifted}) {
    auto decoded = DecodeQrCodes(*image);
    ASSERT_TRUE(decoded.ok());
    ASSERT_EQ(decoded->size(), plan->codes.size());
  }
  EXPECT_TRUE(ReadBackSheet(*plan, nullptr, "sheet").ok());
}

}  // namespace
}  // namespace keyrite::paper
