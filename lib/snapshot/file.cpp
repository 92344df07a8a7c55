#include "snapshot/file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace keyrite::snapshot {
namespace {

Status OsError(const std::string& path, int err) {
  if (err == ENOENT) return NotFound(path + ": no such file or directory");
  if (err == EEXIST) return AlreadyExists(path + ": already exists; nothing was overwritten");
  return IoError(path + ": " + std::strerror(err));
}

// rename() that never replaces: renameat2(RENAME_NOREPLACE), else link + unlink.
int RenameNoReplace(const std::string& from, const std::string& to) {
  if (renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return 0;
  if (errno != EINVAL && errno != ENOSYS) return -1;
  if (link(from.c_str(), to.c_str()) != 0) return -1;
  unlink(from.c_str());
  return 0;
}

std::string DirectoryOf(const std::string& path) {
  const auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

Status SyncDirectory(const std::string& dir) {
  const Fd fd(open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return OsError(dir, errno);
  if (fsync(fd.get()) != 0 && errno != EINVAL) return OsError(dir, errno);
  return OkStatus();
}

}  // namespace

Fd::~Fd() {
  if (fd_ >= 0) close(fd_);
}

Fd& Fd::operator=(Fd&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

Result<InputFile> OpenInput(const std::string& path) {
  InputFile in{Fd(open(path.c_str(), O_RDONLY | O_CLOEXEC)), 0};
  if (in.fd.get() < 0) return OsError(path, errno);
  struct stat st {};
  if (fstat(in.fd.get(), &st) != 0) return OsError(path, errno);
  if (!S_ISREG(st.st_mode)) return InvalidInput(path + ": not a regular file");
  in.size = static_cast<std::uint64_t>(st.st_size);
  posix_fadvise(in.fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
  return in;
}

Result<std::size_t> ReadUpTo(int fd, std::span<std::uint8_t> out, const std::string& path) {
  std::size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = read(fd, out.data() + done, out.size() - done);
    if (n == 0) break;
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return OsError(path, errno);
    done += static_cast<std::size_t>(n);
  }
  return done;
}

Status ReadAt(int fd, std::uint64_t offset, std::span<std::uint8_t> out, const std::string& path) {
  std::size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = pread(fd, out.data() + done, out.size() - done,
                            static_cast<off_t>(offset + done));
    if (n == 0) return Corrupt("truncated at byte " + std::to_string(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return OsError(path, errno);
    done += static_cast<std::size_t>(n);
  }
  return OkStatus();
}

Result<OutputFile> OutputFile::Create(const std::string& final_path) {
  struct stat st {};
  if (lstat(final_path.c_str(), &st) == 0) return OsError(final_path, EEXIST);
  static std::atomic<unsigned> counter{0};
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string temp = final_path + ".tmp-" + std::to_string(getpid()) + "-" +
                       std::to_string(counter.fetch_add(1));
    Fd fd(open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (fd.get() >= 0) {
      fchmod(fd.get(), 0600);
      return OutputFile(std::move(fd), std::move(temp), final_path);
    }
    if (errno != EEXIST) return OsError(temp, errno);
  }
  return AlreadyExists(final_path + ": cannot find a free temporary name next to it");
}

OutputFile::~OutputFile() {
  if (!temp_.empty()) unlink(temp_.c_str());
}

OutputFile::OutputFile(OutputFile&& other) noexcept
    : fd_(std::move(other.fd_)),
      temp_(std::move(other.temp_)),
      final_(std::move(other.final_)),
      published_(other.published_) {
  other.temp_.clear();
  other.published_ = false;
}

Status OutputFile::Write(std::span<const std::uint8_t> data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = write(fd_.get(), data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return OsError(temp_, errno);
    done += static_cast<std::size_t>(n);
  }
  return OkStatus();
}

Status OutputFile::WriteAt(std::uint64_t offset, std::span<const std::uint8_t> data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = pwrite(fd_.get(), data.data() + done, data.size() - done,
                             static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return OsError(temp_, errno);
    done += static_cast<std::size_t>(n);
  }
  return OkStatus();
}

Status OutputFile::Publish() {
  KR_CHECK(!temp_.empty());
  if (fsync(fd_.get()) != 0) return OsError(temp_, errno);
  fd_ = Fd();
  if (RenameNoReplace(temp_, final_) != 0) return OsError(final_, errno);
  temp_.clear();
  published_ = true;
  return SyncDirectory(DirectoryOf(final_));
}

void OutputFile::Retract() {
  if (published_) unlink(final_.c_str());
  published_ = false;
}

}  // namespace keyrite::snapshot
