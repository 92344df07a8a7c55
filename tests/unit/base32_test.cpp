// Tests for the constant-time base32 codec (lib/base/base32.h).

#include <gtest/gtest.h>

#include "base/base32.h"
#include "base/rng.h"

namespace keyrite {
namespace {

std::vector<std::uint8_t> Bytes(std::string_view s) { return {s.begin(), s.end()}; }

TEST(Base32, Rfc4648Vectors) {
  // RFC 4648 section 10, without padding.
  EXPECT_EQ(Base32EncodePublic(Bytes("")), "");
  EXPECT_EQ(Base32EncodePublic(Bytes("f")), "MY");
  EXPECT_EQ(Base32EncodePublic(Bytes("fo")), "MZXQ");
  EXPECT_EQ(Base32EncodePublic(Bytes("foo")), "MZXW6");
  EXPECT_EQ(Base32EncodePublic(Bytes("foob")), "MZXW6YQ");
  EXPECT_EQ(Base32EncodePublic(Bytes("fooba")), "MZXW6YTB");
  EXPECT_EQ(Base32EncodePublic(Bytes("foobar")), "MZXW6YTBOI");
}

TEST(Base32, EveryCharacterMapsBothWays) {
  for (unsigned v = 0; v < 32; ++v) {
    EXPECT_EQ(Base32Value(Base32Char(v)), static_cast<int>(v));
    EXPECT_EQ(Base32Char(v), kBase32Alphabet[v]);
  }
  for (int c = 0; c < 256; ++c) {
    const bool in = kBase32Alphabet.find(static_cast<char>(c)) != std::string_view::npos;
    EXPECT_EQ(Base32Value(static_cast<char>(c)) >= 0, in) << c;
  }
}

TEST(Base32, RoundTripsEveryLength) {
  SeededRng rng(5);
  for (std::size_t n = 0; n < 100; ++n) {
    std::vector<std::uint8_t> in(n);
    rng.Fill(in);
    const std::string text = Base32EncodePublic(in);
    std::vector<std::uint8_t> out(Base32DecodedLength(text.size()));
    ASSERT_TRUE(Base32Decode(text, out).ok()) << n;
    EXPECT_EQ(out, in);
  }
}

TEST(Base32, RejectsBadCharactersByPosition) {
  std::vector<std::uint8_t> out(Base32DecodedLength(8));
  const Status s = Base32Decode("MZXW1YTB", out);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("character 5"), std::string::npos) << s.message();
  EXPECT_FALSE(Base32Decode("mzxw6ytb", out).ok());  // callers upper-case first
}

TEST(Base32, RejectsNonCanonicalEndings) {
  std::vector<std::uint8_t> one(1);
  EXPECT_TRUE(Base32Decode("MY", one).ok());
  EXPECT_FALSE(Base32Decode("MZ", one).ok());  // low bits set
  std::vector<std::uint8_t> none(0);
  EXPECT_FALSE(Base32Decode("M", none).ok());  // impossible length
}

}  // namespace
}  // namespace keyrite
