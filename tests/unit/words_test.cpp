// Tests for base/words.h: the BIP-39 English list and mnemonic encoding. Known answers are the
// official BIP-39 test vectors (trezor/python-mnemonic vectors.json, "english" section, all made
// with passphrase "TREZOR"; MIT licence in tests/data/bip39/LICENSE).

#include "base/words.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "base/digest.h"
#include "base/hex.h"

namespace keyrite {
namespace {

const std::string kDataDir = std::string(KEYRITE_TEST_DATA) + "/bip39/";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in) << "cannot open " << path;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> SplitWords(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::vector<std::uint8_t> Bytes(const std::string& hex) {
  auto bytes = FromHex(hex);
  EXPECT_TRUE(bytes.ok()) << hex;
  return bytes.ok() ? *bytes : std::vector<std::uint8_t>{};
}

// An independent BIP-39 decoder: word indexes back to bits, then entropy and checksum apart.
struct Decoded {
  std::vector<std::uint8_t> entropy;
  unsigned checksum = 0;
};
Decoded Decode(const std::vector<std::string>& words) {
  const auto& list = Bip39EnglishWords();
  std::vector<int> bits;
  for (const auto& w : words) {
    const auto it = std::find(list.begin(), list.end(), w);
    EXPECT_NE(it, list.end()) << w;
    const auto index = static_cast<unsigned>(it - list.begin());
    for (int b = 10; b >= 0; --b) bits.push_back((index >> b) & 1U);
  }
  Decoded d;
  const std::size_t ent_bits = bits.size() * 32 / 33;
  d.entropy.assign(ent_bits / 8, 0);
  for (std::size_t i = 0; i < ent_bits; ++i) {
    d.entropy[i / 8] = static_cast<std::uint8_t>(d.entropy[i / 8] | bits[i] << (7 - i % 8));
  }
  for (std::size_t i = ent_bits; i < bits.size(); ++i) d.checksum = d.checksum << 1 | bits[i];
  return d;
}

TEST(WordsTest, ListMatchesOfficialFile) {
  const auto official = SplitWords(ReadFile(kDataDir + "english.txt"));
  const auto& list = Bip39EnglishWords();
  ASSERT_EQ(official.size(), list.size());
  for (std::size_t i = 0; i < list.size(); ++i) EXPECT_EQ(list[i], official[i]) << "index " << i;
  EXPECT_EQ(list.front(), "abandon");
  EXPECT_EQ(list.back(), "zoo");
}

TEST(WordsTest, ListIsSortedAndUnique) {
  const auto& list = Bip39EnglishWords();
  EXPECT_TRUE(std::adjacent_find(list.begin(), list.end(), [](auto a, auto b) { return a >= b; }) ==
              list.end());
}

TEST(WordsTest, OfficialEnglishVectors) {
  const auto vectors = nlohmann::json::parse(ReadFile(kDataDir + "vectors.json"));
  const auto& english = vectors.at("english");
  ASSERT_EQ(english.size(), 24U);
  for (const auto& v : english) {
    const auto entropy_hex = v.at(0).get<std::string>();
    EXPECT_EQ(Bip39FromEntropy(Bytes(entropy_hex)), v.at(1).get<std::string>()) << entropy_hex;
  }
}

// The vectors cover 16, 24 and 32 bytes; 20 and 28 are checked by decoding the words again.
TEST(WordsTest, EveryEntropyLengthRoundTrips) {
  for (std::size_t size : {16U, 20U, 24U, 28U, 32U}) {
    std::vector<std::uint8_t> entropy(size);
    for (std::size_t i = 0; i < size; ++i) entropy[i] = static_cast<std::uint8_t>(i * 37 + size);
    const auto words = SplitWords(Bip39FromEntropy(entropy));
    ASSERT_EQ(words.size(), size * 3 / 4) << size;  // BIP-39 table: 12, 15, 18, 21, 24 words
    const Decoded d = Decode(words);
    EXPECT_EQ(d.entropy, entropy) << size;
    EXPECT_EQ(d.checksum, unsigned{Sha256(entropy)[0]} >> (8 - size / 4)) << size;
  }
}

TEST(WordsTest, SingleSpacesOnly) {
  const std::vector<std::uint8_t> entropy(32, 0xff);
  const std::string text = Bip39FromEntropy(entropy);
  EXPECT_EQ(text.find("  "), std::string::npos);
  EXPECT_NE(text.front(), ' ');
  EXPECT_NE(text.back(), ' ');
}

// A digest whose first half is the entropy of a published vector reads as that vector's words.
TEST(WordsTest, DigestWordsUsesFirstSixteenBytes) {
  Sha256Digest digest{};
  std::fill(digest.begin(), digest.begin() + 16, 0x7f);
  std::fill(digest.begin() + 16, digest.end(), 0xa5);
  // BIP-39 vector "7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f".
  EXPECT_EQ(DigestWords(digest),
            "legal winner thank year wave sausage worth useful legal winner thank yellow");
  Sha256Digest other_tail = digest;
  other_tail[31] ^= 1;
  EXPECT_EQ(DigestWords(other_tail), DigestWords(digest));
  Sha256Digest other_head = digest;
  other_head[15] ^= 1;
  EXPECT_NE(DigestWords(other_head), DigestWords(digest));
}

TEST(WordsTest, DigestWordsOfRealDigestIsItsMnemonic) {
  const Sha256Digest digest = Sha256(std::string_view("abc"));
  const std::string words = DigestWords(digest);
  EXPECT_EQ(SplitWords(words).size(), 12U);
  const Decoded d = Decode(SplitWords(words));
  EXPECT_EQ(d.entropy, std::vector<std::uint8_t>(digest.begin(), digest.begin() + 16));
}

TEST(WordsDeathTest, RejectsUnsupportedEntropyLength) {
  const std::vector<std::uint8_t> entropy(17, 0);
  EXPECT_DEATH((void)Bip39FromEntropy(entropy), "ValidEntropySize");
}

}  // namespace
}  // namespace keyrite
