// Tests for base/sha256_stream.h and the digests built on it (base/digest.h): the published
// FIPS 180 examples on both engines, the SHA-extension engine against libsodium for every length
// and split up to a few blocks, starting over after Final(), and Sha256File() on a file that
// spans several reads.

#include "base/sha256_stream.h"

#include <gtest/gtest.h>
#include <sodium.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "base/digest.h"
#include "base/hex.h"
#include "base/rng.h"

namespace keyrite {
namespace {

using Engine = Sha256Stream::Engine;

std::string DigestOf(Engine engine, const std::string& text, std::size_t pieces) {
  alignas(Sha256Stream::kStateAlign) std::uint8_t state[Sha256Stream::kStateBytes];
  Sha256Stream h(state, engine);
  const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
  for (std::size_t i = 0; i < pieces; ++i) {
    h.Update(std::span(p + text.size() * i / pieces, p + text.size() * (i + 1) / pieces));
  }
  return ToHex(h.Final());
}

std::string LibsodiumDigest(std::span<const std::uint8_t> data) {
  std::array<std::uint8_t, 32> out{};
  crypto_hash_sha256(out.data(), data.data(), data.size());
  return ToHex(out);
}

TEST(Sha256StreamTest, Fips180Examples) {
  // FIPS 180-2, appendix B.1-B.3 (also NIST's "SHA256.pdf" example values), and the empty string.
  const std::string million(1000000, 'a');
  for (const Engine engine : {Engine::kBest, Engine::kPortable}) {
    EXPECT_EQ(DigestOf(engine, "abc", 1),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(DigestOf(engine, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 3),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(DigestOf(engine, million, 7),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    EXPECT_EQ(DigestOf(engine, "", 1),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }
}

TEST(Sha256StreamTest, HardwareMatchesLibsodiumForEveryLengthAndSplit) {
  if (!Sha256Stream::HardwareAvailable()) GTEST_SKIP() << "this CPU has no SHA extensions";
  alignas(Sha256Stream::kStateAlign) std::uint8_t state[Sha256Stream::kStateBytes];
  ASSERT_TRUE(Sha256Stream(state).hardware());
  std::vector<std::uint8_t> data(1100);
  SeededRng(77).Fill(data);
  for (std::size_t len = 0; len <= data.size(); ++len) {
    const std::string text(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(len));
    const std::size_t pieces = 1 + len % 9;
    ASSERT_EQ(DigestOf(Engine::kBest, text, pieces), LibsodiumDigest(std::span(data).first(len)))
        << "length " << len << " in " << pieces << " pieces";
  }
}

TEST(Sha256StreamTest, FinalStartsOver) {
  for (const Engine engine : {Engine::kBest, Engine::kPortable}) {
    alignas(Sha256Stream::kStateAlign) std::uint8_t state[Sha256Stream::kStateBytes];
    Sha256Stream h(state, engine);
    const std::string first(100, 'S');  // a whole block and a partial one
    h.Update(std::span(reinterpret_cast<const std::uint8_t*>(first.data()), first.size()));
    EXPECT_EQ(ToHex(h.Final()),
              LibsodiumDigest(std::span(reinterpret_cast<const std::uint8_t*>(first.data()), 100)));
    h.Update(std::span(reinterpret_cast<const std::uint8_t*>("abc"), 3));
    EXPECT_EQ(ToHex(h.Final()), ToHex(Sha256(std::string_view("abc"))));
  }
}

TEST(Sha256StreamTest, DigestsOfDataAndFilesAgreeWithLibsodium) {
  std::vector<std::uint8_t> data(200000);  // several of Sha256File's reads, not a whole one
  SeededRng(5).Fill(data);
  EXPECT_EQ(ToHex(Sha256(data)), LibsodiumDigest(data));
  std::string path = ::testing::TempDir() + "keyrite_sha256_XXXXXX";
  const int fd = mkstemp(path.data());
  ASSERT_GE(fd, 0);
  ASSERT_EQ(write(fd, data.data(), data.size()), static_cast<ssize_t>(data.size()));
  close(fd);
  const Result<Sha256Digest> file = Sha256File(path);
  std::remove(path.c_str());
  ASSERT_TRUE(file.ok()) << file.status().message();
  EXPECT_EQ(ToHex(*file), LibsodiumDigest(data));
}

}  // namespace
}  // namespace keyrite
