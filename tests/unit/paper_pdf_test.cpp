// PDF pages through pdftoppm: the PGM stream parser (lib/paper/pgm_stream.h) on hand-made streams,
// and ForEachImagePage on small PDFs written here, rendered by the real pdftoppm (skipped when
// poppler-utils is absent). PGM layout per the netpbm pgm(5) manual page.

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "paper/image_file.h"
#include "paper/pgm_stream.h"

namespace keyrite::paper {
namespace {

namespace fs = std::filesystem;

// A stream's bytes behind a descriptor, as the pipe from pdftoppm would give them.
class StreamFile {
 public:
  explicit StreamFile(const std::string& bytes) : file_(std::tmpfile()) {
    std::fwrite(bytes.data(), 1, bytes.size(), file_);
    std::fflush(file_);
    std::rewind(file_);
  }
  ~StreamFile() { std::fclose(file_); }
  int fd() const { return fileno(file_); }

 private:
  std::FILE* file_;
};

// A w x h P5 image whose pixel (x, y) is (x + 7y + seed) mod 256.
std::string Pgm(std::size_t w, std::size_t h, int seed, const std::string& header_extra = "") {
  std::string s = "P5\n" + header_extra + std::to_string(w) + " " + std::to_string(h) + "\n255\n";
  for (std::size_t y = 0; y < h; ++y) {
    for (std::size_t x = 0; x < w; ++x) s.push_back(static_cast<char>((x + 7 * y + seed) % 256));
  }
  return s;
}

void ExpectPattern(const GrayImage& image, std::size_t w, std::size_t h, int seed) {
  ASSERT_EQ(image.width, w);
  ASSERT_EQ(image.height, h);
  for (std::size_t y = 0; y < h; ++y) {
    for (std::size_t x = 0; x < w; ++x) ASSERT_EQ(image.At(x, y), (x + 7 * y + seed) % 256);
  }
}

Status ReadAll(const std::string& bytes, std::vector<GrayImage>* out = nullptr) {
  StreamFile file(bytes);
  PgmStream stream(file.fd());
  for (;;) {
    KR_ASSIGN_OR_RETURN(const bool more, stream.HasNext());
    if (!more) return OkStatus();
    KR_ASSIGN_OR_RETURN(GrayImage image, stream.Next());
    if (out != nullptr) out->push_back(std::move(image));
  }
}

TEST(PaperPdfPgmStream, TwoPagesOfDifferentSizesKeepEveryPixel) {
  std::vector<GrayImage> pages;
  ASSERT_TRUE(ReadAll(Pgm(13, 5, 1) + Pgm(4, 9, 200), &pages).ok());
  ASSERT_EQ(pages.size(), 2u);
  ExpectPattern(pages[0], 13, 5, 1);
  ExpectPattern(pages[1], 4, 9, 200);
}

TEST(PaperPdfPgmStream, HeaderCommentsAreSkipped) {
  std::vector<GrayImage> pages;
  ASSERT_TRUE(ReadAll(Pgm(3, 2, 5, "# made by hand\n"), &pages).ok());
  ASSERT_EQ(pages.size(), 1u);
  ExpectPattern(pages[0], 3, 2, 5);
}

TEST(PaperPdfPgmStream, EmptyStreamHasNoImages) {
  StreamFile file("");
  PgmStream stream(file.fd());
  const Result<bool> more = stream.HasNext();
  ASSERT_TRUE(more.ok());
  EXPECT_FALSE(*more);
  EXPECT_TRUE(stream.at_end());
}

TEST(PaperPdfPgmStream, TruncatedRowsAreRefused) {
  const std::string whole = Pgm(6, 4, 0);
  const Status s = ReadAll(whole.substr(0, whole.size() - 3));
  EXPECT_EQ(s.kind(), ErrorKind::kInvalidInput);
  EXPECT_NE(s.message().find("middle of a page"), std::string::npos) << s.message();
}

TEST(PaperPdfPgmStream, TruncatedHeaderIsRefused) {
  EXPECT_EQ(ReadAll(Pgm(2, 2, 0) + "P5\n4 ").kind(), ErrorKind::kInvalidInput);
}

TEST(PaperPdfPgmStream, BadMagicIsRefused) {
  std::string ppm = Pgm(2, 2, 0);
  ppm[1] = '6';
  const Status s = ReadAll(ppm);
  EXPECT_EQ(s.kind(), ErrorKind::kInvalidInput);
  EXPECT_NE(s.message().find("P5"), std::string::npos) << s.message();
  EXPECT_EQ(ReadAll("%PDF-1.4 not an image").kind(), ErrorKind::kInvalidInput);
}

TEST(PaperPdfPgmStream, SixteenBitMaxvalIsRefused) {
  EXPECT_EQ(ReadAll("P5\n2 2\n65535\n12345678").kind(), ErrorKind::kInvalidInput);
}

TEST(PaperPdfPgmStream, HugeDimensionsAreRefusedBeforeAnyAllocation) {
  const std::string wide = "P5\n" + std::to_string(kMaxPgmSide + 1) + " 10\n255\n";
  const Status s = ReadAll(wide);
  EXPECT_EQ(s.kind(), ErrorKind::kInvalidInput);
  EXPECT_NE(s.message().find(std::to_string(kMaxPgmSide)), std::string::npos) << s.message();
  EXPECT_EQ(ReadAll("P5\n10 99999999999999999999\n255\n").kind(), ErrorKind::kInvalidInput);
  EXPECT_EQ(ReadAll("P5\n0 10\n255\n").kind(), ErrorKind::kInvalidInput);
}

TEST(PaperPdfPgmStream, PageCountIsBounded) {
  std::string many;
  for (std::size_t i = 0; i < kMaxPgmPages; ++i) many += Pgm(1, 1, 0);
  EXPECT_TRUE(ReadAll(many).ok());
  const Status s = ReadAll(many + Pgm(1, 1, 0));
  EXPECT_EQ(s.kind(), ErrorKind::kInvalidInput);
  EXPECT_NE(s.message().find(std::to_string(kMaxPgmPages)), std::string::npos) << s.message();
}

// ---------------------------------------------------------------------------------------------
// Through the pdftoppm program.

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "keyrite-pdf-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

// A PDF with one empty page per MediaBox size (points), cross-reference offsets computed here.
std::string MinimalPdf(const std::vector<std::pair<int, int>>& sizes) {
  std::vector<std::string> objects = {"<< /Type /Catalog /Pages 2 0 R >>", ""};
  std::string kids;
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    kids += std::to_string(i + 3) + " 0 R ";
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " +
                      std::to_string(sizes[i].first) + " " + std::to_string(sizes[i].second) +
                      "] >>");
  }
  objects[1] =
      "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(sizes.size()) + " >>";
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t offset : offsets) {
    const std::string digits = std::to_string(offset);
    pdf += std::string(10 - digits.size(), '0') + digits + " 00000 n \n";
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

bool HavePdftoppm() { return std::system("pdftoppm -v >/dev/null 2>&1") == 0; }

struct Visited {
  std::string origin;
  std::size_t width, height;
};

Status Scan(const std::string& path, std::vector<Visited>& seen) {
  return ForEachImagePage(path, [&](std::string_view origin, const GrayImage& page) {
    seen.push_back({std::string(origin), page.width, page.height});
    return OkStatus();
  });
}

TEST(PaperPdfPdftoppm, TwoPagesArriveInOrderWithTheirShapes) {
  if (!HavePdftoppm()) GTEST_SKIP() << "pdftoppm (poppler-utils) is not installed";
  TempDir dir;
  WriteFile(dir / "two.pdf", MinimalPdf({{200, 100}, {100, 300}}));
  std::vector<Visited> seen;
  const Status s = Scan(dir / "two.pdf", seen);
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].origin, dir / "two.pdf" + " page 1");
  EXPECT_EQ(seen[1].origin, dir / "two.pdf" + " page 2");
  EXPECT_NEAR(static_cast<double>(seen[0].width) / static_cast<double>(seen[0].height), 2.0, 0.05);
  EXPECT_NEAR(static_cast<double>(seen[1].height) / static_cast<double>(seen[1].width), 3.0, 0.05);
}

TEST(PaperPdfPdftoppm, UnreadablePdfNamesTheExitCode) {
  if (!HavePdftoppm()) GTEST_SKIP() << "pdftoppm (poppler-utils) is not installed";
  TempDir dir;
  WriteFile(dir / "bad.pdf", "%PDF-1.4\nno objects, no trailer\n");
  std::vector<Visited> seen;
  const Status s = Scan(dir / "bad.pdf", seen);
  EXPECT_EQ(s.kind(), ErrorKind::kInvalidInput);
  EXPECT_NE(s.message().find("not a readable PDF (pdftoppm exited with"), std::string::npos)
      << s.message();
  EXPECT_TRUE(seen.empty());
}

TEST(PaperPdfPdftoppm, VisitorErrorStopsAndIsReturnedUnchanged) {
  if (!HavePdftoppm()) GTEST_SKIP() << "pdftoppm (poppler-utils) is not installed";
  TempDir dir;
  WriteFile(dir / "three.pdf", MinimalPdf({{100, 100}, {100, 100}, {100, 100}}));
  int calls = 0;
  const Status s = ForEachImagePage(dir / "three.pdf", [&](std::string_view, const GrayImage&) {
    ++calls;
    return Cancelled("stop here");
  });
  EXPECT_EQ(s.kind(), ErrorKind::kCancelled);
  EXPECT_EQ(s.message(), "stop here");
  EXPECT_EQ(calls, 1);
}

TEST(PaperPdfPdftoppm, MissingProgramNamesPopplerUtils) {
  TempDir dir;
  fs::create_directory(dir / "empty-bin");
  WriteFile(dir / "one.pdf", MinimalPdf({{100, 100}}));
  const char* old = std::getenv("PATH");
  const std::string saved = old != nullptr ? old : "";
  setenv("PATH", (dir / "empty-bin").c_str(), 1);
  std::vector<Visited> seen;
  const Status s = Scan(dir / "one.pdf", seen);
  setenv("PATH", saved.c_str(), 1);
  EXPECT_EQ(s.kind(), ErrorKind::kNotFound);
  EXPECT_NE(s.message().find("poppler-utils"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace keyrite::paper
