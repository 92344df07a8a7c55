#pragma once
// File plumbing for the streaming share files: an owned descriptor, whole reads and writes, and
// PendingFile, a new file that is written under a temporary name (O_EXCL, O_NOFOLLOW, 0600, in
// the directory of its final name) and appears under its final name only when published, never
// replacing anything. Until then any failure or early return removes it. Public metadata only
// (paths, sizes); the bytes passed through are the caller's business.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "base/status.h"

namespace keyrite::stream {

// A file descriptor that closes itself. Move-only; -1 means none.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  ~UniqueFd();
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.Release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;

  int get() const { return fd_; }
  int Release();

 private:
  int fd_ = -1;
};

// An existing regular file opened for reading, and its size. NotFound, InvalidInput (a
// directory, a pipe) or Io, naming the path.
struct InputFile {
  UniqueFd fd;
  std::uint64_t size = 0;
};
Result<InputFile> OpenInputFile(const std::string& path);

// Direct I/O (O_DIRECT) moves bytes between the disk and the caller's buffer without a copy in
// the page cache: the CPU cost of writing n copies of a large file falls several-fold. It is an
// optimisation only. TryDirectIo asks for it where the file system offers it; the reads and
// writes below use it while the buffer address, length and file offset are multiples of
// kDirectIoAlign, and switch the descriptor back to ordinary I/O for good the first time they
// are not (the file system says EINVAL), then carry on. No caller needs to know which it got.
inline constexpr std::size_t kDirectIoAlign = 4096;
void TryDirectIo(int fd);
bool UsesDirectIo(int fd);

// Reads until `out` is full or the file ends; returns how many bytes it read. Io names the path.
Result<std::size_t> ReadUpTo(int fd, std::span<std::uint8_t> out, const std::string& path);
// The same from file offset `offset`, leaving the descriptor's own offset alone.
Result<std::size_t> ReadUpToAt(int fd, std::span<std::uint8_t> out, std::uint64_t offset,
                               const std::string& path);
Status WriteFull(int fd, std::span<const std::uint8_t> data, const std::string& path);

class PendingFile {
 public:
  // Creates the temporary file next to `final_path`; AlreadyExists when final_path exists.
  static Result<PendingFile> Create(const std::string& final_path);
  ~PendingFile();  // removes the temporary file, if still there
  PendingFile(PendingFile&& other) noexcept;
  PendingFile& operator=(PendingFile&&) = delete;
  PendingFile(const PendingFile&) = delete;
  PendingFile& operator=(const PendingFile&) = delete;

  Status Write(std::span<const std::uint8_t> data) { return WriteFull(fd_.get(), data, temp_); }
  // Writes of whole aligned blocks from aligned buffers then bypass the page cache (see
  // TryDirectIo); anything else falls back by itself.
  void PreferDirectIo() { TryDirectIo(fd_.get()); }
  // fsync, close, rename onto the final name without replacing (AlreadyExists if it appeared
  // meanwhile; the temporary file is removed either way on failure). The directory is not
  // synced: call SyncDirectory once after publishing a group of files.
  Status Publish();
  // Removes the published file again (a later file of the same group failed).
  void Retract();
  const std::string& final_path() const { return final_; }

 private:
  PendingFile(UniqueFd fd, std::string temp, std::string final_path)
      : fd_(std::move(fd)), temp_(std::move(temp)), final_(std::move(final_path)) {}

  UniqueFd fd_;
  std::string temp_;  // empty once published or removed
  std::string final_;
  bool published_ = false;
};

Status SyncDirectory(const std::string& dir);
std::string DirectoryOf(const std::string& path);  // "." for a bare name
std::string BaseName(const std::string& path);

}  // namespace keyrite::stream
