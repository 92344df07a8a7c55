#pragma once
// DigestWork: the public check of a snapshot's chunks against their signed digests, handed out
// in batches to whichever thread is free (so two threads share it evenly however busy each core
// is), in file order. It records the first altered chunk; all of it is public data.

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "base/status.h"
#include "snapshot/format.h"

namespace keyrite::snapshot {

struct ChunkSpan;

inline constexpr std::uint64_t kChunkBatch = 16;  // chunks read at a time: about 1 MiB

std::string ChunkLabel(std::uint64_t chunk, std::uint64_t count);
std::uint64_t ChunkOffset(const ChunkSpan& s, std::uint64_t chunk);
// Chunks [first, last) in one read into `buffer` (resized), public ciphertext.
Status ReadChunks(const ChunkSpan& s, std::uint64_t first, std::uint64_t last,
                  std::vector<std::uint8_t>& buffer);

class DigestWork {
 public:
  explicit DigestWork(const ChunkSpan& span);

  // Claims and checks the next batch; false when nothing is left below the limit. `buffer` is
  // the calling thread's own.
  bool CheckNext(std::vector<std::uint8_t>& buffer);
  void CheckAll(std::vector<std::uint8_t>& buffer);
  bool Pending() const { return next_.load() < limit_.load(); }
  // Only chunks below `chunks` still need a check (a later failure stops there). After Defer(),
  // the first call sets the limit instead: the chunks up to a decryption failure get checked.
  void Limit(std::uint64_t chunks);
  // Nothing is checked until Limit() is called (a reader with the key, see chunks.cpp).
  void Defer();
  // The first altered chunk (or read error) found, once every thread is done.
  Status status() const;

 private:
  Status CheckBatch(std::uint64_t first, std::uint64_t last, std::vector<std::uint8_t>& buffer,
                    std::uint64_t& bad);
  void Fail(std::uint64_t chunk, Status error);

  const ChunkSpan& span_;
  const std::uint64_t count_;
  const std::uint64_t list_at_;
  std::atomic<std::uint64_t> next_{0};
  std::atomic<std::uint64_t> limit_;
  std::atomic<bool> deferred_{false};
  mutable std::mutex mu_;
  std::uint64_t first_bad_;
  Status error_;
};

}  // namespace keyrite::snapshot
