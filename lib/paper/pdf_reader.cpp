// PDF files through the `pdftoppm` program (poppler-utils) in a child process: no PDF parser in
// keyrite's own process and no link to poppler. The child writes every page as binary PGM to a
// pipe; its rows go straight into locked memory. The child's own buffers are not locked
// (docs/threat-model.md), just as poppler's were not when it ran in-process.

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "io/files.h"
#include "paper/image_decoders.h"
#include "paper/pgm_stream.h"

namespace keyrite::paper {
namespace {

// -scale-to bounds the longer side of every page, so the child's work and ours stay small
// whatever page size the PDF claims.
constexpr const char* kScaleTo = "2000";

// A running pdftoppm and the read end of its stdout; killed if still running and reaped at the
// end of scope unless Finish() reaped it already.
class Child {
 public:
  Child(pid_t pid, int fd) : pid_(pid), fd_(fd) {}
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  ~Child() {
    if (pid_ > 0) kill(pid_, SIGKILL);
    static_cast<void>(Finish());
  }
  int fd() const { return fd_; }
  // Closes the pipe and waits; the exit code, or 128 + the signal's number.
  int Finish() {
    if (fd_ >= 0) close(std::exchange(fd_, -1));
    if (pid_ <= 0) return code_;
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return code_;
  }

 private:
  pid_t pid_;
  int fd_;
  int code_ = 0;
};

// The child sees PATH only: no locale, no HOME, nothing of ours it does not need.
std::string PathEntry() {
  const char* path = std::getenv("PATH");
  return std::string("PATH=") + (path != nullptr ? path : "/usr/bin:/bin");
}

// posix_spawnp's error number (0 when the child runs).
int SpawnInto(const std::string& path, int out_fd, pid_t& pid) {
  std::vector<std::string> args = {"pdftoppm", "-gray", "-scale-to", kScaleTo, "--", path};
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::string env_path = PathEntry();
  char* envp[] = {env_path.data(), nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
  // stderr is not read: a second pipe could fill while we wait on the first.
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
  const int error = posix_spawnp(&pid, "pdftoppm", &actions, nullptr, argv.data(), envp);
  posix_spawn_file_actions_destroy(&actions);
  return error;
}

// The read end of the child's stdout.
Result<int> StartPdftoppm(const std::string& path, pid_t& pid) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return IoError("cannot make a pipe to read PDF pages through");
  const int error = SpawnInto(path, fds[1], pid);
  close(fds[1]);
  if (error == 0) return fds[0];
  close(fds[0]);
  if (error == ENOENT) {
    return NotFound(path + ": reading PDF files needs the pdftoppm program; install poppler-utils");
  }
  return IoError(path + ": cannot run pdftoppm (" + std::strerror(error) + ")");
}

// Every page to `visit` and the visitor's first error; a problem of the stream itself is left in
// `stream_error` instead.
Status VisitPages(const std::string& path, PgmStream& stream, const PageVisitor& visit,
                  Status& stream_error) {
  for (;;) {
    Result<bool> more = stream.HasNext();
    if (!more.ok() || !*more) {
      stream_error = more.status();
      return OkStatus();
    }
    Result<GrayImage> image = stream.Next();
    if (!image.ok()) {
      stream_error = image.status();
      return OkStatus();
    }
    KR_RETURN_IF_ERROR(visit(path + " page " + std::to_string(stream.images_read()), *image));
  }
}

Status NotReadable(const std::string& path, const std::string& why) {
  return InvalidInput(path + ": not a readable PDF (" + why + ")");
}

}  // namespace

Status ForEachPdfPage(const std::string& path, const PageVisitor& visit) {
  // The limit of the days the file was read into locked memory: it still keeps pdftoppm's work
  // bounded, and tells the user the same thing.
  if (io::FileSize(path) > kMaxScanPdfBytes) {
    return InvalidInput(path + ": larger than " + std::to_string(kMaxScanPdfBytes) + " bytes");
  }
  pid_t pid = 0;
  KR_ASSIGN_OR_RETURN(const int fd, StartPdftoppm(path, pid));
  Child child(pid, fd);
  PgmStream stream(fd);
  Status stream_error;
  KR_RETURN_IF_ERROR(VisitPages(path, stream, visit, stream_error));
  // A header we refuse while the child still writes: its exit code would only tell of the pipe.
  if (!stream.at_end()) {
    if (stream_error.kind() != ErrorKind::kInvalidInput) return stream_error.WithContext(path);
    return NotReadable(path, stream_error.message());
  }
  const int code = child.Finish();
  if (code != 0) return NotReadable(path, "pdftoppm exited with " + std::to_string(code));
  if (!stream_error.ok()) return NotReadable(path, stream_error.message());
  if (stream.images_read() == 0) return InvalidInput(path + ": the PDF has no pages");
  return OkStatus();
}

}  // namespace keyrite::paper
