// Tests for lib/stream/direct_io.h and the direct-I/O fallback of file_io.h: whatever the sizes
// and offsets, a BlockWriter's file holds exactly the bytes committed and a BlockReader returns
// exactly the file's bytes; on a file system with direct I/O and on one without (tmpfs).

#include "stream/direct_io.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "base/rng.h"

namespace keyrite::stream {
namespace {

namespace fs = std::filesystem;
using Bytes = std::vector<std::uint8_t>;

Bytes Random(std::size_t size, std::uint64_t seed) {
  Bytes b(size);
  SeededRng(seed).Fill(b);
  return b;
}

Bytes ReadBytes(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(f), {});
}

void WriteBytes(const std::string& path, const Bytes& data) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
}

// Runs each test in a directory on the test's disk and, where there is one, on a tmpfs.
class DirectIoTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    const std::string base = GetParam() == "disk" ? ::testing::TempDir() : "/dev/shm/";
    if (!fs::is_directory(base)) GTEST_SKIP() << base << " is not there";
    std::string pattern = base + "keyrite_direct_XXXXXX";
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  fs::path dir_;
};

TEST_P(DirectIoTest, WriterFileHoldsExactlyTheCommittedBytes) {
  constexpr std::size_t kChunk = 64 * 1024;
  // Sizes that end on, before and after block and chunk boundaries, from a 32-byte header on.
  const std::vector<std::size_t> pieces = {32,   kChunk, kChunk - 32, 1,    4095,  4096,
                                           4097, kChunk, 0,           7000, kChunk};
  ChunkBuffers buffers(1, kChunk);
  Result<BlockWriter> w = BlockWriter::Create(Path("out"), buffers.Window(0));
  ASSERT_TRUE(w.ok()) << w.status().message();
  Bytes expected;
  std::uint64_t seed = 1;
  for (const std::size_t n : pieces) {
    const Bytes piece = Random(n, seed++);
    ASSERT_GE(w->Room().size(), kChunk);
    if (seed % 2 == 0) {
      ASSERT_TRUE(w->Append(piece).ok());
    } else {  // computed in place, as the split does
      std::copy(piece.begin(), piece.end(), w->Room().begin());
      ASSERT_TRUE(w->Commit(n).ok());
    }
    expected.insert(expected.end(), piece.begin(), piece.end());
  }
  EXPECT_FALSE(fs::exists(Path("out")));  // not before it is published
  ASSERT_TRUE(w->Publish().ok());
  EXPECT_EQ(ReadBytes(Path("out")), expected);
  EXPECT_EQ(fs::status(Path("out")).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
}

TEST_P(DirectIoTest, WriterThatIsNotPublishedLeavesNothing) {
  {
    ChunkBuffers buffers(1, 8192);
    Result<BlockWriter> w = BlockWriter::Create(Path("out"), buffers.Window(0));
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE(w->Append(Random(8192, 3)).ok());
    ASSERT_TRUE(w->Append(Random(100, 4)).ok());
  }
  EXPECT_TRUE(fs::is_empty(dir_));
}

TEST_P(DirectIoTest, ReaderReturnsTheFileFromAnyOffset) {
  constexpr std::size_t kChunk = 16 * 1024;
  for (const std::size_t size : {std::size_t{0}, std::size_t{31}, std::size_t{4096},
                                 std::size_t{100000}, std::size_t{3 * kChunk + 4096}}) {
    const Bytes file = Random(size, size + 1);
    const std::string path = Path("in" + std::to_string(size));
    WriteBytes(path, file);
    for (const std::uint64_t offset : {0u, 32u, 4095u, 4096u, 5000u}) {
      const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
      ASSERT_GE(fd, 0);
      ChunkBuffers buffers(1, kChunk);
      BlockReader reader(fd, offset, buffers.Window(0), path);
      Bytes got;
      // Uneven request sizes, including a whole chunk and nothing at all.
      const std::size_t steps[] = {kChunk, 1, 0, 4096, kChunk - 1, 777};
      for (std::size_t i = 0;; ++i) {
        const std::size_t want = steps[i % std::size(steps)];
        Result<std::span<const std::uint8_t>> r = reader.Next(want);
        ASSERT_TRUE(r.ok()) << r.status().message();
        got.insert(got.end(), r->begin(), r->end());
        if (r->size() < want) break;  // the end of the file
        ASSERT_LT(i, 1000u);
      }
      const Bytes rest(
          file.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(offset, size)),
          file.end());
      EXPECT_EQ(got, rest) << "size " << size << ", offset " << offset;
      EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 0) << "the descriptor's own offset moved";
      close(fd);
    }
  }
}

// Windows are aligned for direct I/O, as long as promised, disjoint and zero-filled; a set of a
// huge page or more is one mapping of whole huge pages that starts on one.
TEST(ChunkBuffers, WindowsAreAlignedDisjointAndOnHugePages) {
  for (const auto& [windows, chunk] : {std::pair<std::size_t, std::size_t>{1, 4096},
                                       {3, 64 * 1024},
                                       {5, std::size_t{1} << 20},
                                       {6, (std::size_t{1} << 20) - 8192}}) {
    ChunkBuffers buffers(windows, chunk);
    const std::size_t locked = ChunkBuffers::LockedBytes(windows, chunk);
    const std::size_t used = windows * (chunk + ChunkBuffers::kSlackBytes);
    EXPECT_GE(locked, used);
    if (used >= secmem::kHugePageBytes) {
      EXPECT_EQ(locked % secmem::kHugePageBytes, 0u);
      EXPECT_LT(locked - used, secmem::kHugePageBytes);
      EXPECT_EQ(reinterpret_cast<std::uintptr_t>(buffers.Window(0).data()) % secmem::kHugePageBytes,
                0u);
    } else {
      EXPECT_EQ(locked, used);
    }
    for (std::size_t i = 0; i < windows; ++i) {
      const std::span<std::uint8_t> w = buffers.Window(i);
      EXPECT_EQ(w.size(), chunk + ChunkBuffers::kSlackBytes);
      EXPECT_EQ(reinterpret_cast<std::uintptr_t>(w.data()) % kDirectIoAlign, 0u);
      EXPECT_TRUE(std::all_of(w.begin(), w.end(), [](std::uint8_t b) { return b == 0; }));
      std::fill(w.begin(), w.end(), static_cast<std::uint8_t>(i + 1));
    }
    for (std::size_t i = 0; i < windows; ++i) {
      const std::span<std::uint8_t> w = buffers.Window(i);
      EXPECT_TRUE(std::all_of(w.begin(), w.end(), [&](std::uint8_t b) { return b == i + 1; }))
          << "window " << i << " of " << windows << " overlaps another";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(FileSystems, DirectIoTest, ::testing::Values("disk", "tmpfs"));

// Where the file system offers direct I/O: an unaligned write first fails there, then the
// descriptor falls back to ordinary I/O and the bytes all arrive.
TEST(DirectIoFallback, UnalignedWriteFallsBackAndLosesNothing) {
  std::string pattern = ::testing::TempDir() + "keyrite_direct_XXXXXX";
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  const std::string path = pattern + "/f";
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  ASSERT_GE(fd, 0);
  TryDirectIo(fd);
  if (!UsesDirectIo(fd)) {
    close(fd);
    fs::remove_all(pattern);
    GTEST_SKIP() << "this file system does not offer direct I/O";
  }
  const Bytes data = Random(10001, 9);
  ASSERT_TRUE(WriteFull(fd, std::span(data).subspan(1), path).ok());  // odd address and length
  EXPECT_FALSE(UsesDirectIo(fd));
  close(fd);
  EXPECT_EQ(ReadBytes(path), Bytes(data.begin() + 1, data.end()));
  fs::remove_all(pattern);
}

}  // namespace
}  // namespace keyrite::stream
