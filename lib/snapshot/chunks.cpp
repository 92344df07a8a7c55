#include "snapshot/chunks.h"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#include "snapshot/digest_work.h"
#include "snapshot/file.h"

namespace keyrite::snapshot {
namespace {

constexpr std::uint64_t kSplitAbove = 64;  // chunks; smaller snapshots are checked on one thread
constexpr std::size_t kRingSlots = 16;     // decrypted chunks in flight: 1 MiB, locked
// A blocked thread is woken only once this many chunks (or slots) are waiting for it: on a busy
// machine every sleep costs a trip through the scheduler, so the two threads trade in runs.
constexpr std::size_t kWakeAfter = 8;

// Decrypted chunks handed from the decrypting thread to the hashing one, in order. The slots
// are one locked buffer; a slot is reused only after the hashing thread released it.
class PlainRing {
 public:
  enum class Wait { kReady, kBusy, kDone };

  PlainRing() : slots_(kRingSlots * kChunkBytes) {}

  // Producer: kReady when a slot is free, kDone when the consumer gave up; when the ring is
  // full, kBusy if !block, else it sleeps until kWakeAfter slots are free.
  Wait WaitForRoom(bool block);
  std::span<std::uint8_t> Slot() { return Span(produced_).first(kChunkBytes); }
  void Publish(std::size_t bytes);
  void Close(bool complete);
  // Consumer: kReady when a chunk is there, kDone once the producer closed and all is taken;
  // when none is there, kBusy if !block, else it sleeps until kWakeAfter are.
  Wait WaitForChunk(bool block);
  std::span<const std::uint8_t> Chunk() { return Span(consumed_).first(sizes_[Index(consumed_)]); }
  void Release();
  void Cancel();
  bool complete() const { return complete_; }  // after kDone

 private:
  static std::size_t Index(std::uint64_t n) { return static_cast<std::size_t>(n % kRingSlots); }
  std::span<std::uint8_t> Span(std::uint64_t n) {
    return slots_.span().subspan(Index(n) * kChunkBytes, kChunkBytes);
  }

  secmem::SecureBytes slots_;
  std::size_t sizes_[kRingSlots] = {};
  std::mutex mu_;
  std::condition_variable changed_;
  std::uint64_t produced_ = 0;  // written by the producer under mu_, read by both
  std::uint64_t consumed_ = 0;
  bool closed_ = false;
  bool complete_ = false;
  bool cancelled_ = false;
};

PlainRing::Wait PlainRing::WaitForRoom(bool block) {
  std::unique_lock lock(mu_);
  if (cancelled_) return Wait::kDone;
  if (produced_ - consumed_ < kRingSlots) return Wait::kReady;
  if (!block) return Wait::kBusy;
  changed_.wait(lock,
                [&] { return cancelled_ || produced_ - consumed_ <= kRingSlots - kWakeAfter; });
  return cancelled_ ? Wait::kDone : Wait::kReady;
}

void PlainRing::Publish(std::size_t bytes) {
  const std::lock_guard lock(mu_);
  sizes_[Index(produced_)] = bytes;
  ++produced_;
  if (produced_ - consumed_ >= kWakeAfter) changed_.notify_all();
}

void PlainRing::Close(bool complete) {
  const std::lock_guard lock(mu_);
  closed_ = true;
  complete_ = complete;
  changed_.notify_all();
}

PlainRing::Wait PlainRing::WaitForChunk(bool block) {
  std::unique_lock lock(mu_);
  if (consumed_ < produced_) return Wait::kReady;
  if (closed_) return Wait::kDone;
  if (!block) return Wait::kBusy;
  changed_.wait(lock, [&] { return closed_ || produced_ - consumed_ >= kWakeAfter; });
  return consumed_ < produced_ ? Wait::kReady : Wait::kDone;
}

void PlainRing::Release() {
  const std::lock_guard lock(mu_);
  ++consumed_;
  if (kRingSlots - (produced_ - consumed_) >= kWakeAfter) changed_.notify_all();
}

void PlainRing::Cancel() {
  const std::lock_guard lock(mu_);
  cancelled_ = true;
  changed_.notify_all();
}

Status DecryptChunk(const ChunkSpan& s, StreamPull& pull, std::uint64_t c,
                    std::span<const std::uint8_t> chunk, std::span<std::uint8_t> plain) {
  const std::uint64_t n = s.header.ChunkCount();
  bool final = false;
  if (!pull.Pull(chunk, s.header_digest, plain, final)) {
    if (c == 0) return Mismatch("does not decrypt with this key (a different snapshot key)");
    return Corrupt(ChunkLabel(c, n) + ": does not decrypt (written by a faulty tool)");
  }
  if (final != (c + 1 == n)) return Corrupt(ChunkLabel(c, n) + ": misplaced end-of-stream tag");
  return OkStatus();
}

// Reads (a batch at a time) and decrypts every chunk in order: `place` gives the locked buffer
// for a chunk's plaintext, `commit` takes it once decrypted. `at` is left at the chunk that failed.
using Place = std::function<Status(std::span<std::uint8_t>& plain)>;
using Commit = std::function<Status(std::span<std::uint8_t> plain)>;
Status DecryptAll(const ChunkSpan& s, StreamPull& pull, const Place& place, const Commit& commit,
                  std::uint64_t& at) {
  const std::uint64_t n = s.header.ChunkCount();
  std::vector<std::uint8_t> cipher;
  for (std::uint64_t first = 0; first < n; first += kChunkBatch) {
    const std::uint64_t last = std::min(first + kChunkBatch, n);
    at = first;
    KR_RETURN_IF_ERROR(ReadChunks(s, first, last, cipher));
    std::size_t offset = 0;
    for (; at < last; ++at) {
      const std::size_t size = static_cast<std::size_t>(s.header.ChunkPlainBytes(at));
      std::span<std::uint8_t> plain;
      KR_RETURN_IF_ERROR(place(plain));
      KR_RETURN_IF_ERROR(DecryptChunk(
          s, pull, at, std::span(cipher).subspan(offset, size + kAeadBytes), plain.first(size)));
      KR_RETURN_IF_ERROR(commit(plain.first(size)));
      offset += size + kAeadBytes;
    }
  }
  return OkStatus();
}

// Everything on this thread: decrypt, feed the demux, then the digests.
Status DecryptHere(const ChunkSpan& s, StreamPull& pull, MemberDemux& demux, DigestWork& digests) {
  secmem::SecureBytes plain(kChunkBytes);
  std::uint64_t at = 0;
  Status decrypted = DecryptAll(
      s, pull,
      [&](std::span<std::uint8_t>& p) {
        p = plain.span();
        return OkStatus();
      },
      [&](std::span<std::uint8_t> p) { return demux.Feed(p); }, at);
  if (decrypted.ok()) decrypted = demux.Finish();
  // The digests still cover every chunk up to the failing one, so an altered chunk is named as
  // such rather than as a wrong key.
  if (!decrypted.ok()) digests.Limit(at + 1);
  std::vector<std::uint8_t> buffer;
  digests.CheckAll(buffer);
  return digests.status().ok() ? decrypted : digests.status();
}

// The hashing thread: members' SHA-256 (and the caller's sink) over the ring, digests between.
Status HashFromRing(PlainRing& ring, MemberDemux& demux, DigestWork& digests) {
  std::vector<std::uint8_t> buffer;
  std::uint64_t taken = 0;
  Status fed;
  for (;;) {
    const PlainRing::Wait w = ring.WaitForChunk(!digests.Pending());
    if (w == PlainRing::Wait::kBusy) {
      digests.CheckNext(buffer);
      continue;
    }
    if (w == PlainRing::Wait::kDone) break;
    fed = demux.Feed(ring.Chunk());
    ring.Release();
    ++taken;
    if (!fed.ok()) break;
  }
  if (fed.ok() && ring.complete()) fed = demux.Finish();
  if (!fed.ok()) {
    ring.Cancel();
    digests.Limit(taken + 1);
  }
  digests.CheckAll(buffer);
  return fed;
}

// The decrypting thread: into the ring's slots, digests while the ring is full.
Status DecryptIntoRing(const ChunkSpan& s, StreamPull& pull, PlainRing& ring, DigestWork& digests) {
  std::vector<std::uint8_t> buffer;
  std::uint64_t at = 0;
  const Status decrypted = DecryptAll(
      s, pull,
      [&](std::span<std::uint8_t>& p) {
        PlainRing::Wait w;
        while ((w = ring.WaitForRoom(!digests.Pending())) == PlainRing::Wait::kBusy) {
          digests.CheckNext(buffer);
        }
        if (w == PlainRing::Wait::kDone) return Cancelled("the member check stopped");
        p = ring.Slot();
        return OkStatus();
      },
      [&](std::span<std::uint8_t> p) {
        ring.Publish(p.size());
        return OkStatus();
      },
      at);
  if (!decrypted.ok()) digests.Limit(at + 1);  // before Close, so the other thread can help
  ring.Close(decrypted.ok());
  digests.CheckAll(buffer);
  return decrypted;
}

// Runs `beside` on a second thread while `here` runs on this one; false (nothing run) when no
// thread can be started.
bool RunBeside(const std::function<void()>& beside, const std::function<void()>& here) {
  std::thread thread;
  try {
    thread = std::thread(beside);
  } catch (const std::system_error&) {
    return false;
  }
  here();
  thread.join();
  return true;
}

}  // namespace

Status CheckChunkDigests(const ChunkSpan& s) {
  DigestWork digests(s);
  std::vector<std::uint8_t> here_buffer;
  std::vector<std::uint8_t> beside_buffer;
  if (s.header.ChunkCount() <= kSplitAbove || !RunBeside([&] { digests.CheckAll(beside_buffer); },
                                                         [&] { digests.CheckAll(here_buffer); })) {
    digests.CheckAll(here_buffer);
  }
  return digests.status();
}

Status CheckAndDecryptChunks(const ChunkSpan& s, StreamPull& pull, MemberDemux& demux) {
  DigestWork digests(s);
  // With the key, a chunk that decrypts needs no digest: secretstream authenticates every chunk,
  // in order, with the signed header's digest as associated data, and it is deterministic, so
  // for anybody without the key a chunk that decrypts is byte for byte the one whose digest was
  // signed. Hashing the ciphertext again would cost as much as hashing the plaintext. The
  // digests are checked only up to a chunk that fails, to say whether it was altered.
  digests.Defer();
  if (s.header.ChunkCount() <= kSplitAbove) return DecryptHere(s, pull, demux, digests);
  PlainRing ring;
  Status hashed;
  Status decrypted;
  if (!RunBeside([&] { hashed = HashFromRing(ring, demux, digests); },
                 [&] { decrypted = DecryptIntoRing(s, pull, ring, digests); })) {
    return DecryptHere(s, pull, demux, digests);
  }
  if (!digests.status().ok()) return digests.status();
  // A decryption failure comes before the member check it cut short.
  return decrypted.ok() || decrypted.kind() == ErrorKind::kCancelled ? hashed : decrypted;
}

}  // namespace keyrite::snapshot
