#pragma once
// The chunks of a snapshot whose header and signature already checked out: each encrypted chunk
// against its signed digest (public), and, with the key, all of them decrypted in order into a
// MemberDemux (plaintext only in locked buffers). Two threads share the work: without a key both
// take batches of chunk digests (digest_work.h); with one, this thread decrypts into a small
// locked ring and the other hashes the members from it, and whichever would wait checks chunk
// digests instead (only after a failure, to name it), so both cores stay busy. Errors name the
// chunk.

#include <cstdint>
#include <string>

#include "base/status.h"
#include "snapshot/crypto.h"
#include "snapshot/format.h"
#include "snapshot/member_demux.h"

namespace keyrite::snapshot {

// Where the chunks are: borrowed from the open snapshot for the length of one call.
struct ChunkSpan {
  int fd;
  const std::string& path;
  const Header& header;
  std::uint64_t header_bytes;
  const Digest& header_digest;
};

// Every chunk against its signed digest; the first altered chunk is named.
Status CheckChunkDigests(const ChunkSpan& span);

// Every chunk decrypted (and so authenticated) and fed to `demux` (its sink runs on the second
// thread, one call at a time). The chunk digests are not hashed again when every chunk decrypts
// (see chunks.cpp); when one fails, the digests up to it are checked, and an altered chunk is
// reported before the decryption failure it caused.
Status CheckAndDecryptChunks(const ChunkSpan& span, StreamPull& pull, MemberDemux& demux);

}  // namespace keyrite::snapshot
