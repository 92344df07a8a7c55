#include "snapshot/member_demux.h"

#include <algorithm>

namespace keyrite::snapshot {

Status MemberDemux::Feed(std::span<const std::uint8_t> plain) {
  KR_RETURN_IF_ERROR(SkipEmptyMembers());
  while (!plain.empty()) {
    if (index_ == header_.members.size()) return Corrupt("more plaintext than the members hold");
    const Member& m = header_.members[index_];
    const std::size_t n =
        static_cast<std::size_t>(std::min<std::uint64_t>(plain.size(), m.size - read_));
    read_ += n;
    KR_RETURN_IF_ERROR(Deliver(plain.first(n), read_ == m.size));
    plain = plain.subspan(n);
    if (read_ == m.size) {
      KR_RETURN_IF_ERROR(CompleteMember());
      KR_RETURN_IF_ERROR(SkipEmptyMembers());
    }
  }
  return OkStatus();
}

Status MemberDemux::Finish() {
  KR_RETURN_IF_ERROR(SkipEmptyMembers());
  if (index_ != header_.members.size()) {
    const Member& m = header_.members[index_];
    return Corrupt("member " + std::to_string(index_ + 1) + " '" + m.name + "': size mismatch");
  }
  return OkStatus();
}

Status MemberDemux::Deliver(std::span<const std::uint8_t> piece, bool last) {
  sha_.Update(piece);
  if (!sink_) return OkStatus();
  return sink_(header_.members[index_], piece, last);
}

Status MemberDemux::CompleteMember() {
  const Member& m = header_.members[index_];
  if (sha_.Final() != m.sha256) {
    return Corrupt("member " + std::to_string(index_ + 1) + " '" + m.name +
                   "': SHA-256 mismatch (the plaintext differs from the header)");
  }
  ++index_;
  read_ = 0;
  return OkStatus();
}

Status MemberDemux::SkipEmptyMembers() {
  while (index_ < header_.members.size() && header_.members[index_].size == 0) {
    KR_RETURN_IF_ERROR(Deliver({}, true));
    KR_RETURN_IF_ERROR(CompleteMember());
  }
  return OkStatus();
}

}  // namespace keyrite::snapshot
