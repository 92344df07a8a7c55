#pragma once
// Blake3Stream: incremental BLAKE3 (as the BLAKE3 paper specifies it), plain and keyed hash,
// with extendable output. It hashes large inputs many chunks at a time on AVX-512 (16 chunks side
// by side) or AVX2 (8) when the CPU has them, one compression at a time otherwise; every engine
// gives the same output and none branches on or indexes by the data (BLAKE3 is add-rotate-xor).
// The state that depends on the input (the key, the chunk being hashed, the stack of subtree
// chaining values) lives in storage the caller lends for the object's life, as for Sha256Stream:
// secret inputs lend locked memory (a secmem::SecureBytes of kStateBytes), public ones an array.
// Only lengths, which are public, are kept in the object.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace keyrite {

class Blake3Stream {
 public:
  static constexpr std::size_t kKeyBytes = 32;
  static constexpr std::size_t kMaxStack = 54;  // 2^64 bytes are 2^54 chunks
  // The key words, the chunk's chaining value, its block buffer and the chaining-value stack.
  static constexpr std::size_t kStateBytes = 32 + 32 + 64 + kMaxStack * 32;
  static constexpr std::size_t kStateAlign = 16;
  using State = std::span<std::uint8_t, kStateBytes>;
  enum class Engine { kBest, kPortable };  // kPortable (one compression at a time) is for tests

  explicit Blake3Stream(State state, Engine engine = Engine::kBest);
  // The keyed hash mode (a MAC / PRF keyed by 32 bytes); the key is copied into the state.
  Blake3Stream(State state, std::span<const std::uint8_t, kKeyBytes> key,
               Engine engine = Engine::kBest);

  void Update(std::span<const std::uint8_t> data);
  // The first out.size() bytes of the extendable output of everything since the start (32 is the
  // usual digest; shorter outputs are prefixes of longer ones). The input state is wiped and the
  // object starts over with the same mode and key.
  void Final(std::span<std::uint8_t> out);
  std::array<std::uint8_t, 32> Final();

  // "avx512", "avx2" or "portable": the engine kBest picks on this CPU; asked once.
  static const char* BestEngineName();

 private:
  void Start();
  void PushChunkFromState();
  void HashWholeChunks(const std::uint8_t* data, std::size_t chunks);
  void PushCv(const std::uint32_t cv[8], int level);
  void AbsorbIntoChunk(std::span<const std::uint8_t> data);
  std::size_t ChunkLength() const { return blocks_done_ * 64 + block_len_; }

  State state_;
  int engine_ = 0;                   // 0 portable, else the lanes of the SIMD engine
  std::uint8_t flags_ = 0;           // the mode's flag (0 or KEYED_HASH)
  std::uint64_t chunk_counter_ = 0;  // chunks whose chaining values were pushed
  std::size_t blocks_done_ = 0;      // blocks of the current chunk already compressed
  std::size_t block_len_ = 0;        // bytes in the block buffer
  std::size_t stack_len_ = 0;
};

namespace internal {

// The IV is SHA-256's initial hash value (the paper, section 2.2).
inline constexpr std::uint32_t kBlake3Iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                               0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

// Round r reads message word kBlake3Schedule.at[r][i] where round 0 reads word i: the paper's
// message permutation applied r times. The indices are constants, never data.
struct Blake3Schedule {
  std::uint8_t at[7][16];
};

consteval Blake3Schedule MakeBlake3Schedule() {
  constexpr std::uint8_t kPermutation[16] = {2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8};
  Blake3Schedule s{};
  for (int i = 0; i < 16; ++i) s.at[0][i] = static_cast<std::uint8_t>(i);
  for (int r = 1; r < 7; ++r) {
    for (int i = 0; i < 16; ++i) s.at[r][i] = s.at[r - 1][kPermutation[i]];
  }
  return s;
}

inline constexpr Blake3Schedule kBlake3Schedule = MakeBlake3Schedule();

// The SIMD engines (blake3_avx512.cpp, blake3_avx2.cpp): hash n <= lanes inputs side by side,
// each `blocks` 64-byte blocks long, from the chaining value `key`. Input i uses the counter
// counter + i (or counter, if !increment); the first block adds flags_start, the last flags_end.
// Writes the 32-byte chaining value of input i at out + 32 i. Wipes nothing: the caller wipes the
// stack frame after it returns.
void Blake3ManyAvx512(const std::uint8_t* const* inputs, std::size_t n, std::size_t blocks,
                      const std::uint32_t key[8], std::uint64_t counter, bool increment,
                      std::uint8_t flags, std::uint8_t flags_start, std::uint8_t flags_end,
                      std::uint8_t* out);
void Blake3ManyAvx2(const std::uint8_t* const* inputs, std::size_t n, std::size_t blocks,
                    const std::uint32_t key[8], std::uint64_t counter, bool increment,
                    std::uint8_t flags, std::uint8_t flags_start, std::uint8_t flags_end,
                    std::uint8_t* out);
bool Blake3Avx512Supported();
bool Blake3Avx2Supported();

}  // namespace internal
}  // namespace keyrite
