#include "stream/file_tag.h"

#include "base/check.h"
#include "stream/share_file_format.h"

namespace keyrite::stream {
namespace {

std::variant<Sha256Stream, Blake3Stream> MakeHash(std::uint8_t version,
                                                  std::span<std::uint8_t> state) {
  if (version == kShareFileVersionSha256) {
    return Sha256Stream(state.first<Sha256Stream::kStateBytes>());
  }
  KR_CHECK(version == kShareFileVersionBlake3);
  return Blake3Stream(state.first<Blake3Stream::kStateBytes>());
}

}  // namespace

FileTag::FileTag(std::uint8_t version, const share::SetId& set_id, std::uint8_t threshold,
                 std::uint64_t secret_bytes)
    : hash_(MakeHash(version, hash_state_.span())), expected_(secret_bytes) {
  const std::string_view domain = FileTagDomain(version);
  std::uint8_t prefix[1 + 8];
  prefix[0] = threshold;
  for (int i = 0; i < 8; ++i) {
    prefix[1 + i] = static_cast<std::uint8_t>(secret_bytes >> (56 - 8 * i));
  }
  std::visit(
      [&](auto& h) {
        h.Update(std::span(reinterpret_cast<const std::uint8_t*>(domain.data()), domain.size()));
        h.Update(set_id);
        h.Update(prefix);
      },
      hash_);
}

void FileTag::Update(std::span<const std::uint8_t> secret_chunk) {
  KR_CHECK(!finished_ && secret_chunk.size() <= expected_ - seen_);
  seen_ += secret_chunk.size();
  std::visit([&](auto& h) { h.Update(secret_chunk); }, hash_);
}

secmem::SecureBytes FileTag::Finish() {
  KR_CHECK(!finished_ && seen_ == expected_);
  finished_ = true;
  secmem::SecureBytes digest(32);
  std::visit([&](auto& h) { h.Final(digest.span().first<32>()); }, hash_);
  return digest.Slice(0, kFileTagBytes);
}

}  // namespace keyrite::stream
