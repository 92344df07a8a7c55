#pragma once
// Whole-block I/O for the streaming share files, so that direct I/O (file_io.h) can do its work
// although a share file's payload starts 32 bytes in, after its header.
//
// BlockWriter stages a file's bytes in a locked buffer and writes them whole aligned blocks at a
// time; the last partial block (at most kDirectIoAlign - 1 bytes) is moved to the front of the
// buffer and written with the next chunk, or at Publish(). The producer computes straight into
// Room(), so the bytes are never copied, except that short remainder.
//
// BlockReader reads a file from a given offset in aligned blocks into a locked window and hands
// out spans of the next bytes, again moving only the remainder of a block.
//
// Both buffers hold secret bytes (share payloads, the secret's own), hence SecureBytes.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "base/status.h"
#include "secmem/secure_bytes.h"
#include "stream/file_io.h"

namespace keyrite::stream {

class BlockWriter {
 public:
  // The file under a temporary name (PendingFile), and room for `chunk` bytes at a time.
  static Result<BlockWriter> Create(const std::string& final_path, std::size_t chunk);

  // At least `chunk` bytes: the file's next bytes go here, then Commit says how many.
  std::span<std::uint8_t> Room();
  Status Commit(std::size_t bytes);
  Status Append(std::span<const std::uint8_t> bytes);  // copies, then commits; bytes <= chunk

  Status Publish();  // writes what is staged, then PendingFile::Publish
  void Retract() { file_.Retract(); }
  const std::string& final_path() const { return file_.final_path(); }

 private:
  BlockWriter(PendingFile file, std::size_t chunk)
      : file_(std::move(file)), buffer_(chunk + kDirectIoAlign) {}

  PendingFile file_;
  secmem::SecureBytes buffer_;
  std::size_t staged_ = 0;  // bytes at the front of buffer_ not yet written
};

class BlockReader {
 public:
  // Reads `fd` (which the reader does not own) from byte `offset`, at most `chunk` at a time.
  BlockReader(int fd, std::uint64_t offset, std::size_t chunk, std::string path);

  // The next `bytes` bytes (<= chunk) of the file; fewer only where the file ends. The span is
  // valid until the next call.
  Result<std::span<const std::uint8_t>> Next(std::size_t bytes);

 private:
  int fd_;
  std::string path_;
  secmem::SecureBytes window_;
  std::uint64_t file_end_;  // the file offset of window_[end_], a multiple of the alignment
  std::size_t begin_, end_;
  bool at_end_ = false;
};

}  // namespace keyrite::stream
