#pragma once
// MemberDemux: splits the decrypted stream of a snapshot back into its members, checks each
// member's SHA-256 against the header, and hands each piece to the caller's sink. The pieces are
// secret and borrowed for the call only; the hash state is locked and wiped.

#include <span>

#include "snapshot/crypto.h"
#include "snapshot/snapshot.h"

namespace keyrite::snapshot {

class MemberDemux {
 public:
  // `sink` may be null (a test verify: nothing leaves).
  MemberDemux(const Header& header, const MemberSink& sink) : header_(header), sink_(sink) {}

  // The next plaintext bytes, in stream order.
  Status Feed(std::span<const std::uint8_t> plain);
  // After the last chunk: every member must be complete.
  Status Finish();

 private:
  Status Deliver(std::span<const std::uint8_t> piece, bool last);
  Status CompleteMember();
  Status SkipEmptyMembers();

  const Header& header_;
  const MemberSink& sink_;
  std::size_t index_ = 0;
  std::uint64_t read_ = 0;
  SecretSha256 sha_;
};

}  // namespace keyrite::snapshot
