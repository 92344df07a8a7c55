#pragma once
// The decoders behind image_file.h (lib/paper's own .cpp files only). Each reads one kind of
// file into locked grayscale bitmaps; `path` is already known to exist and to have the kind's
// signature. A downscaler turns decoded rows into a GrayImage of at most kMaxWorkingPixels.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

#include "base/status.h"
#include "paper/gray_image.h"
#include "paper/image_file.h"
#include "secmem/secure_bytes.h"

namespace keyrite::paper {

// Receives full-resolution rows of 8-bit gray and box-averages them by an integer factor chosen
// so the result has at most kMaxWorkingPixels.
class RowShrinker {
 public:
  static Result<RowShrinker> Make(std::size_t width, std::size_t height);
  // The buffer the next source row is written into (width bytes).
  std::uint8_t* row() { return row_.data(); }
  // Takes in the row just written.
  void Commit();
  GrayImage Take() { return std::move(out_); }

 private:
  RowShrinker() = default;
  std::size_t factor_ = 1, width_ = 0, rows_in_ = 0;
  secmem::SecureBytes row_;
  secmem::SecureBytes sums_;  // one uint32 per output column
  GrayImage out_;
};

// A decoder's target: Begin once with the full size, then each row written to Row() and
// committed with RowDone(). Begin is false (with status() set) when the image cannot be held.
class RowSink {
 public:
  bool Begin(std::size_t width, std::size_t height);
  std::uint8_t* Row() { return shrinker_->row(); }
  void RowDone() { shrinker_->Commit(); }
  GrayImage Take() { return shrinker_->Take(); }
  const Status& status() const { return status_; }

 private:
  std::optional<RowShrinker> shrinker_;
  Status status_;
};

// Reads one image through `read_rows` into a sink; returns null or a one-line problem.
using RowReader = const char* (*)(std::FILE* file, RowSink* sink);
// Opens `path` and runs `read_rows` on it; errors name the file.
Result<GrayImage> DecodeRowsFromFile(const std::string& path, RowReader read_rows);

Result<GrayImage> DecodePngFile(const std::string& path);
Result<GrayImage> DecodeJpegFile(const std::string& path);
Status ForEachPdfPage(const std::string& path, const PageVisitor& visit);

}  // namespace keyrite::paper
