#include "paper/image_file.h"

#include <cstdio>
#include <cstring>
#include <fstream>

#include "io/files.h"
#include "paper/image_decoders.h"

namespace keyrite::paper {
namespace {

enum class FileKind { kPng, kJpeg, kPdf, kOther };

FileKind KindOf(const unsigned char* head, std::size_t n) {
  if (n >= 8 && std::memcmp(head, "\x89PNG\r\n\x1a\n", 8) == 0) return FileKind::kPng;
  if (n >= 3 && std::memcmp(head, "\xff\xd8\xff", 3) == 0) return FileKind::kJpeg;
  if (n >= 5 && std::memcmp(head, "%PDF-", 5) == 0) return FileKind::kPdf;
  return FileKind::kOther;
}

Result<FileKind> SniffFile(const std::string& path) {
  if (!io::PathExists(path)) return NotFound(path + ": no such file");
  if (io::IsDirectory(path)) return InvalidInput(path + ": is a directory, not an image");
  std::ifstream in(path, std::ios::binary);
  unsigned char head[8] = {};
  in.read(reinterpret_cast<char*>(head), sizeof head);
  if (!in && !in.eof()) return IoError(path + ": cannot be read");
  return KindOf(head, static_cast<std::size_t>(in.gcount()));
}

}  // namespace

Result<RowShrinker> RowShrinker::Make(std::size_t width, std::size_t height) {
  RowShrinker s;
  while ((width / s.factor_) * (height / s.factor_) > kMaxWorkingPixels) ++s.factor_;
  s.width_ = width;
  KR_RETURN_IF_ERROR(secmem::CheckLockBudget(width * 5));
  KR_ASSIGN_OR_RETURN(s.out_, GrayImage::Make(width / s.factor_, height / s.factor_));
  s.row_ = secmem::SecureBytes(width);
  s.sums_ = secmem::SecureBytes(s.out_.width * sizeof(std::uint32_t));
  return s;
}

void RowShrinker::Commit() {
  const std::size_t out_y = rows_in_ / factor_;
  ++rows_in_;
  if (out_y >= out_.height) return;  // rows past the last whole block are dropped
  auto* sums = reinterpret_cast<std::uint32_t*>(sums_.data());
  for (std::size_t x = 0; x < out_.width * factor_; ++x) sums[x / factor_] += row_[x];
  if (rows_in_ % factor_ != 0) return;
  const auto area = static_cast<std::uint32_t>(factor_ * factor_);
  for (std::size_t x = 0; x < out_.width; ++x) {
    out_.At(x, out_y) = static_cast<std::uint8_t>(sums[x] / area);
    sums[x] = 0;
  }
}

bool RowSink::Begin(std::size_t width, std::size_t height) {
  Result<RowShrinker> shrinker = RowShrinker::Make(width, height);
  if (!shrinker.ok()) {
    status_ = shrinker.status();
    return false;
  }
  shrinker_.emplace(std::move(shrinker).value());
  return true;
}

Status ForEachImagePage(const std::string& path, const PageVisitor& visit) {
  KR_ASSIGN_OR_RETURN(const FileKind kind, SniffFile(path));
  switch (kind) {
    case FileKind::kPng: {
      KR_ASSIGN_OR_RETURN(const GrayImage image, DecodePngFile(path));
      return visit(path, image);
    }
    case FileKind::kJpeg: {
      KR_ASSIGN_OR_RETURN(const GrayImage image, DecodeJpegFile(path));
      return visit(path, image);
    }
    case FileKind::kPdf:
      return ForEachPdfPage(path, visit);
    case FileKind::kOther:
      break;
  }
  return InvalidInput(path + ": not a PNG, JPEG or PDF file");
}

Result<GrayImage> DecodeRowsFromFile(const std::string& path, RowReader read_rows) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return IoError(path + ": cannot be opened");
  RowSink sink;
  const char* problem = read_rows(file, &sink);
  std::fclose(file);
  if (problem != nullptr) return InvalidInput(path + ": " + problem);
  if (!sink.status().ok()) return sink.status().WithContext(path);
  return sink.Take();
}

}  // namespace keyrite::paper
