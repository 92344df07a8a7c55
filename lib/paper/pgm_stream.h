#pragma once
// A reader for a stream of binary PGM images one after another ("P5", as `pdftoppm -gray` writes
// them to a pipe). Borrows the descriptor; each image's rows go straight into a RowSink's locked
// memory and no other buffer of ours ever holds a pixel (the pixels may show a share).

#include <cstddef>
#include <cstdint>
#include <string>

#include "base/status.h"
#include "paper/gray_image.h"

namespace keyrite::paper {

// Bounds on what a PGM header may announce: far above a scanned page at -scale-to 2000, far below
// what would exhaust memory.
inline constexpr std::size_t kMaxPgmSide = 20000;
inline constexpr std::size_t kMaxPgmPages = 1000;

class PgmStream {
 public:
  explicit PgmStream(int fd) : fd_(fd) {}

  // Whether another image follows: false at a clean end of the stream (between images).
  Result<bool> HasNext();
  // Reads the next image (call after HasNext() gave true), shrunk to at most kMaxWorkingPixels.
  // InvalidInput with a short reason (no file name) for a bad header, maxval other than 255,
  // a side above kMaxPgmSide, more than kMaxPgmPages images, or a stream that stops mid-image.
  Result<GrayImage> Next();

  std::size_t images_read() const { return images_read_; }
  // Whether the writer has closed the stream (so its exit status is worth asking for).
  bool at_end() const { return at_end_; }

 private:
  Result<int> ReadByte();  // -1 at end of stream
  Result<std::size_t> ReadNumber();
  Status ReadHeader(std::size_t& width, std::size_t& height);
  Status ReadExactly(std::uint8_t* out, std::size_t size);

  int fd_;
  int pending_ = -1;  // a byte HasNext() read ahead
  std::size_t images_read_ = 0;
  bool at_end_ = false;
};

}  // namespace keyrite::paper
