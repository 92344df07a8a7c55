#pragma once
// Internal to lib/stream: buffer sizing, the one place a secret-derived verdict becomes a branch,
// and small helpers shared by split and combine. Weights use public x coordinates only.

#include <cstddef>
#include <cstdint>
#include <span>

namespace keyrite::stream::internal {

// Work is done a tile at a time so the operands of one GF(2^8) pass stay in the L1 cache.
inline constexpr std::size_t kTileBytes = 4096;
// All chunk windows together (ChunkBuffers) stay within this, three huge pages (plus at most 254
// tiles of coefficients). Chunks
// of 1 MiB make the writes and reads of direct I/O large enough that the kernel's cost per
// request no longer shows: at 256 KiB the same direct writes cost about four times the system
// time (docs/performance.md).
inline constexpr std::size_t kBufferBudget = std::size_t{6} << 20;
inline constexpr std::size_t kMaxChunkBytes = std::size_t{1} << 20;

// Bytes per stream per chunk when `streams` buffers of a chunk are held at once: a multiple of
// kTileBytes, at least one tile, at most kMaxChunkBytes.
std::size_t ChunkBytes(std::size_t streams);

// The pass or fail of a check on secret data is public (the user is told); everything before it
// is constant time. Every such verdict in lib/stream goes through here.
bool Reveal(bool secret_bit);

// The Lagrange basis polynomial of xs[i] evaluated at `at`; xs distinct.
std::uint8_t LagrangeWeight(std::span<const std::uint8_t> xs, std::size_t i, std::uint8_t at);

// The OR of all bytes: zero exactly when every byte is zero. No branch on the bytes.
std::uint8_t OrOfBytes(std::span<const std::uint8_t> bytes);

}  // namespace keyrite::stream::internal
