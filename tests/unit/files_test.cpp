// Tests for lib/io/files.h: exclusive creation, modes, atomic replace, bounded secret reads.

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "io/files.h"

namespace keyrite::io {
namespace {

class FilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "keyrite-files-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& name) const { return dir_ + "/" + name; }
  static unsigned Mode(const std::string& p) {
    struct stat st {};
    stat(p.c_str(), &st);
    return st.st_mode & 0777;
  }
  static std::string Read(const std::string& p) {
    std::ifstream f(p);
    return {std::istreambuf_iterator<char>(f), {}};
  }
  std::string dir_;
};

TEST_F(FilesTest, NewSecretFileIs0600AndNeverOverwritten) {
  ASSERT_TRUE(WriteNewFile(Path("a"), std::string_view("one"), FileMode::kSecret).ok());
  EXPECT_EQ(Mode(Path("a")), 0600u);
  const Status again = WriteNewFile(Path("a"), std::string_view("two"), FileMode::kSecret);
  EXPECT_EQ(again.kind(), ErrorKind::kExists);
  EXPECT_EQ(Read(Path("a")), "one");
}

TEST_F(FilesTest, PublicFileIs0644EvenUnderAStrictUmask) {
  const mode_t old = umask(077);
  ASSERT_TRUE(WriteNewFile(Path("p"), std::string_view("x"), FileMode::kPublic).ok());
  umask(old);
  EXPECT_EQ(Mode(Path("p")), 0644u);
}

TEST_F(FilesTest, DoesNotFollowAPlantedSymlink) {
  ASSERT_EQ(symlink(Path("target").c_str(), Path("link").c_str()), 0);
  EXPECT_FALSE(WriteNewFile(Path("link"), std::string_view("x"), FileMode::kSecret).ok());
  EXPECT_FALSE(PathExists(Path("target")));
}

TEST_F(FilesTest, ReplaceIsAtomicAndLeavesNoTempFiles) {
  const std::vector<std::uint8_t> v1 = {'1'}, v2 = {'2', '2'};
  ASSERT_TRUE(ReplaceFile(Path("state"), v1, FileMode::kPublic).ok());
  ASSERT_TRUE(ReplaceFile(Path("state"), v2, FileMode::kPublic).ok());
  EXPECT_EQ(Read(Path("state")), "22");
  EXPECT_EQ(*ListDirectory(dir_), std::vector<std::string>{"state"});
}

TEST_F(FilesTest, ReadSecretFileBoundsAndErrors) {
  ASSERT_TRUE(WriteNewFile(Path("s"), std::string_view("12345"), FileMode::kSecret).ok());
  auto ok = ReadSecretFile(Path("s"), 5);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->view(), "12345");
  auto big = ReadSecretFile(Path("s"), 4);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().kind(), ErrorKind::kInvalidInput);
  EXPECT_NE(big.status().message().find("larger than 4 bytes"), std::string::npos);
  EXPECT_EQ(ReadSecretFile(Path("missing"), 10).status().kind(), ErrorKind::kNotFound);
  EXPECT_EQ(ReadSecretFile(dir_, 10).status().kind(), ErrorKind::kInvalidInput);
  auto empty_file = WriteNewFile(Path("e"), std::string_view(""), FileMode::kSecret);
  ASSERT_TRUE(empty_file.ok());
  EXPECT_TRUE(ReadSecretFile(Path("e"), 10)->empty());
}

// A secret is read into a pool slot of kPoolMaxBytes first and moved to a buffer of the limit
// only when that slot fills: every size around both edges reads exactly, or is refused.
TEST_F(FilesTest, ReadSecretFileIsExactAroundThePoolSlotAndTheLimit) {
  const std::size_t slot = secmem::kPoolMaxBytes;
  std::string bytes(3 * slot, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 131 + 7);
  for (const std::size_t size : {slot - 1, slot, slot + 1, 2 * slot, 2 * slot + 1}) {
    const std::string name = "s" + std::to_string(size);
    ASSERT_TRUE(WriteNewFile(Path(name), std::string_view(bytes).substr(0, size),
                             FileMode::kSecret).ok());
    for (const std::size_t limit : {slot - 1, slot, slot + 1, 2 * slot, 3 * slot}) {
      SCOPED_TRACE(std::to_string(size) + " bytes, limit " + std::to_string(limit));
      const Result<secmem::SecureBytes> read = ReadSecretFile(Path(name), limit);
      if (size > limit) {
        ASSERT_FALSE(read.ok());
        EXPECT_EQ(read.status().kind(), ErrorKind::kInvalidInput);
        EXPECT_NE(read.status().message().find("larger than " + std::to_string(limit) + " bytes"),
                  std::string::npos);
      } else {
        ASSERT_TRUE(read.ok()) << read.status().message();
        EXPECT_EQ(read->view(), std::string_view(bytes).substr(0, size));
      }
    }
  }
}

TEST_F(FilesTest, MakeDirectoryRefusesAnExistingOne) {
  ASSERT_TRUE(MakeDirectory(Path("d")).ok());
  EXPECT_EQ(Mode(Path("d")), 0700u);
  EXPECT_EQ(MakeDirectory(Path("d")).kind(), ErrorKind::kExists);
}

TEST(JoinPath, AddsOneSlash) {
  EXPECT_EQ(JoinPath("a", "b"), "a/b");
  EXPECT_EQ(JoinPath("a/", "b"), "a/b");
}

}  // namespace
}  // namespace keyrite::io
