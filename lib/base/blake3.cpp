// BLAKE3 as the paper describes it: 1024-byte chunks hashed with the compression function, their
// chaining values merged pairwise by parent nodes into a binary tree, the root compressed with the
// ROOT flag for as many 64-byte output blocks as asked for. The tree is built on a stack of
// subtree chaining values, merged as soon as a subtree is complete; since a chunk or subtree is
// only finished once more input is known to follow, none of them can be the root.
// With a SIMD engine, whole chunks of a large Update are hashed straight from the input in
// aligned batches of up to 256 chunks (a complete subtree), whose parents are also compressed
// side by side; only the one chaining value of the batch goes onto the stack.

#include "base/blake3.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <new>

#include "base/check.h"

namespace keyrite {
namespace {

constexpr std::size_t kBlock = 64;
constexpr std::size_t kChunk = 1024;
constexpr std::size_t kBlocksPerChunk = kChunk / kBlock;
constexpr std::size_t kMaxBatch = 256;  // chunks hashed as one subtree by the SIMD engines
constexpr int kMaxBatchLevel = 8;

// The paper, section 2.3: the flags of the compression function.
constexpr std::uint8_t kChunkStart = 1;
constexpr std::uint8_t kChunkEnd = 2;
constexpr std::uint8_t kParent = 4;
constexpr std::uint8_t kRoot = 8;
constexpr std::uint8_t kKeyedHash = 16;

using internal::kBlake3Iv;
using internal::kBlake3Schedule;

// State layout: key words, the chunk's chaining value, the block buffer, the stack.
constexpr std::size_t kKeyOffset = 0;
constexpr std::size_t kCvOffset = 32;
constexpr std::size_t kBufferOffset = 64;
constexpr std::size_t kStackOffset = 128;
static_assert(kStackOffset + Blake3Stream::kMaxStack * 32 == Blake3Stream::kStateBytes);

// Frames to wipe below Update and Final: the portable compression's (a few hundred bytes), and,
// after a wide batch, the batch's chaining values (8 KiB) with the SIMD routine's frame.
constexpr std::size_t kFrameBytes = 4096;
constexpr std::size_t kWideFrameBytes = 20480;

inline std::uint32_t Rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

inline std::uint32_t Load32(const std::uint8_t* p) {
  return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
         static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

inline void Store32(std::uint8_t* p, std::uint32_t x) {
  p[0] = static_cast<std::uint8_t>(x);
  p[1] = static_cast<std::uint8_t>(x >> 8);
  p[2] = static_cast<std::uint8_t>(x >> 16);
  p[3] = static_cast<std::uint8_t>(x >> 24);
}

inline void G(std::uint32_t* v, int a, int b, int c, int d, std::uint32_t x, std::uint32_t y) {
  v[a] = v[a] + v[b] + x;
  v[d] = Rotr(v[d] ^ v[a], 16);
  v[c] = v[c] + v[d];
  v[b] = Rotr(v[b] ^ v[c], 12);
  v[a] = v[a] + v[b] + y;
  v[d] = Rotr(v[d] ^ v[a], 8);
  v[c] = v[c] + v[d];
  v[b] = Rotr(v[b] ^ v[c], 7);
}

// The seven rounds on v (the paper, section 2.2); the caller forms the output from v.
inline void Rounds(std::uint32_t v[16], const std::uint32_t cv[8], const std::uint8_t block[64],
                   std::uint64_t counter, std::uint32_t block_len, std::uint32_t flags) {
  std::uint32_t m[16];
  for (int i = 0; i < 16; ++i) m[i] = Load32(block + 4 * i);
  for (int i = 0; i < 8; ++i) v[i] = cv[i];
  for (int i = 0; i < 4; ++i) v[8 + i] = kBlake3Iv[i];
  v[12] = static_cast<std::uint32_t>(counter);
  v[13] = static_cast<std::uint32_t>(counter >> 32);
  v[14] = block_len;
  v[15] = flags;
  for (int r = 0; r < 7; ++r) {
    const std::uint8_t* s = kBlake3Schedule.at[r];
    G(v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
    G(v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
    G(v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
    G(v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
    G(v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
    G(v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
    G(v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
    G(v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
  }
}

// The compression function truncated to the chaining value, updating cv in place.
inline void CompressInPlace(std::uint32_t cv[8], const std::uint8_t block[64],
                            std::uint64_t counter, std::uint32_t block_len, std::uint32_t flags) {
  std::uint32_t v[16];
  Rounds(v, cv, block, counter, block_len, flags);
  for (int i = 0; i < 8; ++i) cv[i] = v[i] ^ v[i + 8];
}

// The full 64-byte output of the compression function (for the root's output blocks).
void CompressXof(const std::uint32_t cv[8], const std::uint8_t block[64], std::uint64_t counter,
                 std::uint32_t block_len, std::uint32_t flags, std::uint8_t out[64]) {
  std::uint32_t v[16];
  Rounds(v, cv, block, counter, block_len, flags);
  for (int i = 0; i < 8; ++i) {
    Store32(out + 4 * i, v[i] ^ v[i + 8]);
    Store32(out + 32 + 4 * i, v[i + 8] ^ cv[i]);
  }
}

void WordsToBytes(const std::uint32_t w[8], std::uint8_t out[32]) {
  for (int i = 0; i < 8; ++i) Store32(out + 4 * i, w[i]);
}

void BytesToWords(const std::uint8_t in[32], std::uint32_t w[8]) {
  for (int i = 0; i < 8; ++i) w[i] = Load32(in + 4 * i);
}

// The chaining value of a parent node whose block is left || right (64 contiguous bytes).
void ParentCv(const std::uint32_t key[8], const std::uint8_t block[64], std::uint8_t flags,
              std::uint32_t out[8]) {
  std::copy(key, key + 8, out);
  CompressInPlace(out, block, 0, kBlock, flags | kParent);
}

using ManyFn = void (*)(const std::uint8_t* const*, std::size_t, std::size_t, const std::uint32_t*,
                        std::uint64_t, bool, std::uint8_t, std::uint8_t, std::uint8_t,
                        std::uint8_t*);

struct Simd {
  int lanes;  // 0: none
  ManyFn many;
  const char* name;
};

Simd BestSimd() {
  static const Simd best = [] {
    if (internal::Blake3Avx512Supported()) {
      return Simd{16, &internal::Blake3ManyAvx512, "avx512"};
    }
    if (internal::Blake3Avx2Supported()) return Simd{8, &internal::Blake3ManyAvx2, "avx2"};
    return Simd{0, nullptr, "portable"};
  }();
  return best;
}

std::uint32_t* Words(Blake3Stream::State s, std::size_t offset) {
  return std::launder(reinterpret_cast<std::uint32_t*>(s.data() + offset));
}

}  // namespace

const char* Blake3Stream::BestEngineName() { return BestSimd().name; }

Blake3Stream::Blake3Stream(State state, Engine engine)
    : state_(state), engine_(engine == Engine::kBest ? BestSimd().lanes : 0) {
  KR_CHECK(reinterpret_cast<std::uintptr_t>(state.data()) % kStateAlign == 0);
  std::memcpy(Words(state_, kKeyOffset), kBlake3Iv, sizeof kBlake3Iv);
  Start();
}

Blake3Stream::Blake3Stream(State state, std::span<const std::uint8_t, kKeyBytes> key, Engine engine)
    : state_(state), engine_(engine == Engine::kBest ? BestSimd().lanes : 0), flags_(kKeyedHash) {
  KR_CHECK(reinterpret_cast<std::uintptr_t>(state.data()) % kStateAlign == 0);
  BytesToWords(key.data(), Words(state_, kKeyOffset));
  Start();
}

// Everything but the key: an empty chunk 0 and an empty stack.
void Blake3Stream::Start() {
  sodium_memzero(state_.data() + kCvOffset, kStateBytes - kCvOffset);
  std::memcpy(Words(state_, kCvOffset), Words(state_, kKeyOffset), 32);
  chunk_counter_ = 0;
  blocks_done_ = 0;
  block_len_ = 0;
  stack_len_ = 0;
}

// Pushes the chaining value of a complete subtree of 2^level chunks that is not the last one,
// merging it with the stack's complete left siblings (the paper, section 5.1.2).
void Blake3Stream::PushCv(const std::uint32_t cv[8], int level) {
  const std::uint32_t* key = Words(state_, kKeyOffset);
  std::uint8_t* stack = state_.data() + kStackOffset;
  KR_CHECK(stack_len_ < kMaxStack);
  WordsToBytes(cv, stack + 32 * stack_len_);
  ++stack_len_;
  chunk_counter_ += std::uint64_t{1} << level;
  // Each trailing zero bit of the count above this level is one completed parent.
  for (std::uint64_t total = chunk_counter_ >> level; (total & 1) == 0; total >>= 1) {
    std::uint32_t parent[8];
    ParentCv(key, stack + 32 * (stack_len_ - 2), flags_, parent);
    --stack_len_;
    WordsToBytes(parent, stack + 32 * (stack_len_ - 1));
  }
}

// The buffered chunk is full and more input follows: it is not the last chunk.
void Blake3Stream::PushChunkFromState() {
  std::uint32_t* cv = Words(state_, kCvOffset);
  CompressInPlace(cv, state_.data() + kBufferOffset, chunk_counter_, kBlock,
                  flags_ | (blocks_done_ == 0 ? kChunkStart : 0) | kChunkEnd);
  PushCv(cv, 0);
  std::memcpy(cv, Words(state_, kKeyOffset), 32);
  blocks_done_ = 0;
  block_len_ = 0;
}

// Appends to the current chunk (data fits in it). A full block stays in the buffer until more
// bytes follow, since the chunk's last block takes the CHUNK_END flag.
void Blake3Stream::AbsorbIntoChunk(std::span<const std::uint8_t> data) {
  std::uint8_t* buffer = state_.data() + kBufferOffset;
  while (!data.empty()) {
    if (block_len_ == kBlock) {
      CompressInPlace(Words(state_, kCvOffset), buffer, chunk_counter_, kBlock,
                      flags_ | (blocks_done_ == 0 ? kChunkStart : 0));
      ++blocks_done_;
      block_len_ = 0;
    }
    const std::size_t take = std::min(kBlock - block_len_, data.size());
    std::memcpy(buffer + block_len_, data.data(), take);
    block_len_ += take;
    data = data.subspan(take);
  }
}

// Whole chunks straight from the input, all followed by more input; the chunk state is empty.
__attribute__((noinline)) void Blake3Stream::HashWholeChunks(const std::uint8_t* data,
                                                             std::size_t chunks) {
  const std::uint32_t* key = Words(state_, kKeyOffset);
  const Simd simd = BestSimd();
  const std::size_t lanes = static_cast<std::size_t>(engine_);
  while (chunks > 0) {
    if (lanes == 0) {
      std::uint32_t cv[8];
      std::copy(key, key + 8, cv);
      for (std::size_t b = 0; b < kBlocksPerChunk; ++b) {
        CompressInPlace(
            cv, data + kBlock * b, chunk_counter_, kBlock,
            flags_ | (b == 0 ? kChunkStart : 0) | (b == kBlocksPerChunk - 1 ? kChunkEnd : 0));
      }
      PushCv(cv, 0);
      data += kChunk;
      --chunks;
      continue;
    }
    // The largest aligned power-of-two batch that is a complete subtree of the tree.
    int level = kMaxBatchLevel;
    while (level > 0 && ((chunk_counter_ & ((std::uint64_t{1} << level) - 1)) != 0 ||
                         (std::size_t{1} << level) > chunks)) {
      --level;
    }
    std::size_t batch = std::size_t{1} << level;
    const bool subtree = batch >= lanes;
    if (!subtree) {  // up to the next multiple of the lanes, each chunk pushed on its own
      batch = std::min(chunks, lanes - static_cast<std::size_t>(chunk_counter_ % lanes));
    }
    alignas(64) std::uint8_t cvs[kMaxBatch * 32];
    const std::uint8_t* inputs[16];
    for (std::size_t done = 0; done < batch; done += lanes) {
      const std::size_t n = std::min(lanes, batch - done);
      for (std::size_t i = 0; i < lanes; ++i) inputs[i] = data + kChunk * (done + (i < n ? i : 0));
      simd.many(inputs, n, kBlocksPerChunk, key, chunk_counter_ + done, true, flags_, kChunkStart,
                kChunkEnd, cvs + 32 * done);
    }
    if (subtree) {
      // Parents level by level: parent i's block is the chaining values 2i and 2i + 1.
      for (std::size_t count = batch; count > 1; count /= 2) {
        for (std::size_t done = 0; done < count / 2; done += lanes) {
          const std::size_t n = std::min(lanes, count / 2 - done);
          for (std::size_t i = 0; i < lanes; ++i) inputs[i] = cvs + 64 * (done + (i < n ? i : 0));
          simd.many(inputs, n, 1, key, 0, false, flags_ | kParent, 0, 0, cvs + 32 * done);
        }
      }
      std::uint32_t cv[8];
      BytesToWords(cvs, cv);
      PushCv(cv, level);
    } else {
      for (std::size_t i = 0; i < batch; ++i) {
        std::uint32_t cv[8];
        BytesToWords(cvs + 32 * i, cv);
        PushCv(cv, 0);
      }
    }
    sodium_memzero(cvs, 32 * batch);
    data += kChunk * batch;
    chunks -= batch;
  }
}

void Blake3Stream::Update(std::span<const std::uint8_t> data) {
  bool wide = false;
  while (!data.empty()) {
    if (ChunkLength() == kChunk) PushChunkFromState();
    if (ChunkLength() == 0 && data.size() > kChunk) {
      const std::size_t chunks = (data.size() - 1) / kChunk;  // keep at least one byte back
      HashWholeChunks(data.data(), chunks);
      wide = wide || engine_ != 0;
      data = data.subspan(chunks * kChunk);
    }
    const std::size_t take = std::min(kChunk - ChunkLength(), data.size());
    AbsorbIntoChunk(data.first(take));
    data = data.subspan(take);
  }
  sodium_stackzero(wide ? kWideFrameBytes : kFrameBytes);
}

void Blake3Stream::Final(std::span<std::uint8_t> out) {
  const std::uint32_t* key = Words(state_, kKeyOffset);
  std::uint8_t* buffer = state_.data() + kBufferOffset;
  std::uint8_t* stack = state_.data() + kStackOffset;
  // The root node: its input chaining value, block, block length and flags. The buffer's unused
  // bytes are zero (Start() and the memset below), as the last block's padding must be.
  std::uint32_t root_cv[8];
  alignas(16) std::uint8_t root_block[kBlock];
  std::memset(buffer + block_len_, 0, kBlock - block_len_);
  std::memcpy(root_cv, Words(state_, kCvOffset), 32);
  std::memcpy(root_block, buffer, kBlock);
  std::uint64_t root_counter = chunk_counter_;
  std::uint32_t root_len = static_cast<std::uint32_t>(block_len_);
  std::uint8_t root_flags = flags_ | (blocks_done_ == 0 ? kChunkStart : 0) | kChunkEnd;
  // Merge the last chunk with the stack from the top down; the bottom merge is the root.
  for (std::size_t i = stack_len_; i > 0; --i) {
    CompressInPlace(root_cv, root_block, root_counter, root_len, root_flags);
    std::memcpy(root_block, stack + 32 * (i - 1), 32);
    WordsToBytes(root_cv, root_block + 32);
    std::copy(key, key + 8, root_cv);
    root_counter = 0;
    root_len = kBlock;
    root_flags = flags_ | kParent;
  }
  std::uint8_t block_out[kBlock];
  for (std::uint64_t t = 0; t * kBlock < out.size(); ++t) {
    CompressXof(root_cv, root_block, t, root_len, root_flags | kRoot, block_out);
    const std::size_t at = static_cast<std::size_t>(t) * kBlock;
    std::memcpy(out.data() + at, block_out, std::min(kBlock, out.size() - at));
  }
  sodium_memzero(root_cv, sizeof root_cv);
  sodium_memzero(root_block, sizeof root_block);
  sodium_memzero(block_out, sizeof block_out);
  Start();
  sodium_stackzero(kFrameBytes);
}

std::array<std::uint8_t, 32> Blake3Stream::Final() {
  std::array<std::uint8_t, 32> out{};
  Final(out);
  return out;
}

}  // namespace keyrite
