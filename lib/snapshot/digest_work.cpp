#include "snapshot/digest_work.h"

#include <algorithm>

#include "base/digest.h"
#include "snapshot/chunks.h"
#include "snapshot/file.h"

namespace keyrite::snapshot {

std::string ChunkLabel(std::uint64_t c, std::uint64_t n) {
  return "chunk " + std::to_string(c + 1) + " of " + std::to_string(n);
}

std::uint64_t ChunkOffset(const ChunkSpan& s, std::uint64_t c) {
  return s.header_bytes + c * (kChunkBytes + kAeadBytes);  // every chunk but the last is full
}

Status ReadChunks(const ChunkSpan& s, std::uint64_t first, std::uint64_t last,
                  std::vector<std::uint8_t>& buffer) {
  const std::uint64_t end =
      ChunkOffset(s, last - 1) + s.header.ChunkPlainBytes(last - 1) + kAeadBytes;
  buffer.resize(static_cast<std::size_t>(end - ChunkOffset(s, first)));
  return ReadAt(s.fd, ChunkOffset(s, first), buffer, s.path);
}

DigestWork::DigestWork(const ChunkSpan& span)
    : span_(span),
      count_(span.header.ChunkCount()),
      list_at_(span.header.FileBytes() - kTailBytes - count_ * kDigestBytes),
      limit_(count_),
      first_bad_(count_) {}

// A batch is claimed only below the limit: a claim made while the limit is still deferred (0)
// or lowered would otherwise be lost, and its chunks never checked once the limit is set.
bool DigestWork::CheckNext(std::vector<std::uint8_t>& buffer) {
  std::uint64_t first = next_.load();
  do {
    if (first >= limit_.load()) return false;
  } while (!next_.compare_exchange_weak(first, first + kChunkBatch));
  const std::uint64_t last = std::min(first + kChunkBatch, limit_.load());
  if (first >= last) return false;  // the limit fell below this batch since: nothing is needed
  std::uint64_t bad = first;
  Status s = CheckBatch(first, last, buffer, bad);
  if (!s.ok()) Fail(bad, std::move(s));
  return true;
}

void DigestWork::CheckAll(std::vector<std::uint8_t>& buffer) {
  while (CheckNext(buffer)) {
  }
}

// Claims go out in order, so every batch below a failing chunk is already claimed and will be
// finished by its thread: the smallest failure is the first altered chunk.
void DigestWork::Fail(std::uint64_t chunk, Status error) {
  Limit(chunk);
  const std::lock_guard lock(mu_);
  if (chunk < first_bad_ || error_.ok()) {
    first_bad_ = chunk;
    error_ = std::move(error);
  }
}

void DigestWork::Defer() {
  limit_.store(0);
  deferred_.store(true);
}

void DigestWork::Limit(std::uint64_t chunks) {
  if (deferred_.load()) {
    const std::lock_guard lock(mu_);
    if (deferred_.load()) {
      limit_.store(std::min(chunks, count_));
      deferred_.store(false);
      return;
    }
  }
  std::uint64_t now = limit_.load();
  while (chunks < now && !limit_.compare_exchange_weak(now, chunks)) {
  }
}

Status DigestWork::status() const {
  const std::lock_guard lock(mu_);
  return error_;
}

Status DigestWork::CheckBatch(std::uint64_t first, std::uint64_t last,
                              std::vector<std::uint8_t>& buffer, std::uint64_t& bad) {
  std::array<std::uint8_t, kChunkBatch * kDigestBytes> signed_digests{};
  const std::span<std::uint8_t> list(signed_digests.data(), (last - first) * kDigestBytes);
  KR_RETURN_IF_ERROR(ReadAt(span_.fd, list_at_ + first * kDigestBytes, list, span_.path));
  KR_RETURN_IF_ERROR(ReadChunks(span_, first, last, buffer));
  std::size_t at = 0;
  for (bad = first; bad < last; ++bad) {
    const std::size_t size =
        static_cast<std::size_t>(span_.header.ChunkPlainBytes(bad)) + kAeadBytes;
    const Digest d = Sha256(std::span(buffer).subspan(at, size));
    if (!std::equal(d.begin(), d.end(),
                    list.begin() + static_cast<std::ptrdiff_t>((bad - first) * kDigestBytes))) {
      return Corrupt(ChunkLabel(bad, count_) +
                     ": altered (its digest differs from the signed one)");
    }
    at += size;
  }
  return OkStatus();
}

}  // namespace keyrite::snapshot
