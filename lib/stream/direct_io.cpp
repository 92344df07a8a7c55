#include "stream/direct_io.h"

#include <algorithm>
#include <cstring>

namespace keyrite::stream {
namespace {

std::size_t RoundDown(std::size_t n) { return n / kDirectIoAlign * kDirectIoAlign; }
std::size_t RoundUp(std::size_t n) { return RoundDown(n + kDirectIoAlign - 1); }

}  // namespace

ChunkBuffers::ChunkBuffers(std::size_t windows, std::size_t chunk)
    : bytes_(LockedBytes(windows, chunk)), windows_(windows), stride_(chunk + kSlackBytes) {
  KR_CHECK(chunk % kDirectIoAlign == 0);
}

std::size_t ChunkBuffers::LockedBytes(std::size_t windows, std::size_t chunk) {
  const std::size_t bytes = windows * (chunk + kSlackBytes);
  if (bytes < secmem::kHugePageBytes) return bytes;
  return (bytes + secmem::kHugePageBytes - 1) / secmem::kHugePageBytes * secmem::kHugePageBytes;
}

std::span<std::uint8_t> ChunkBuffers::Window(std::size_t i) {
  KR_CHECK(i < windows_);
  return bytes_.span().subspan(i * stride_, stride_);
}

Result<BlockWriter> BlockWriter::Create(const std::string& final_path,
                                        std::span<std::uint8_t> window) {
  KR_ASSIGN_OR_RETURN(PendingFile file, PendingFile::Create(final_path));
  file.PreferDirectIo();
  return BlockWriter(std::move(file), window);
}

std::span<std::uint8_t> BlockWriter::Room() { return window_.subspan(staged_); }

Status BlockWriter::Commit(std::size_t bytes) {
  KR_CHECK(bytes <= window_.size() - staged_);
  staged_ += bytes;
  const std::size_t whole = RoundDown(staged_);
  if (whole == 0) return OkStatus();
  KR_RETURN_IF_ERROR(file_.Write(window_.first(whole)));
  std::memmove(window_.data(), window_.data() + whole, staged_ - whole);
  staged_ -= whole;
  return OkStatus();
}

Status BlockWriter::Append(std::span<const std::uint8_t> bytes) {
  KR_CHECK(bytes.size() <= Room().size());
  std::ranges::copy(bytes, Room().begin());
  return Commit(bytes.size());
}

Status BlockWriter::Publish() {
  KR_RETURN_IF_ERROR(file_.Write(window_.first(staged_)));
  staged_ = 0;
  return file_.Publish();
}

BlockReader::BlockReader(int fd, std::uint64_t offset, std::span<std::uint8_t> window,
                         std::string path)
    : fd_(fd),
      path_(std::move(path)),
      window_(window),
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
    const auto room = window_.subspan(end_, RoundDown(window_.size() - end_));
    KR_ASSIGN_OR_RETURN(const std::size_t got, ReadUpToAt(fd_, room, file_end_, path_));
    at_end_ = got < room.size();
    end_ += got;
    file_end_ += got;
  }
  const std::size_t n = std::min(bytes, end_ > begin_ ? end_ - begin_ : 0);
  const auto out = window_.subspan(begin_, n);
  begin_ += n;
  return std::span<const std::uint8_t>(out);
}

}  // namespace keyrite::stream
