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

// Reads until `out` is full or the file ends; returns how many bytes it read. Io names the path.
Result<std::size_t> ReadUpTo(int fd, std::span<std::uint8_t> out, const std::string& path);
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
