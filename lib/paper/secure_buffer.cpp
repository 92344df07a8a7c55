#include "paper/secure_buffer.h"

#include <algorithm>
#include <cstring>

namespace keyrite::paper {

bool SecureBuffer::Append(std::span<const std::uint8_t> bytes) {
  if (bytes.size() > limit_ - size_) {
    overflowed_ = true;
    return false;
  }
  while (!bytes.empty()) {
    if (chunks_.empty() || used_in_last_ == chunks_.back().size()) {
      if (!secmem::CheckLockBudget(kChunkBytes).ok()) {
        overflowed_ = true;
        return false;
      }
      chunks_.emplace_back(kChunkBytes);
      used_in_last_ = 0;
    }
    const std::size_t n = std::min(bytes.size(), chunks_.back().size() - used_in_last_);
    std::memcpy(chunks_.back().data() + used_in_last_, bytes.data(), n);
    used_in_last_ += n;
    size_ += n;
    bytes = bytes.subspan(n);
  }
  return true;
}

secmem::SecureBytes SecureBuffer::Take() {
  secmem::SecureBytes out(size_);
  std::size_t at = 0;
  for (const secmem::SecureBytes& chunk : chunks_) {
    const std::size_t n = std::min(chunk.size(), size_ - at);
    if (n > 0) std::memcpy(out.data() + at, chunk.data(), n);
    at += n;
  }
  chunks_.clear();
  used_in_last_ = 0;
  size_ = 0;
  return out;
}

}  // namespace keyrite::paper
