#include "stream/file_tag.h"

#include "base/check.h"
#include "stream/share_file_format.h"

namespace keyrite::stream {

FileTag::FileTag(const share::SetId& set_id, std::uint8_t threshold, std::uint64_t secret_bytes)
    : expected_(secret_bytes) {
  std::uint8_t prefix[1 + 8];
  prefix[0] = threshold;
  for (int i = 0; i < 8; ++i) {
    prefix[1 + i] = static_cast<std::uint8_t>(secret_bytes >> (56 - 8 * i));
  }
  hash_.Update(std::span(reinterpret_cast<const std::uint8_t*>(kFileTagDomain.data()),
                         kFileTagDomain.size()));
  hash_.Update(set_id);
  hash_.Update(prefix);
}

void FileTag::Update(std::span<const std::uint8_t> secret_chunk) {
  KR_CHECK(!finished_ && secret_chunk.size() <= expected_ - seen_);
  seen_ += secret_chunk.size();
  hash_.Update(secret_chunk);
}

secmem::SecureBytes FileTag::Finish() {
  KR_CHECK(!finished_ && seen_ == expected_);
  finished_ = true;
  secmem::SecureBytes digest(32);
  hash_.Final(digest.span().first<32>());
  return digest.Slice(0, kFileTagBytes);
}

}  // namespace keyrite::stream
