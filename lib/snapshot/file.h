#pragma once
// File plumbing of the snapshot module: an owned descriptor, exact positioned reads, and
// OutputFile, a new file written under a temporary name beside its final one (O_EXCL,
// O_NOFOLLOW, 0600) that appears under the final name only on Publish (fsync, rename without
// replacing, fsync of the directory). Until then any failure or early return removes it.
// (lib/stream has the same idea; this module sits beside it and may not use it.)

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "base/status.h"

namespace keyrite::snapshot {

class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd();
  Fd(Fd&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  Fd& operator=(Fd&& other) noexcept;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_ = -1;
};

struct InputFile {
  Fd fd;
  std::uint64_t size = 0;
};
// A regular file for reading: NotFound, InvalidInput (not a regular file) or Io, naming the path.
Result<InputFile> OpenInput(const std::string& path);

// Reads until `out` is full or the file ends; returns the count. Io names the path.
Result<std::size_t> ReadUpTo(int fd, std::span<std::uint8_t> out, const std::string& path);
// Reads exactly out.size() bytes at `offset`; Corrupt("truncated ...") if the file is shorter.
Status ReadAt(int fd, std::uint64_t offset, std::span<std::uint8_t> out, const std::string& path);

class OutputFile {
 public:
  // AlreadyExists (nothing touched) when final_path exists.
  static Result<OutputFile> Create(const std::string& final_path);
  ~OutputFile();
  OutputFile(OutputFile&& other) noexcept;
  OutputFile& operator=(OutputFile&&) = delete;
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  Status Write(std::span<const std::uint8_t> data);  // appends
  Status WriteAt(std::uint64_t offset, std::span<const std::uint8_t> data);
  const std::string& temp_path() const { return temp_; }
  const std::string& final_path() const { return final_; }
  // fsync, rename onto the final name without replacing, fsync the directory.
  Status Publish();
  // Removes the published file again (a later file of the same group failed).
  void Retract();

 private:
  OutputFile(Fd fd, std::string temp, std::string final_path)
      : fd_(std::move(fd)), temp_(std::move(temp)), final_(std::move(final_path)) {}
  Fd fd_;
  std::string temp_;  // empty once published or moved from
  std::string final_;
  bool published_ = false;
};

}  // namespace keyrite::snapshot
