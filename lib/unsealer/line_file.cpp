#include "unsealer/line_file.h"

#include <cerrno>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include "base/sha256_stream.h"

namespace keyrite::unsealer {
namespace {

constexpr std::size_t kBlockBytes = std::size_t{1} << 18;

// Splits blocks into lines; a line cut by a block boundary waits in `carry_`.
class Splitter {
 public:
  Splitter(std::string_view origin, const LineSink& sink) : origin_(origin), sink_(sink) {}

  void Block(std::string_view block) {
    while (status_.ok() && !block.empty()) {
      const std::size_t end = block.find('\n');
      if (end == std::string_view::npos) {
        Carry(block);
        return;
      }
      if (carry_.empty()) {
        Hand(block.substr(0, end), true);
      } else {
        carry_.append(block.substr(0, end));
        Hand(carry_, true);
        carry_.clear();
      }
      block.remove_prefix(end + 1);
    }
  }

  Status Finish() {
    if (status_.ok() && !carry_.empty()) Hand(carry_, false);
    return status_;
  }

 private:
  void Hand(std::string_view line, bool complete) {
    ++lines_;
    status_ = sink_(line, complete);
  }

  void Carry(std::string_view part) {
    if (carry_.size() + part.size() > kMaxLineBytes) {
      status_ = InvalidInput(std::string(origin_) + " line " + std::to_string(lines_ + 1) +
                             ": longer than " + std::to_string(kMaxLineBytes) + " bytes");
      return;
    }
    carry_.append(part);
  }

  std::string_view origin_;
  const LineSink& sink_;
  std::string carry_;
  std::size_t lines_ = 0;
  Status status_;
};

Status OpenError(const std::string& path, int err) {
  if (err == ENOENT) return NotFound(path + ": no such file");
  return IoError(path + ": " + std::strerror(err));
}

}  // namespace

Result<ScannedFile> ScanLines(const std::string& path, std::string_view origin,
                              const LineSink& sink) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return OpenError(path, errno);
  alignas(Sha256Stream::kStateAlign) std::uint8_t state[Sha256Stream::kStateBytes];
  Sha256Stream hash(state);
  Splitter splitter(origin, sink);
  std::vector<char> buf(kBlockBytes);
  for (;;) {
    const ssize_t n = read(fd, buf.data(), buf.size());
    if (n == 0) break;
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      close(fd);
      return IoError(path + ": " + std::strerror(err));
    }
    const auto size = static_cast<std::size_t>(n);
    hash.Update(std::span(reinterpret_cast<const std::uint8_t*>(buf.data()), size));
    splitter.Block(std::string_view(buf.data(), size));
  }
  close(fd);
  ScannedFile out;
  out.lines = splitter.Finish();
  out.sha256 = hash.Final();
  return out;
}

Status SplitLines(std::string_view text, const LineSink& sink) {
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    if (end == std::string_view::npos) return sink(text, false);
    KR_RETURN_IF_ERROR(sink(text.substr(0, end), true));
    text.remove_prefix(end + 1);
  }
  return OkStatus();
}

}  // namespace keyrite::unsealer
