// Tests for the stream module (file mode): round trips at the sizes around chunk boundaries,
// the payload being exactly Shamir(S || T) with T recomputed here from the documented
// definition (version 2 with the b3sum program where it is installed, version 1 with libsodium),
// the header bytes as docs/formats/share-file-v1.md lays them out, share files written by the
// keyrite before version 2 (tests/data/share-file-v1), every bad input the issue lists (each must
// fail with its kind and leave no file behind), and peak memory.

#include "stream/stream.h"

#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "base/blake3.h"
#include "base/hex.h"
#include "base/rng.h"
#include "shamir/shamir.h"
#include "stream/file_tag.h"
#include "stream/share_file_format.h"
#include "stream/stream_internal.h"

namespace keyrite::stream {
namespace {

namespace fs = std::filesystem;
using Bytes = std::vector<std::uint8_t>;

class StreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = ::testing::TempDir() + "keyrite_stream_XXXXXX";
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  // A file of `size` seeded random bytes; returns its content.
  Bytes MakeInput(const std::string& name, std::size_t size, std::uint64_t seed = 1) {
    Bytes data(size);
    SeededRng(seed).Fill(data);
    WriteBytes(Path(name), data);
    return data;
  }

  SplitFileReport Split(const std::string& name, std::uint8_t t, std::uint8_t n,
                        const std::string& out = "shares", std::uint64_t seed = 7,
                        std::uint8_t version = kShareFileVersion) {
    SeededRng rng(seed);
    Result<SplitFileReport> r = SplitFile(Path(name), t, n, Path(out), rng, version);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? std::move(r).value() : SplitFileReport{};
  }

  static void WriteBytes(const std::string& path, const Bytes& data) {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
  }

  static Bytes ReadBytes(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(f), {});
  }

  // Every entry of the test directory and its subdirectories, as relative names.
  std::vector<std::string> Listing() const {
    std::vector<std::string> names;
    for (const auto& e : fs::recursive_directory_iterator(dir_)) {
      names.push_back(fs::relative(e.path(), dir_).string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  fs::path dir_;
};

std::vector<std::string> Pick(const SplitFileReport& r, std::initializer_list<std::size_t> which) {
  std::vector<std::string> out;
  for (const std::size_t i : which) out.push_back(r.share_paths[i]);
  return out;
}

TEST_F(StreamTest, RoundTripsAroundChunkBoundaries) {
  // M = S || T (16 bytes of T) goes in chunks, the split's (5 shares + the input) and the
  // combine's (3 to 5 shares + 2) differing; direct I/O moves whole 4 KiB blocks.
  std::vector<std::size_t> sizes = {1, 4064, 4065, 4096, 65535, 65536, 65537};
  for (const std::size_t chunk : {internal::ChunkBytes(6), internal::ChunkBytes(5),
                                  internal::ChunkBytes(7)}) {
    for (const std::size_t m : {chunk - 1, chunk, chunk + 1, 2 * chunk, 2 * chunk + 4096}) {
      sizes.push_back(m - kFileTagBytes);
    }
  }
  for (const std::size_t size : sizes) {
    const std::string name = "in" + std::to_string(size);
    const Bytes input = MakeInput(name, size, size);
    const SplitFileReport r = Split(name, 3, 5, "shares" + std::to_string(size));
    ASSERT_EQ(r.share_paths.size(), 5u);
    EXPECT_EQ(r.secret_bytes, size);
    int k = 0;
    for (const auto& which : {Pick(r, {0, 1, 2}), Pick(r, {4, 0, 2}), Pick(r, {0, 1, 2, 3, 4})}) {
      const std::string out = Path(name + ".out" + std::to_string(k++));
      Result<CombineFileReport> c = CombineFiles(which, out);
      ASSERT_TRUE(c.ok()) << size << ": " << c.status().message();
      EXPECT_EQ(ReadBytes(out), input) << "size " << size;
      EXPECT_EQ(c->set_id, r.set_id);
      EXPECT_EQ(c->secret_bytes, size);
    }
  }
}

TEST_F(StreamTest, RoundTripsTwentyMebibytes) {
  const Bytes input = MakeInput("big", (20u << 20) + 17);
  const SplitFileReport r = Split("big", 2, 3);
  ASSERT_TRUE(CombineFiles(Pick(r, {2, 0}), Path("big.out")).ok());
  EXPECT_TRUE(ReadBytes(Path("big.out")) == input);
}

TEST_F(StreamTest, ThresholdOneAndThresholdEqualsCount) {
  const Bytes input = MakeInput("in", 5000);
  const SplitFileReport one = Split("in", 1, 3, "one");
  ASSERT_TRUE(CombineFiles(Pick(one, {1}), Path("out1")).ok());
  EXPECT_EQ(ReadBytes(Path("out1")), input);
  const SplitFileReport all = Split("in", 4, 4, "all");
  ASSERT_TRUE(CombineFiles(Pick(all, {3, 2, 1, 0}), Path("out4")).ok());
  EXPECT_EQ(ReadBytes(Path("out4")), input);
}

TEST_F(StreamTest, ExtremeThresholdsAndCounts) {
  const Bytes input = MakeInput("in", 9000);
  const SplitFileReport all = Split("in", 255, 255, "all");  // 255 terms: the most a pass takes
  ASSERT_EQ(all.share_paths.size(), 255u);
  std::vector<std::string> reversed(all.share_paths.rbegin(), all.share_paths.rend());
  ASSERT_TRUE(CombineFiles(reversed, Path("out255")).ok());
  EXPECT_EQ(ReadBytes(Path("out255")), input);
  const SplitFileReport wide = Split("in", 2, 255, "wide");
  ASSERT_TRUE(CombineFiles(Pick(wide, {254, 100}), Path("out2")).ok());
  EXPECT_EQ(ReadBytes(Path("out2")), input);
  const SplitFileReport single = Split("in", 1, 1, "single");
  ASSERT_TRUE(CombineFiles(single.share_paths, Path("out1")).ok());
  EXPECT_EQ(ReadBytes(Path("out1")), input);
}

// The input of T's hash, from the definition in share_file_format.h.
Bytes TagMessage(std::uint8_t version, const share::SetId& set_id, std::uint8_t threshold,
                 const Bytes& secret) {
  const std::string domain = "keyrite share-file v" + std::to_string(version);
  Bytes message(domain.begin(), domain.end());
  message.insert(message.end(), set_id.begin(), set_id.end());
  message.push_back(threshold);
  for (int i = 7; i >= 0; --i)
    message.push_back(static_cast<std::uint8_t>(secret.size() >> (8 * i)));
  message.insert(message.end(), secret.begin(), secret.end());
  return message;
}

// T in one piece: SHA-256 (libsodium) for version 1, BLAKE3 (base/blake3.h, one Update) for 2.
Bytes ExpectedTag(const share::SetId& set_id, std::uint8_t threshold, const Bytes& secret,
                  std::uint8_t version = kShareFileVersion) {
  const Bytes message = TagMessage(version, set_id, threshold, secret);
  Bytes digest(32);
  if (version == kShareFileVersionSha256) {
    crypto_hash_sha256(digest.data(), message.data(), message.size());
  } else {
    alignas(Blake3Stream::kStateAlign) std::uint8_t state[Blake3Stream::kStateBytes];
    Blake3Stream hash{std::span(state)};
    hash.Update(message);
    hash.Final(digest);
  }
  digest.resize(kFileTagBytes);
  return digest;
}

Bytes Payload(const Bytes& file) { return Bytes(file.begin() + kShareFileHeaderBytes, file.end()); }

TEST_F(StreamTest, PayloadIsShamirOfSecretAndTag) {
  const Bytes input = MakeInput("in", 70000);
  Bytes m = input;
  // Threshold 1: every payload is M itself.
  const SplitFileReport one = Split("in", 1, 2, "one");
  const Bytes tag_one = ExpectedTag(one.set_id, 1, input);
  m.insert(m.end(), tag_one.begin(), tag_one.end());
  EXPECT_TRUE(Payload(ReadBytes(one.share_paths[1])) == m);
  // Threshold 3: any three payloads interpolate (shamir::Interpolate) to S || T at x = 0.
  const SplitFileReport r = Split("in", 3, 5);
  const Bytes tag = ExpectedTag(r.set_id, 3, input);
  std::vector<shamir::Point> points;
  for (const std::size_t i : {1u, 3u, 4u}) {
    points.push_back({static_cast<std::uint8_t>(i + 1),
                      secmem::SecureBytes::CopyOf(Payload(ReadBytes(r.share_paths[i])))});
  }
  Result<secmem::SecureBytes> at_zero = shamir::Interpolate(points, 0);
  ASSERT_TRUE(at_zero.ok());
  Bytes expected = input;
  expected.insert(expected.end(), tag.begin(), tag.end());
  EXPECT_TRUE(Bytes(at_zero->span().begin(), at_zero->span().end()) == expected);
}

// Version 1 still splits exactly as before: its payload is Shamir(S || T) with T of SHA-256.
TEST_F(StreamTest, VersionOnePayloadIsShamirOfSecretAndSha256Tag) {
  const Bytes input = MakeInput("in", 5000);
  const SplitFileReport one = Split("in", 1, 2, "one", 7, kShareFileVersionSha256);
  EXPECT_EQ(one.version, 1);
  const Bytes file = ReadBytes(one.share_paths[0]);
  EXPECT_EQ(file[4], 1);
  Bytes m = input;
  const Bytes tag = ExpectedTag(one.set_id, 1, input, kShareFileVersionSha256);
  m.insert(m.end(), tag.begin(), tag.end());
  EXPECT_TRUE(Payload(file) == m);
  const SplitFileReport r = Split("in", 3, 4, "three", 7, kShareFileVersionSha256);
  Result<CombineFileReport> c = CombineFiles(Pick(r, {3, 0, 2}), Path("out"));
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->version, 1);
  EXPECT_EQ(ReadBytes(Path("out")), input);
}

// The BLAKE3 of T's input in one piece from the b3sum program: the tag of version 2 is checked
// against an implementation that is not keyrite's.
TEST_F(StreamTest, VersionTwoTagMatchesB3sum) {
  if (std::system("b3sum --version > /dev/null 2>&1") != 0) {
    GTEST_SKIP() << "b3sum is not installed (apt-get install b3sum)";
  }
  for (const std::size_t size : {1u, 986u, 987u, 5000u, 70000u}) {
    const Bytes input = MakeInput("in", size, size);
    const SplitFileReport one = Split("in", 1, 1, "one-" + std::to_string(size));
    const Bytes payload = Payload(ReadBytes(one.share_paths[0]));
    const Bytes tag(payload.end() - kFileTagBytes, payload.end());
    WriteBytes(Path("message"), TagMessage(2, one.set_id, 1, input));
    FILE* p = popen(("b3sum --no-names " + Path("message")).c_str(), "r");
    ASSERT_NE(p, nullptr);
    char line[128] = {};
    ASSERT_NE(std::fgets(line, sizeof line, p), nullptr);
    pclose(p);
    EXPECT_EQ(std::string(line).substr(0, 2 * kFileTagBytes), ToHex(tag)) << size;
  }
}

// Share files written by keyrite before version 2 (2-of-3 of the 5000 bytes i mod 251), kept in
// tests/data/share-file-v1: any two still give the file back.
TEST_F(StreamTest, CombinesSharesWrittenBeforeVersionTwo) {
  Bytes expected(5000);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    expected[i] = static_cast<std::uint8_t>(i % 251);
  }
  const std::string data = std::string(KEYRITE_TEST_DATA) + "/share-file-v1/secret.bin.share-";
  const std::vector<std::vector<std::string>> pairs = {
      {"1-of-3.krs", "2-of-3.krs"}, {"3-of-3.krs", "1-of-3.krs"}, {"2-of-3.krs", "3-of-3.krs"}};
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const std::string out = Path("out" + std::to_string(i));
    Result<CombineFileReport> r = CombineFiles({data + pairs[i][0], data + pairs[i][1]}, out);
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ(r->version, 1);
    EXPECT_EQ(ReadBytes(out), expected);
  }
}

TEST_F(StreamTest, HeaderBytesFollowTheFormatDocument) {
  MakeInput("in", 300);
  const SplitFileReport r = Split("in", 3, 5);
  EXPECT_EQ(r.version, 2);
  const Bytes file = ReadBytes(r.share_paths[1]);
  ASSERT_EQ(file.size(), 32u + 300u + 16u);
  EXPECT_EQ(std::string(file.begin(), file.begin() + 4), "KRSF");
  EXPECT_EQ(file[4], 2);  // version
  EXPECT_EQ(file[5], 3);  // threshold
  EXPECT_EQ(file[6], 2);  // index
  EXPECT_EQ(file[7], 0);  // reserved
  EXPECT_TRUE(std::equal(r.set_id.begin(), r.set_id.end(), file.begin() + 8));
  const Bytes length = {0, 0, 0, 0, 0, 0, 0x01, 0x3C};  // 316 big-endian
  EXPECT_TRUE(std::equal(length.begin(), length.end(), file.begin() + 16));
  std::uint8_t digest[32];
  crypto_hash_sha256(digest, file.data(), 24);
  EXPECT_TRUE(std::equal(digest, digest + 8, file.begin() + 24));
  EXPECT_EQ(fs::path(r.share_paths[1]).filename(), "in.share-2-of-5.krs");
  EXPECT_EQ(fs::status(r.share_paths[1]).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
}

TEST_F(StreamTest, SameSeedSameShares) {
  MakeInput("in", 10000);
  const SplitFileReport a = Split("in", 2, 3, "a", 5);
  const SplitFileReport b = Split("in", 2, 3, "b", 5);
  const SplitFileReport c = Split("in", 2, 3, "c", 6);
  EXPECT_EQ(ReadBytes(a.share_paths[0]), ReadBytes(b.share_paths[0]));
  EXPECT_NE(ReadBytes(a.share_paths[0]), ReadBytes(c.share_paths[0]));
}

// ---- bad input: each fails with its kind, names the file, and leaves nothing behind ----

class StreamBadInputTest : public StreamTest {
 protected:
  void SetUp() override {
    StreamTest::SetUp();
    input_ = MakeInput("in", 100000);
    report_ = Split("in", 3, 5);
    before_ = Listing();
  }

  // Combines `shares` into "out" expecting `kind`; then the directory must be as before.
  // Returns the message.
  std::string CombineFails(const std::vector<std::string>& shares, ErrorKind kind) {
    Result<CombineFileReport> r = CombineFiles(shares, Path("out"));
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.status().kind(), kind) << r.status().message();
    EXPECT_EQ(Listing(), before_) << "a file was left behind";
    return r.status().message();
  }

  // Rewrites share i's header with `edit` applied and a fresh checksum.
  void EditHeader(std::size_t i, void (*edit)(ShareFileHeader&)) {
    Bytes file = ReadBytes(report_.share_paths[i]);
    Result<ShareFileHeader> h = ParseShareFileHeader(file);
    ASSERT_TRUE(h.ok());
    edit(*h);
    const auto header = EncodeShareFileHeader(*h);
    std::copy(header.begin(), header.end(), file.begin());
    WriteBytes(report_.share_paths[i], file);
  }

  void FlipByte(std::size_t i, std::size_t offset) {
    Bytes file = ReadBytes(report_.share_paths[i]);
    file[offset] ^= 0x40;
    WriteBytes(report_.share_paths[i], file);
  }

  Bytes input_;
  SplitFileReport report_;
  std::vector<std::string> before_;
};

TEST_F(StreamBadInputTest, TruncatedShare) {
  fs::resize_file(report_.share_paths[1], fs::file_size(report_.share_paths[1]) - 1);
  const std::string s = CombineFails(Pick(report_, {0, 1, 2}), ErrorKind::kCorrupt);
  EXPECT_NE(s.find(report_.share_paths[1] + ": is truncated"), std::string::npos);
}

TEST_F(StreamBadInputTest, TruncatedInsideTheHeader) {
  fs::resize_file(report_.share_paths[2], 20);
  const std::string s = CombineFails(Pick(report_, {0, 1, 2}), ErrorKind::kCorrupt);
  EXPECT_NE(s.find("truncated inside its header"), std::string::npos);
}

TEST_F(StreamBadInputTest, SharesOfDifferentLengths) {
  EditHeader(2, [](ShareFileHeader& h) { h.payload_bytes -= 1; });
  fs::resize_file(report_.share_paths[2], fs::file_size(report_.share_paths[2]) - 1);
  const std::string s = CombineFails(Pick(report_, {0, 1, 2}), ErrorKind::kMismatch);
  EXPECT_NE(s.find("payload bytes"), std::string::npos) << s;
}

TEST_F(StreamBadInputTest, ShareOfAnotherSet) {
  const SplitFileReport other = Split("in", 3, 5, "other", 99);
  before_ = Listing();
  std::vector<std::string> mixed = Pick(report_, {0, 1});
  mixed.push_back(other.share_paths[2]);
  const std::string s = CombineFails(mixed, ErrorKind::kMismatch);
  EXPECT_NE(s.find("belongs to set"), std::string::npos);
}

TEST_F(StreamBadInputTest, ShareOfAnotherSetRelabelledToMatch) {
  const SplitFileReport other = Split("in", 3, 5, "other", 99);
  std::vector<std::string> mixed = Pick(report_, {0, 1});
  mixed.push_back(other.share_paths[2]);
  // Give the foreign share this set's id, with a valid header checksum: only T can tell.
  Bytes file = ReadBytes(other.share_paths[2]);
  Result<ShareFileHeader> h = ParseShareFileHeader(file);
  ASSERT_TRUE(h.ok());
  h->set_id = report_.set_id;
  const auto header = EncodeShareFileHeader(*h);
  std::copy(header.begin(), header.end(), file.begin());
  WriteBytes(other.share_paths[2], file);
  before_ = Listing();
  CombineFails(mixed, ErrorKind::kCorrupt);
}

TEST_F(StreamBadInputTest, DuplicatedIndex) {
  const std::string s = CombineFails(Pick(report_, {0, 1, 1}), ErrorKind::kMismatch);
  EXPECT_NE(s.find("are both share 2"), std::string::npos);
}

TEST_F(StreamBadInputTest, BelowThreshold) {
  const std::string s = CombineFails(Pick(report_, {3, 4}), ErrorKind::kInsufficient);
  EXPECT_NE(s.find("need 3 shares, got 2"), std::string::npos);
}

TEST_F(StreamBadInputTest, NoShares) { CombineFails({}, ErrorKind::kInvalidInput); }

TEST_F(StreamBadInputTest, OutputExists) {
  WriteBytes(Path("out"), {1, 2, 3});
  before_ = Listing();
  CombineFails(Pick(report_, {0, 1, 2}), ErrorKind::kExists);
  EXPECT_EQ(ReadBytes(Path("out")), (Bytes{1, 2, 3}));
}

TEST_F(StreamBadInputTest, CorruptedPayloadByte) {
  FlipByte(1, kShareFileHeaderBytes + 50000);
  CombineFails(Pick(report_, {0, 1, 2}), ErrorKind::kCorrupt);
}

TEST_F(StreamBadInputTest, CorruptedTagByteInTheLastChunk) {
  FlipByte(0, kShareFileHeaderBytes + 100000 + 3);
  CombineFails(Pick(report_, {0, 1, 2}), ErrorKind::kCorrupt);
}

TEST_F(StreamBadInputTest, CorruptedExtraShareIsNamed) {
  FlipByte(4, kShareFileHeaderBytes + 7);
  const std::string s = CombineFails(Pick(report_, {0, 1, 2, 4}), ErrorKind::kCorrupt);
  EXPECT_NE(s.find(report_.share_paths[4] + ": does not lie on the polynomial"), std::string::npos);
}

TEST_F(StreamBadInputTest, CorruptedHeader) {
  FlipByte(2, 9);  // a set id byte: the header checksum catches it
  const std::string s = CombineFails(Pick(report_, {0, 1, 2}), ErrorKind::kCorrupt);
  EXPECT_NE(s.find(report_.share_paths[2] + ": the share file header is damaged"),
            std::string::npos);
}

TEST_F(StreamBadInputTest, WrongMagic) {
  FlipByte(0, 1);
  const std::string s = CombineFails(Pick(report_, {0, 1, 2}), ErrorKind::kInvalidInput);
  EXPECT_NE(s.find("not a keyrite share file"), std::string::npos);
}

TEST_F(StreamBadInputTest, UnknownVersion) {
  for (const int version : {0, 3, 255}) {
    Bytes file = ReadBytes(report_.share_paths[0]);
    file[4] = static_cast<std::uint8_t>(version);
    WriteBytes(report_.share_paths[0], file);
    const std::string s = CombineFails(Pick(report_, {0, 1, 2}), ErrorKind::kUnsupported);
    EXPECT_NE(s.find("version " + std::to_string(version) + ";"), std::string::npos) << s;
  }
}

// A share relabelled to the other version (checksum fixed): refused as another split's before
// any payload is read.
TEST_F(StreamBadInputTest, SharesOfDifferentVersions) {
  EditHeader(1, [](ShareFileHeader& h) { h.version = kShareFileVersionSha256; });
  const std::string s = CombineFails(Pick(report_, {0, 1, 2}), ErrorKind::kMismatch);
  EXPECT_NE(s.find(report_.share_paths[1] + ": is share file version 1, but " +
                   report_.share_paths[0] + " is version 2"),
            std::string::npos)
      << s;
}

// All three relabelled to version 1: the headers agree, but the SHA-256 tag of what they
// recombine to does not match the BLAKE3 one inside.
TEST_F(StreamBadInputTest, WholeSetRelabelledToTheOtherVersion) {
  for (const std::size_t i : {0u, 1u, 2u}) {
    EditHeader(i, [](ShareFileHeader& h) { h.version = kShareFileVersionSha256; });
  }
  const std::string s = CombineFails(Pick(report_, {0, 1, 2}), ErrorKind::kCorrupt);
  EXPECT_NE(s.find("do not recombine to a valid secret"), std::string::npos) << s;
}

TEST_F(StreamBadInputTest, MissingShareFile) {
  CombineFails({report_.share_paths[0], Path("nope"), report_.share_paths[1]},
               ErrorKind::kNotFound);
}

TEST_F(StreamBadInputTest, EmptyInputIsRefused) {
  WriteBytes(Path("empty"), {});
  before_ = Listing();
  SeededRng rng(1);
  Result<SplitFileReport> r = SplitFile(Path("empty"), 2, 3, Path("shares2"), rng);
  EXPECT_EQ(r.status().kind(), ErrorKind::kInvalidInput);
  EXPECT_NE(r.status().message().find("is empty"), std::string::npos);
  EXPECT_EQ(Listing(), before_);
}

TEST_F(StreamBadInputTest, SplitNeverOverwritesAShare) {
  WriteBytes(Path("shares2"), {});  // not a directory
  fs::create_directory(Path("shares3"));
  WriteBytes(Path("shares3/in.share-4-of-5.krs"), {9});
  before_ = Listing();
  SeededRng rng(1);
  EXPECT_EQ(SplitFile(Path("in"), 3, 5, Path("shares2"), rng).status().kind(), ErrorKind::kExists);
  EXPECT_EQ(SplitFile(Path("in"), 3, 5, Path("shares3"), rng).status().kind(), ErrorKind::kExists);
  EXPECT_EQ(Listing(), before_);
  EXPECT_EQ(ReadBytes(Path("shares3/in.share-4-of-5.krs")), Bytes{9});
}

TEST_F(StreamBadInputTest, SplitArguments) {
  SeededRng rng(1);
  EXPECT_EQ(SplitFile(Path("in"), 4, 3, Path("x"), rng).status().kind(),
            ErrorKind::kInvalidArgument);
  EXPECT_EQ(SplitFile(Path("in"), 0, 3, Path("x"), rng).status().kind(),
            ErrorKind::kInvalidArgument);
  for (const std::uint8_t version : {std::uint8_t{0}, std::uint8_t{3}}) {
    EXPECT_EQ(SplitFile(Path("in"), 2, 3, Path("x"), rng, version).status().kind(),
              ErrorKind::kInvalidArgument);
  }
  EXPECT_EQ(SplitFile(Path("nope"), 2, 3, Path("x"), rng).status().kind(), ErrorKind::kNotFound);
  EXPECT_EQ(SplitFile(dir_.string(), 2, 3, Path("x"), rng).status().kind(),
            ErrorKind::kInvalidInput);
  ASSERT_EQ(mkfifo(Path("fifo").c_str(), 0600), 0);  // refused, not waited on
  EXPECT_EQ(SplitFile(Path("fifo"), 2, 3, Path("x"), rng).status().kind(),
            ErrorKind::kInvalidInput);
  fs::remove(Path("fifo"));
  EXPECT_EQ(Listing(), before_);
}

// ---- SHA-256, on the SHA extensions and on libsodium ----

// ---- memory ----

std::size_t PeakRssKiB() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoul(line.substr(6));
  }
  return 0;
}

TEST_F(StreamTest, PeakMemoryDoesNotGrowWithTheFile) {
  // 64 MiB, mostly a hole with a few random blocks, so it is quick to make.
  {
    std::ofstream f(Path("large"), std::ios::binary);
    Bytes block(4096);
    for (int i = 0; i < 16; ++i) {
      SeededRng(static_cast<std::uint64_t>(i)).Fill(block);
      f.seekp(static_cast<std::streamoff>(i) << 22);
      f.write(reinterpret_cast<const char*>(block.data()), 4096);
    }
  }
  fs::resize_file(Path("large"), std::uintmax_t{64} << 20);
  std::ofstream("/proc/self/clear_refs") << "5";  // reset VmHWM to the current RSS
  const std::size_t before = PeakRssKiB();
  const SplitFileReport r = Split("large", 2, 3);
  ASSERT_TRUE(CombineFiles(Pick(r, {0, 2}), Path("large.out")).ok());
  const std::size_t growth = PeakRssKiB() - before;
  EXPECT_LT(growth, 16u * 1024) << "peak RSS grew by " << growth << " KiB for a 64 MiB file";
  EXPECT_EQ(fs::file_size(Path("large.out")), std::uintmax_t{64} << 20);
}

}  // namespace
}  // namespace keyrite::stream
