#include "io/files.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "base/rng.h"
#include "io/fault.h"
#include "base/hex.h"

namespace keyrite::io {
namespace {

std::string Errno(const std::string& path, int err) { return path + ": " + std::strerror(err); }

Status OsError(const std::string& path, int err) {
  if (err == ENOENT) return NotFound(path + ": no such file or directory");
  if (err == EEXIST) return AlreadyExists(path + ": already exists; nothing was overwritten");
  return IoError(Errno(path, err));
}

std::string DirName(const std::string& path) {
  const auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

Status WriteAll(int fd, std::span<const std::uint8_t> data, const std::string& path) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return IoError(Errno(path, errno));
    done += static_cast<std::size_t>(n);
  }
  if (fsync(fd) != 0) return IoError(Errno(path, errno));
  return OkStatus();
}

Status SyncDirectory(const std::string& dir) {
  const int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return IoError(Errno(dir, errno));
  const int rc = fsync(fd);
  const int err = errno;
  close(fd);
  if (rc != 0 && err != EINVAL) return IoError(Errno(dir, err));
  return OkStatus();
}

// Reads the file back through the same descriptor and compares: what is on disk is what we meant.
Status VerifyReadBack(int fd, std::span<const std::uint8_t> data, const std::string& path) {
  secmem::SecureBytes back(data.size());
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = pread(fd, back.data() + done, data.size() - done, static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return IoError(path + ": cannot read back what was written");
    done += static_cast<std::size_t>(n);
  }
  if (!secmem::ConstantTimeEqual(back.span(), data)) {
    return IoError(path + ": reads back different from what was written");
  }
  return OkStatus();
}

mode_t ModeBits(FileMode mode) { return mode == FileMode::kSecret ? 0600 : 0644; }

// Writes a new file at `path` (O_EXCL) and syncs it; removes it again on failure.
Status CreateAndWrite(const std::string& path, std::span<const std::uint8_t> data, FileMode mode) {
  const int fd = open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                      ModeBits(mode));
  if (fd < 0) return OsError(path, errno);
  fchmod(fd, ModeBits(mode));  // not subject to the umask
  FaultPoint("file created");
  const std::size_t half = data.size() / 2;
  Status s = WriteAll(fd, data.first(half), path);
  FaultPoint("file half written");
  if (s.ok()) s = WriteAll(fd, data.subspan(half), path);
  if (s.ok()) s = VerifyReadBack(fd, data, path);
  if (close(fd) != 0 && s.ok()) s = IoError(Errno(path, errno));
  if (!s.ok()) unlink(path.c_str());
  FaultPoint("file written");
  return s;
}

// Reads until `out` is full or the end of the file.
Status FillFrom(int fd, const std::string& path, secmem::SecureBytes& out, std::size_t& used) {
  while (used < out.size()) {
    const ssize_t n = read(fd, out.data() + used, out.size() - used);
    if (n == 0) return OkStatus();
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return IoError(Errno(path, errno));
    used += static_cast<std::size_t>(n);
  }
  return OkStatus();
}

template <typename Buffer>
Status ReadInto(int fd, const std::string& path, std::size_t max_bytes, Buffer& out,
                std::size_t& used) {
  for (;;) {
    if (used == out.size()) {
      std::uint8_t probe;
      const ssize_t n = read(fd, &probe, 1);
      if (n == 0) return OkStatus();
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return IoError(Errno(path, errno));
      return InvalidInput(path + ": larger than " + std::to_string(max_bytes) + " bytes");
    }
    const ssize_t n = read(fd, out.data() + used, out.size() - used);
    if (n == 0) return OkStatus();
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return IoError(Errno(path, errno));
    used += static_cast<std::size_t>(n);
  }
}

Result<int> OpenForRead(const std::string& path) {
  if (path == "-") return 0;
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return OsError(path, errno);
  struct stat st {};
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    close(fd);
    return InvalidInput(path + ": is a directory, expected a file");
  }
  return fd;
}

std::string DisplayName(const std::string& path) { return path == "-" ? "standard input" : path; }

}  // namespace

Status WriteNewFile(const std::string& path, std::span<const std::uint8_t> data, FileMode mode) {
  KR_RETURN_IF_ERROR(CreateAndWrite(path, data, mode));
  return SyncDirectory(DirName(path));
}

Status WriteNewFile(const std::string& path, std::string_view text, FileMode mode) {
  return WriteNewFile(
      path, std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()), mode);
}

Status ReplaceFile(const std::string& path, std::span<const std::uint8_t> data, FileMode mode) {
  std::uint8_t nonce[8];
  SystemRng().Fill(nonce);
  const std::string temp = path + ".tmp-" + ToHex(nonce);
  KR_RETURN_IF_ERROR(CreateAndWrite(temp, data, mode));
  FaultPoint("before replace");
  if (rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    unlink(temp.c_str());
    return IoError(Errno(path, err));
  }
  FaultPoint("replaced");
  return SyncDirectory(DirName(path));
}

Result<secmem::SecureBytes> ReadSecretFile(const std::string& path, std::size_t max_bytes) {
  KR_ASSIGN_OR_RETURN(const int fd, OpenForRead(path));
  // Most secrets are a key of tens of bytes: read into a slot of the secure pool first, and take
  // a buffer of max_bytes (its own locked, zeroed mapping) only when that slot fills.
  secmem::SecureBytes buffer(std::min(max_bytes, secmem::kPoolMaxBytes));
  std::size_t used = 0;
  Status s = FillFrom(fd, DisplayName(path), buffer, used);
  const bool full = s.ok() && used == buffer.size();  // else at the end of the file, or failed
  if (full && buffer.size() < max_bytes) {
    secmem::SecureBytes larger(max_bytes);
    std::memcpy(larger.data(), buffer.data(), used);
    buffer = std::move(larger);
  }
  if (full) s = ReadInto(fd, DisplayName(path), max_bytes, buffer, used);
  if (fd != 0) close(fd);
  if (!s.ok()) return s;
  return buffer.Slice(0, used);
}

Result<std::string> ReadPublicFile(const std::string& path, std::size_t max_bytes) {
  KR_ASSIGN_OR_RETURN(const int fd, OpenForRead(path));
  // Grows as it reads: a large limit (a keystore's 1 GiB) must not cost that much memory.
  std::string text;
  Status s = OkStatus();
  char chunk[64 * 1024];
  for (;;) {
    const ssize_t n = read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) s = IoError(Errno(DisplayName(path), errno));
    if (n <= 0) break;
    if (text.size() + static_cast<std::size_t>(n) > max_bytes) {
      s = InvalidInput(DisplayName(path) + ": larger than " + std::to_string(max_bytes) + " bytes");
      break;
    }
    text.append(chunk, static_cast<std::size_t>(n));
  }
  if (fd != 0) close(fd);
  if (!s.ok()) return s;
  return text;
}

Status WriteToDescriptor(int fd, std::span<const std::uint8_t> data, std::string_view name) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return IoError("cannot write to " + std::string(name));
    done += static_cast<std::size_t>(n);
  }
  return OkStatus();
}

bool PathExists(const std::string& path) {
  struct stat st {};
  return lstat(path.c_str(), &st) == 0;
}

std::uint64_t FileSize(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return 0;
  return static_cast<std::uint64_t>(st.st_size);
}

bool IsDirectory(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

Status MakeDirectory(const std::string& path) {
  FaultPoint("before mkdir");
  if (mkdir(path.c_str(), 0700) != 0) return OsError(path, errno);
  return SyncDirectory(DirName(path));
}

Status RenamePath(const std::string& from, const std::string& to) {
  FaultPoint("before rename");
  if (rename(from.c_str(), to.c_str()) != 0) return OsError(to, errno);
  FaultPoint("renamed");
  return SyncDirectory(DirName(to));
}

void RemoveQuietly(const std::string& path) {
  FaultPoint("before remove");
  unlink(path.c_str());
}

Status RemoveTree(const std::string& path) {
  FaultPoint("before remove tree");
  std::error_code ec;
  std::filesystem::remove_all(path, ec);
  if (ec) return IoError(path + ": " + ec.message());
  return SyncDirectory(DirName(path));
}

Result<std::vector<std::string>> ListDirectory(const std::string& path) {
  DIR* dir = opendir(path.c_str());
  if (dir == nullptr) return OsError(path, errno);
  std::vector<std::string> names;
  while (const dirent* e = readdir(dir)) {
    const std::string name = e->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  closedir(dir);
  std::sort(names.begin(), names.end());
  return names;
}

std::string JoinPath(std::string_view dir, std::string_view name) {
  std::string out(dir);
  if (!out.empty() && out.back() != '/') out += '/';
  out += name;
  return out;
}

}  // namespace keyrite::io
