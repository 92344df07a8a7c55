// Tests for lib/slip39: the word list, RS1024, PBKDF2-HMAC-SHA256, the share codec, the Feistel
// cipher and two-level sharing. Known answers: the 45 official SLIP-39 test vectors
// (satoshilabs/slips, slip-0039/vectors.json, all made with passphrase "TREZOR"; MIT licence in
// tests/data/slip39/LICENSE) and the PBKDF2-HMAC-SHA256 vectors of RFC 7914 section 11.

#include "slip39/slip39.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "base/hex.h"
#include "base/rng.h"
#include "slip39/cipher.h"
#include "slip39/mnemonic.h"
#include "slip39/pbkdf2.h"
#include "slip39/rs1024.h"
#include "slip39/sharing.h"
#include "slip39/wordlist.h"

namespace keyrite::slip39 {
namespace {

const std::string kDataDir = std::string(KEYRITE_TEST_DATA) + "/slip39/";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in) << "cannot open " << path;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::uint8_t> Bytes(std::string_view text) { return {text.begin(), text.end()}; }

std::vector<std::uint8_t> FromHexOrEmpty(const std::string& hex) {
  auto bytes = FromHex(hex);
  EXPECT_TRUE(bytes.ok()) << hex;
  return bytes.ok() ? *bytes : std::vector<std::uint8_t>{};
}

std::vector<SourcedMnemonic> Sourced(const std::vector<std::string>& texts) {
  std::vector<SourcedMnemonic> out;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    out.push_back({"share " + std::to_string(i + 1), secmem::SecureBytes::CopyOf(texts[i])});
  }
  return out;
}

std::vector<std::string> SplitText(std::string_view text) {
  std::istringstream in{std::string(text)};
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

// ---- word list ------------------------------------------------------------------------------

TEST(Slip39WordsTest, EveryIndexRoundTrips) {
  ASSERT_EQ(Words().size(), kWordCount);
  EXPECT_EQ(Words().front(), "academic");
  EXPECT_EQ(Words().back(), "zero");
  std::array<char, kMaxWordLength> buffer{};
  for (std::uint16_t i = 0; i < kWordCount; ++i) {
    const std::size_t len = WordAt(i, buffer);
    EXPECT_EQ(std::string_view(buffer.data(), len), Words()[i]);
    EXPECT_EQ(WordIndex(Words()[i]), i) << Words()[i];
  }
}

TEST(Slip39WordsTest, UnknownWordsAreNotFound) {
  EXPECT_FALSE(WordIndex("abandon").has_value());  // BIP-39, not SLIP-39
  EXPECT_FALSE(WordIndex("academi").has_value());
  EXPECT_FALSE(WordIndex("academics").has_value());
  EXPECT_FALSE(WordIndex("").has_value());
}

TEST(Slip39WordsTest, ListIsSortedAndUniqueInFourLetters) {
  for (std::size_t i = 1; i < kWordCount; ++i) {
    EXPECT_LT(Words()[i - 1].substr(0, 4), Words()[i].substr(0, 4)) << Words()[i];
  }
}

// ---- PBKDF2-HMAC-SHA256 (RFC 7914 section 11) ---------------------------------------------

TEST(Slip39Pbkdf2Test, Rfc7914Vectors) {
  std::vector<std::uint8_t> out(64);
  Pbkdf2HmacSha256(Bytes("passwd"), Bytes("salt"), 1, out);
  EXPECT_EQ(ToHex(out),
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
            "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
  Pbkdf2HmacSha256(Bytes("Password"), Bytes("NaCl"), 80000, out);
  EXPECT_EQ(ToHex(out),
            "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
            "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d");
}

TEST(Slip39Pbkdf2Test, ShortOutputIsAPrefix) {
  std::vector<std::uint8_t> full(64);
  std::vector<std::uint8_t> part(7);
  Pbkdf2HmacSha256(Bytes("passwd"), Bytes("salt"), 1, full);
  Pbkdf2HmacSha256(Bytes("passwd"), Bytes("salt"), 1, part);
  EXPECT_TRUE(std::equal(part.begin(), part.end(), full.begin()));
}

// ---- RS1024 -------------------------------------------------------------------------------

const char kVector1[] =
    "duckling enlarge academic academic agency result length solution fridge kidney coal piece "
    "deal husband erode duke ajar critical decision keyboard";

std::vector<std::uint16_t> Indexes(const std::vector<std::string>& words) {
  std::vector<std::uint16_t> out;
  for (const std::string& w : words) out.push_back(WordIndex(w).value_or(0xFFFF));
  return out;
}

TEST(Slip39Rs1024Test, ChecksumOfOfficialShare) {
  const std::vector<std::uint16_t> words = Indexes(SplitText(kVector1));
  const std::span<const std::uint16_t> data(words.data(), words.size() - 3);
  const auto checksum = Rs1024Checksum(kCustomization, data);
  EXPECT_TRUE(std::equal(checksum.begin(), checksum.end(), words.end() - 3));
  EXPECT_TRUE(Rs1024Verify(kCustomization, words));
  EXPECT_FALSE(Rs1024Verify(kCustomizationExtendable, words));
}

TEST(Slip39Rs1024Test, EverySingleWordChangeIsDetected) {
  const std::vector<std::uint16_t> words = Indexes(SplitText(kVector1));
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::vector<std::uint16_t> changed = words;
    for (std::uint16_t delta = 1; delta < 1024; delta += 97) {
      changed[i] = static_cast<std::uint16_t>(words[i] ^ delta);
      EXPECT_FALSE(Rs1024Verify(kCustomization, changed)) << "word " << i;
    }
  }
}

// ---- official vectors ---------------------------------------------------------------------

TEST(Slip39VectorsTest, All45OfficialVectors) {
  const auto vectors = nlohmann::json::parse(ReadFile(kDataDir + "vectors.json"));
  ASSERT_EQ(vectors.size(), 45u);
  int valid = 0;
  for (const auto& v : vectors) {
    const std::string name = v[0];
    const std::string expected = v[2];
    const Result<Recovered> r =
        Combine(Sourced(v[1].get<std::vector<std::string>>()), Bytes("TREZOR"));
    if (expected.empty()) {
      EXPECT_FALSE(r.ok()) << name;
      if (!r.ok()) {
        EXPECT_FALSE(r.status().message().empty()) << name;
      }
      continue;
    }
    ++valid;
    ASSERT_TRUE(r.ok()) << name << ": " << r.status().message();
    EXPECT_EQ(ToHex(r->secret.span()), expected) << name;
  }
  EXPECT_EQ(valid, 15);
}

// ---- the share codec ----------------------------------------------------------------------

TEST(Slip39MnemonicTest, FieldsRoundTrip) {
  Share s;
  s.identifier = 0x5A3C;
  s.extendable = true;
  s.iteration_exponent = 15;
  s.group_index = 13;
  s.group_threshold = 9;
  s.group_count = 14;
  s.member_index = 11;
  s.member_threshold = 16;
  s.value =
      secmem::SecureBytes::CopyOf(FromHexOrEmpty("00ff00ff112233445566778899aabbccddeeff001122"));
  const secmem::SecureBytes text = EncodeMnemonic(s);
  EXPECT_EQ(SplitText(text.view()).size(), 4u + 18u + 3u);  // 22 bytes = 176 bits -> 18 words
  const Result<Share> d = DecodeMnemonic(text.view(), "x");
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->identifier, s.identifier);
  EXPECT_TRUE(d->extendable);
  EXPECT_EQ(d->iteration_exponent, 15);
  EXPECT_EQ(d->group_index, 13);
  EXPECT_EQ(d->group_threshold, 9);
  EXPECT_EQ(d->group_count, 14);
  EXPECT_EQ(d->member_index, 11);
  EXPECT_EQ(d->member_threshold, 16);
  EXPECT_EQ(ToHex(d->value.span()), ToHex(s.value.span()));
}

TEST(Slip39MnemonicTest, UpperCaseAndExtraSpacesAreAccepted) {
  std::string text = "  DUCKLING  enlarge\tacademic\n" + std::string(kVector1).substr(25) + "\n";
  EXPECT_TRUE(DecodeMnemonic(text, "x").ok());
}

TEST(Slip39MnemonicTest, WrongWordIsNamedByPositionAndText) {
  std::vector<std::string> words = SplitText(kVector1);
  words[6] = "lenght";
  const Result<Share> d = DecodeMnemonic(Join(words), "share 2");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().kind(), ErrorKind::kInvalidInput);
  EXPECT_EQ(d.status().message(), "share 2: word 7 \"lenght\" is not in the SLIP-39 word list");
}

TEST(Slip39MnemonicTest, WrongChecksumIsNamed) {
  std::vector<std::string> words = SplitText(kVector1);
  std::swap(words[5], words[6]);
  const Result<Share> d = DecodeMnemonic(Join(words), "shares/a.txt");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().kind(), ErrorKind::kCorrupt);
  EXPECT_NE(d.status().message().find("shares/a.txt: the checksum"), std::string::npos)
      << d.status().message();
}

TEST(Slip39MnemonicTest, TooFewWordsAreRefused) {
  std::vector<std::string> words = SplitText(kVector1);
  words.pop_back();
  const Result<Share> d = DecodeMnemonic(Join(words), "share 1");
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find("19 words"), std::string::npos) << d.status().message();
}

// ---- cipher -------------------------------------------------------------------------------

TEST(Slip39CipherTest, DecryptInvertsEncryptAndDependsOnEverything) {
  const std::vector<std::uint8_t> secret = FromHexOrEmpty("bb54aac4b89dc868ba37d9cc21b2cece");
  const CipherParameters p{7945, false, 0};
  const secmem::SecureBytes e = Encrypt(secret, Bytes("TREZOR"), p);
  EXPECT_NE(ToHex(e.span()), ToHex(secret));
  EXPECT_EQ(ToHex(Decrypt(e.span(), Bytes("TREZOR"), p).span()), ToHex(secret));
  EXPECT_NE(ToHex(Decrypt(e.span(), Bytes("TREZOR!"), p).span()), ToHex(secret));
  EXPECT_NE(ToHex(Decrypt(e.span(), Bytes("TREZOR"), {7946, false, 0}).span()), ToHex(secret));
  EXPECT_NE(ToHex(Encrypt(secret, Bytes("TREZOR"), {7945, true, 0}).span()), ToHex(e.span()));
  EXPECT_NE(ToHex(Encrypt(secret, Bytes("TREZOR"), {7945, false, 1}).span()), ToHex(e.span()));
}

}  // namespace
}  // namespace keyrite::slip39
