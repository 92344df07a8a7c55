#pragma once
// Whole-block I/O for the streaming share files, so that direct I/O (file_io.h) can do its work
// although a share file's payload starts 32 bytes in, after its header.
//
// ChunkBuffers holds every buffer a split or a combine streams through, as equal windows of one
// locked mapping (SecureBytes). Such a mapping of a few MiB starts on a huge page and is advised
// for transparent huge pages (secure_bytes.h), so a direct read or write of a whole chunk pins a
// few 2 MiB pages instead of hundreds of small ones.
//
// BlockWriter stages a file's bytes in a window and writes them whole aligned blocks at a time;
// the last partial block (at most kDirectIoAlign - 1 bytes) is moved to the front of the window
// and written with the next chunk, or at Publish(). The producer computes straight into Room(),
// so the bytes are never copied, except that short remainder.
//
// BlockReader reads a file from a given offset in aligned blocks into a window and hands out
// spans of the next bytes, again moving only the remainder of a block.
//
// The windows hold secret bytes (share payloads, the secret's own), hence locked memory.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "base/status.h"
#include "secmem/secure_bytes.h"
#include "stream/file_io.h"

namespace keyrite::stream {

class ChunkBuffers {
 public:
  // Bytes each window has beyond a chunk: a block for the remainder that BlockReader and
  // BlockWriter move to the front, and a block for a chunk that ends inside one (share file
  // payloads start 32 bytes in, and M is S plus its 16-byte tag).
  static constexpr std::size_t kSlackBytes = 2 * kDirectIoAlign;

  // `windows` windows of chunk + kSlackBytes bytes each, aligned for direct I/O, zero-filled.
  // `chunk` is a multiple of kDirectIoAlign. From a huge page up, the mapping is rounded up to
  // whole huge pages, so that none of it is left on small pages; file mode sizes its chunks so
  // that this stays within 6 MiB (stream_internal.h).
  ChunkBuffers(std::size_t windows, std::size_t chunk);
  // The bytes of locked memory ChunkBuffers(windows, chunk) takes, for CheckLockBudget.
  static std::size_t LockedBytes(std::size_t windows, std::size_t chunk);

  std::span<std::uint8_t> Window(std::size_t i);

 private:
  secmem::SecureBytes bytes_;
  std::size_t windows_, stride_;
};

class BlockWriter {
 public:
  // The file under a temporary name (PendingFile), staged in `window` (one of ChunkBuffers',
  // which must outlive the writer): Room() is then at least window.size() - kDirectIoAlign bytes.
  static Result<BlockWriter> Create(const std::string& final_path, std::span<std::uint8_t> window);

  // The file's next bytes go here, then Commit says how many.
  std::span<std::uint8_t> Room();
  Status Commit(std::size_t bytes);
  Status Append(std::span<const std::uint8_t> bytes);  // copies, then commits; fits in Room()

  Status Publish();  // writes what is staged, then PendingFile::Publish
  void Retract() { file_.Retract(); }
  const std::string& final_path() const { return file_.final_path(); }

 private:
  BlockWriter(PendingFile file, std::span<std::uint8_t> window)
      : file_(std::move(file)), window_(window) {}

  PendingFile file_;
  std::span<std::uint8_t> window_;
  std::size_t staged_ = 0;  // bytes at the front of window_ not yet written
};

class BlockReader {
 public:
  // Reads `fd` (which the reader does not own) from byte `offset` into `window` (one of
  // ChunkBuffers', which must outlive the reader).
  BlockReader(int fd, std::uint64_t offset, std::span<std::uint8_t> window, std::string path);

  // The next `bytes` bytes (at most window.size() - kDirectIoAlign) of the file; fewer only
  // where the file ends. The span is valid until the next call.
  Result<std::span<const std::uint8_t>> Next(std::size_t bytes);

 private:
  int fd_;
  std::string path_;
  std::span<std::uint8_t> window_;
  std::uint64_t file_end_;  // the file offset of window_[end_], a multiple of the alignment
  std::size_t begin_, end_;
  bool at_end_ = false;
};

}  // namespace keyrite::stream
