// The header is parsed a byte at a time with read(2): it is a dozen public bytes, and reading
// ahead into a buffer of ours would put pixels outside locked memory.

#include "paper/pgm_stream.h"

#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <utility>

#include "paper/image_decoders.h"

namespace keyrite::paper {
namespace {

bool IsSpace(int c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}
bool IsDigit(int c) { return c >= '0' && c <= '9'; }

Status Truncated() { return InvalidInput("the image stream stops in the middle of a page"); }

}  // namespace

Result<int> PgmStream::ReadByte() {
  if (pending_ >= 0) return std::exchange(pending_, -1);
  unsigned char c = 0;
  for (;;) {
    const ssize_t n = read(fd_, &c, 1);
    if (n == 1) return int{c};
    if (n == 0) {
      at_end_ = true;
      return -1;
    }
    if (errno != EINTR)
      return IoError(std::string("reading the image stream: ") + std::strerror(errno));
  }
}

Result<bool> PgmStream::HasNext() {
  KR_ASSIGN_OR_RETURN(const int c, ReadByte());
  pending_ = c;
  return c >= 0;
}

// Skips whitespace and comments, reads decimal digits and the one whitespace byte after them.
Result<std::size_t> PgmStream::ReadNumber() {
  int c = ' ';
  bool in_comment = false;
  while (in_comment || IsSpace(c)) {
    KR_ASSIGN_OR_RETURN(c, ReadByte());
    if (c < 0) return Truncated();
    in_comment = (in_comment || c == '#') && c != '\n';
  }
  if (!IsDigit(c)) return InvalidInput("the image stream has a malformed PGM header");
  std::size_t value = 0;
  while (IsDigit(c)) {
    if (value > 100'000'000) return InvalidInput("the image stream has an absurd PGM header");
    value = value * 10 + static_cast<std::size_t>(c - '0');
    KR_ASSIGN_OR_RETURN(c, ReadByte());
  }
  if (!IsSpace(c)) return InvalidInput("the image stream has a malformed PGM header");
  return value;
}

Status PgmStream::ReadHeader(std::size_t& width, std::size_t& height) {
  KR_ASSIGN_OR_RETURN(const int p, ReadByte());
  KR_ASSIGN_OR_RETURN(const int five, ReadByte());
  if (p != 'P' || five != '5')
    return InvalidInput("the image stream is not binary PGM (no P5 header)");
  KR_ASSIGN_OR_RETURN(width, ReadNumber());
  KR_ASSIGN_OR_RETURN(height, ReadNumber());
  KR_ASSIGN_OR_RETURN(const std::size_t maxval, ReadNumber());
  if (maxval != 255)
    return InvalidInput("the image stream is not 8-bit PGM (maxval " + std::to_string(maxval) +
                        ")");
  if (width == 0 || height == 0 || width > kMaxPgmSide || height > kMaxPgmSide) {
    return InvalidInput("a page is " + std::to_string(width) + " x " + std::to_string(height) +
                        " pixels; keyrite reads at most " + std::to_string(kMaxPgmSide) +
                        " per side");
  }
  return OkStatus();
}

Status PgmStream::ReadExactly(std::uint8_t* out, std::size_t size) {
  // The pending byte is only ever set between images, never inside the rows.
  for (std::size_t done = 0; done < size;) {
    const ssize_t n = read(fd_, out + done, size - done);
    if (n == 0) {
      at_end_ = true;
      return Truncated();
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return IoError(std::string("reading the image stream: ") + std::strerror(errno));
    done += static_cast<std::size_t>(n);
  }
  return OkStatus();
}

Result<GrayImage> PgmStream::Next() {
  if (images_read_ >= kMaxPgmPages) {
    return InvalidInput("more than " + std::to_string(kMaxPgmPages) +
                        " pages; keyrite reads at most that many");
  }
  std::size_t width = 0, height = 0;
  KR_RETURN_IF_ERROR(ReadHeader(width, height));
  RowSink sink;
  if (!sink.Begin(width, height)) return sink.status();
  for (std::size_t y = 0; y < height; ++y) {
    KR_RETURN_IF_ERROR(ReadExactly(sink.Row(), width));
    sink.RowDone();
  }
  ++images_read_;
  return sink.Take();
}

}  // namespace keyrite::paper
