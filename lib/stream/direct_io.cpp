#include "stream/direct_io.h"

#include <algorithm>
#include <cstring>

namespace keyrite::stream {
namespace {

std::size_t RoundDown(std::size_t n) { return n / kDirectIoAlign * kDirectIoAlign; }
std::size_t RoundUp(std::size_t n) { return RoundDown(n + kDirectIoAlign - 1); }

}  // namespace

Result<BlockWriter> BlockWriter::Create(const std::string& final_path, std::size_t chunk) {
  KR_ASSIGN_OR_RETURN(PendingFile file, PendingFile::Create(final_path));
  file.PreferDirectIo();
  return BlockWriter(std::move(file), chunk);
}

std::span<std::uint8_t> BlockWriter::Room() { return buffer_.span().subspan(staged_); }

Status BlockWriter::Commit(std::size_t bytes) {
  KR_CHECK(bytes <= buffer_.size() - staged_);
  staged_ += bytes;
  const std::size_t whole = RoundDown(staged_);
  if (whole == 0) return OkStatus();
  KR_RETURN_IF_ERROR(file_.Write(buffer_.span().first(whole)));
  std::memmove(buffer_.data(), buffer_.data() + whole, staged_ - whole);
  staged_ -= whole;
  return OkStatus();
}

Status BlockWriter::Append(std::span<const std::uint8_t> bytes) {
  std::ranges::copy(bytes, Room().begin());
  return Commit(bytes.size());
}

Status BlockWriter::Publish() {
  KR_RETURN_IF_ERROR(file_.Write(buffer_.span().first(staged_)));
  staged_ = 0;
  return file_.Publish();
}

BlockReader::BlockReader(int fd, std::uint64_t offset, std::size_t chunk, std::string path)
    : fd_(fd),
      path_(std::move(path)),
      window_(RoundUp(chunk) + kDirectIoAlign),
      file_end_(offset / kDirectIoAlign * kDirectIoAlign),
      begin_(static_cast<std::size_t>(offset - file_end_)),
      end_(0) {
  TryDirectIo(fd_);
}

Result<std::span<const std::uint8_t>> BlockReader::Next(std::size_t bytes) {
  KR_CHECK(bytes <= window_.size() - kDirectIoAlign);
  while (end_ < begin_ + bytes && !at_end_) {
    // Move what is left so that it ends on an aligned address, then read whole blocks after it.
    // (Before the first read, begin_ is the offset into the first block and nothing is left.)
    const std::size_t left = end_ > begin_ ? end_ - begin_ : 0;
    if (left > 0) {
      const std::size_t to = RoundUp(left) - left;
      std::memmove(window_.data() + to, window_.data() + begin_, left);
      begin_ = to;
      end_ = to + left;
    } else if (end_ > 0) {
      begin_ = end_ = 0;
    }
    const auto room = window_.span().subspan(end_, RoundDown(window_.size() - end_));
    KR_ASSIGN_OR_RETURN(const std::size_t got, ReadUpToAt(fd_, room, file_end_, path_));
    at_end_ = got < room.size();
    end_ += got;
    file_end_ += got;
  }
  const std::size_t n = std::min(bytes, end_ > begin_ ? end_ - begin_ : 0);
  const auto out = window_.span().subspan(begin_, n);
  begin_ += n;
  return std::span<const std::uint8_t>(out);
}

}  // namespace keyrite::stream
