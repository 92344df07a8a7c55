#include "snapshot/chunks.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <system_error>
#include <thread>
#include <vector>

#include "snapshot/file.h"

namespace keyrite::snapshot {
namespace {

constexpr std::uint64_t kListBlock = 2048;  // signed digests read at a time
constexpr std::uint64_t kSplitAbove = 64;   // chunks; smaller snapshots are checked on one thread

std::string ChunkLabel(std::uint64_t c, std::uint64_t n) {
  return "chunk " + std::to_string(c + 1) + " of " + std::to_string(n);
}

std::uint64_t ChunkOffset(const ChunkSpan& s, std::uint64_t c) {
  return s.header_bytes + c * (kChunkBytes + kAeadBytes);  // every chunk but the last is full
}

Status ReadChunk(const ChunkSpan& s, std::uint64_t c, std::vector<std::uint8_t>& buffer,
                 std::span<std::uint8_t>& chunk) {
  chunk = std::span(buffer.data(), s.header.ChunkPlainBytes(c) + kAeadBytes);
  return ReadAt(s.fd, ChunkOffset(s, c), chunk, s.path);
}

// Chunks [first, last) against their signed digests, stopping early at chunk `limit` if given.
Status CheckDigestRange(const ChunkSpan& s, std::uint64_t first, std::uint64_t last,
                        const std::atomic<std::uint64_t>* limit) {
  const std::uint64_t n = s.header.ChunkCount();
  const std::uint64_t list_at = s.header.FileBytes() - kTailBytes - n * kDigestBytes;
  std::vector<std::uint8_t> buffer(kChunkBytes + kAeadBytes);
  std::vector<std::uint8_t> list;
  for (std::uint64_t c = first; c < last; ++c) {
    if (limit != nullptr && c >= limit->load()) break;
    if ((c - first) % kListBlock == 0) {
      list.resize(std::min(kListBlock, last - c) * kDigestBytes);
      KR_RETURN_IF_ERROR(ReadAt(s.fd, list_at + c * kDigestBytes, list, s.path));
    }
    std::span<std::uint8_t> chunk;
    KR_RETURN_IF_ERROR(ReadChunk(s, c, buffer, chunk));
    const Digest d = Blake2b256(chunk);
    const auto signed_digest = list.begin() + static_cast<std::ptrdiff_t>(((c - first) % kListBlock) * kDigestBytes);
    if (!std::equal(d.begin(), d.end(), signed_digest)) {
      return Corrupt(ChunkLabel(c, n) + ": altered (its digest differs from the signed one)");
    }
  }
  return OkStatus();
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

// Decrypts every chunk in order into `demux`; `at` is left at the chunk that failed.
Status DecryptAll(const ChunkSpan& s, StreamPull& pull, MemberDemux& demux, std::uint64_t& at) {
  std::vector<std::uint8_t> buffer(kChunkBytes + kAeadBytes);
  secmem::SecureBytes plain(kChunkBytes);
  for (at = 0; at < s.header.ChunkCount(); ++at) {
    std::span<std::uint8_t> chunk;
    KR_RETURN_IF_ERROR(ReadChunk(s, at, buffer, chunk));
    const std::span<std::uint8_t> text = plain.span().first(chunk.size() - kAeadBytes);
    KR_RETURN_IF_ERROR(DecryptChunk(s, pull, at, chunk, text));
    KR_RETURN_IF_ERROR(demux.Feed(text));
  }
  return demux.Finish();
}

// Runs `beside` on a second thread while `here` runs on this one; in turn when no thread can
// be started.
void RunBeside(const std::function<void()>& beside, const std::function<void()>& here) {
  std::thread thread;
  try {
    thread = std::thread(beside);
  } catch (const std::system_error&) {
    beside();
  }
  here();
  if (thread.joinable()) thread.join();
}

}  // namespace

Status CheckChunkDigests(const ChunkSpan& s) {
  const std::uint64_t n = s.header.ChunkCount();
  if (n <= kSplitAbove) return CheckDigestRange(s, 0, n, nullptr);
  Status first_half;
  Status second_half;
  RunBeside([&] { second_half = CheckDigestRange(s, n / 2, n, nullptr); },
            [&] { first_half = CheckDigestRange(s, 0, n / 2, nullptr); });
  return first_half.ok() ? second_half : first_half;
}

Status CheckAndDecryptChunks(const ChunkSpan& s, StreamPull& pull, MemberDemux& demux) {
  std::atomic<std::uint64_t> limit{s.header.ChunkCount()};
  Status digests;
  Status decrypted;
  RunBeside([&] { digests = CheckDigestRange(s, 0, s.header.ChunkCount(), &limit); },
            [&] {
              std::uint64_t at = 0;
              decrypted = DecryptAll(s, pull, demux, at);
              // The checker still covers every chunk up to the failing one, so an altered chunk
              // is named as such rather than as a wrong key.
              if (!decrypted.ok()) limit.store(at + 1);
            });
  return digests.ok() ? decrypted : digests;
}

}  // namespace keyrite::snapshot
