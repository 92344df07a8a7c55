#include "stream/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace keyrite::stream {
namespace {

Status OsError(const std::string& path, int err) {
  if (err == ENOENT) return NotFound(path + ": no such file or directory");
  if (err == EEXIST) return AlreadyExists(path + ": already exists; nothing was overwritten");
  return IoError(path + ": " + std::strerror(err));
}

// rename() that fails instead of replacing: renameat2(RENAME_NOREPLACE), or link + unlink on
// file systems without it. Either way an existing `to` is never touched.
int RenameNoReplace(const std::string& from, const std::string& to) {
  if (renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return 0;
  if (errno != EINVAL && errno != ENOSYS) return -1;
  if (link(from.c_str(), to.c_str()) != 0) return -1;
  unlink(from.c_str());
  return 0;
}

// Temporary names are unique by process id and a counter; O_EXCL refuses any that is taken
// (by a stale file or a planted symlink), and the next number is tried.
Result<std::pair<UniqueFd, std::string>> CreateTemp(const std::string& final_path) {
  static std::atomic<unsigned> counter{0};
  for (int attempt = 0; attempt < 100; ++attempt) {
    const std::string temp = final_path + ".tmp-" + std::to_string(getpid()) + "-" +
                             std::to_string(counter.fetch_add(1));
    const int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd >= 0) {
      fchmod(fd, 0600);  // whatever the umask
      return std::pair(UniqueFd(fd), temp);
    }
    if (errno != EEXIST) return OsError(temp, errno);
  }
  return AlreadyExists(final_path + ": cannot find a free temporary name next to it");
}

}  // namespace

UniqueFd::~UniqueFd() {
  if (fd_ >= 0) close(fd_);
}

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) close(fd_);
    fd_ = other.Release();
  }
  return *this;
}

int UniqueFd::Release() {
  const int fd = fd_;
  fd_ = -1;
  return fd;
}

Result<InputFile> OpenInputFile(const std::string& path) {
  // O_NONBLOCK so that a FIFO given by mistake is refused instead of waiting for a writer.
  UniqueFd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  if (fd.get() < 0) return OsError(path, errno);
  struct stat st {};
  if (fstat(fd.get(), &st) != 0) return OsError(path, errno);
  if (!S_ISREG(st.st_mode)) {
    return InvalidInput(path + ": is not a regular file; file mode needs a file of known size");
  }
  fcntl(fd.get(), F_SETFL, fcntl(fd.get(), F_GETFL) & ~O_NONBLOCK);
  posix_fadvise(fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
  return InputFile{std::move(fd), static_cast<std::uint64_t>(st.st_size)};
}

void TryDirectIo(int fd) {
  const int flags = fcntl(fd, F_GETFL);
  if (flags >= 0) fcntl(fd, F_SETFL, flags | O_DIRECT);  // refused by some file systems: fine
}

bool UsesDirectIo(int fd) {
  const int flags = fcntl(fd, F_GETFL);
  return flags >= 0 && (flags & O_DIRECT) != 0;
}

namespace {

// After a failed call: true when it should simply be made again. EINTR, and the EINVAL of a
// direct transfer that is not aligned, after which the descriptor does ordinary I/O.
bool Retry(int fd) {
  if (errno == EINTR) return true;
  if (errno != EINVAL) return false;
  const int flags = fcntl(fd, F_GETFL);
  if (flags < 0 || (flags & O_DIRECT) == 0) return false;
  return fcntl(fd, F_SETFL, flags & ~O_DIRECT) == 0;
}

// Loops `io(done)` (which returns bytes moved, 0 at the end, or -1 with errno) until `size`.
template <typename Io>
Result<std::size_t> Transfer(int fd, std::size_t size, const std::string& path, Io io) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = io(done);
    if (n == 0) break;
    if (n < 0 && Retry(fd)) continue;
    if (n < 0) return OsError(path, errno);
    done += static_cast<std::size_t>(n);
  }
  return done;
}

}  // namespace

Result<std::size_t> ReadUpTo(int fd, std::span<std::uint8_t> out, const std::string& path) {
  return Transfer(fd, out.size(), path,
                  [&](std::size_t done) { return read(fd, out.data() + done, out.size() - done); });
}

Result<std::size_t> ReadUpToAt(int fd, std::span<std::uint8_t> out, std::uint64_t offset,
                               const std::string& path) {
  return Transfer(fd, out.size(), path, [&](std::size_t done) {
    return pread(fd, out.data() + done, out.size() - done, static_cast<off_t>(offset + done));
  });
}

Status WriteFull(int fd, std::span<const std::uint8_t> data, const std::string& path) {
  KR_ASSIGN_OR_RETURN(const std::size_t done, Transfer(fd, data.size(), path, [&](std::size_t d) {
                        return write(fd, data.data() + d, data.size() - d);
                      }));
  if (done != data.size()) return IoError(path + ": the write made no progress");
  return OkStatus();
}

Result<PendingFile> PendingFile::Create(const std::string& final_path) {
  struct stat st {};
  if (lstat(final_path.c_str(), &st) == 0) {
    return AlreadyExists(final_path + ": already exists; nothing was overwritten");
  }
  KR_ASSIGN_OR_RETURN(auto created, CreateTemp(final_path));
  return PendingFile(std::move(created.first), std::move(created.second), final_path);
}

PendingFile::PendingFile(PendingFile&& other) noexcept
    : fd_(std::move(other.fd_)),
      temp_(std::move(other.temp_)),
      final_(std::move(other.final_)),
      published_(other.published_) {
  other.temp_.clear();
  other.published_ = false;
}

PendingFile::~PendingFile() {
  if (!temp_.empty()) unlink(temp_.c_str());
}

Status PendingFile::Publish() {
  if (fsync(fd_.get()) != 0) return OsError(temp_, errno);
  if (close(fd_.Release()) != 0) return OsError(temp_, errno);
  if (RenameNoReplace(temp_, final_) != 0) return OsError(final_, errno);
  temp_.clear();
  published_ = true;
  return OkStatus();
}

void PendingFile::Retract() {
  if (published_) unlink(final_.c_str());
  published_ = false;
}

Status SyncDirectory(const std::string& dir) {
  UniqueFd fd(open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return OsError(dir, errno);
  if (fsync(fd.get()) != 0 && errno != EINVAL) return OsError(dir, errno);
  return OkStatus();
}

std::string DirectoryOf(const std::string& path) {
  const auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string BaseName(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace keyrite::stream
