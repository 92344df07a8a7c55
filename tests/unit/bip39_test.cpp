// Tests for keys/bip39.h. Known answers: the official BIP-39 test vectors (trezor/python-mnemonic
// vectors.json, "english" section: entropy, mnemonic, seed with passphrase "TREZOR", and the
// BIP-32 master xprv of that seed; MIT licence in tests/data/bip39/LICENSE).

#include "keys/bip39.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "base/hex.h"
#include "keys/base58.h"
#include "keys/bip32.h"

namespace keyrite::keys {
namespace {

using secmem::SecureBytes;

nlohmann::json Vectors() {
  std::ifstream in(std::string(KEYRITE_TEST_DATA) + "/bip39/vectors.json");
  EXPECT_TRUE(in) << "cannot open the BIP-39 vectors";
  std::stringstream ss;
  ss << in.rdbuf();
  return nlohmann::json::parse(ss.str()).at("english");
}

SecureBytes Hex(const std::string& hex) {
  auto bytes = FromHex(hex);
  EXPECT_TRUE(bytes.ok()) << hex;
  return SecureBytes::CopyOf(*bytes);
}

std::string Text(const SecureBytes& s) { return std::string(s.view()); }

TEST(Bip39Test, AllOfficialVectors) {
  const auto vectors = Vectors();
  ASSERT_EQ(vectors.size(), 24U);
  SeededRng blinding(1);
  auto ctx = Secp256k1Context::Create(blinding);
  ASSERT_TRUE(ctx.ok());
  for (const auto& v : vectors) {
    const std::string entropy = v.at(0), mnemonic = v.at(1), seed = v.at(2), xprv = v.at(3);
    EXPECT_EQ(Text(MnemonicFromEntropy(Hex(entropy))), mnemonic);
    auto back = MnemonicToEntropy(SecureBytes::CopyOf(mnemonic));
    ASSERT_TRUE(back.ok()) << back.status().message();
    EXPECT_EQ(ToHex(back->span()), entropy);
    auto s = MnemonicToSeed(SecureBytes::CopyOf(mnemonic), SecureBytes::CopyOf("TREZOR"));
    ASSERT_TRUE(s.ok()) << s.status().message();
    EXPECT_EQ(ToHex(s->span()), seed) << mnemonic;
    auto master = Bip32MasterKey(*ctx, *s);
    ASSERT_TRUE(master.ok());
    EXPECT_EQ(Base58CheckEncode(SerializeXprv(*master).span()), xprv) << mnemonic;
  }
}

TEST(Bip39Test, GeneratesEveryLengthAndRoundTrips) {
  SeededRng rng(7);
  for (std::size_t words : {12U, 15U, 18U, 21U, 24U}) {
    auto m = GenerateMnemonic(words, rng);
    ASSERT_TRUE(m.ok());
    std::istringstream in(Text(*m));
    std::size_t count = 0;
    for (std::string w; in >> w;) ++count;
    EXPECT_EQ(count, words);
    auto entropy = MnemonicToEntropy(*m);
    ASSERT_TRUE(entropy.ok()) << entropy.status().message();
    EXPECT_EQ(entropy->size(), words / 3 * 4);
    EXPECT_EQ(Text(MnemonicFromEntropy(*entropy)), Text(*m));
  }
  EXPECT_EQ(GenerateMnemonic(13, rng).status().kind(), ErrorKind::kInvalidArgument);
}

TEST(Bip39Test, LooseSpacingAndCaseGiveTheSameSeed) {
  const std::string canonical = Vectors().at(1).at(1);  // "legal winner thank year ..."
  std::string loose = "  ";
  for (char c : canonical) loose += c == ' ' ? std::string("\t \n") : std::string(1, c);
  loose[2] = 'L';
  loose += "\n";
  auto a = MnemonicToSeed(SecureBytes::CopyOf(canonical), SecureBytes());
  auto b = MnemonicToSeed(SecureBytes::CopyOf(loose), SecureBytes());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(ToHex(a->span()), ToHex(b->span()));
  EXPECT_EQ(Text(*CanonicalMnemonic(SecureBytes::CopyOf(loose))), canonical);
}

TEST(Bip39Test, AWrongWordIsNamedByPositionOnly) {
  const std::string m = "abandon abandon abandon abandon abandon abandonn abandon abandon abandon "
                        "abandon abandon about";
  auto r = MnemonicToEntropy(SecureBytes::CopyOf(m));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().kind(), ErrorKind::kInvalidInput);
  EXPECT_NE(r.status().message().find("word 6"), std::string::npos) << r.status().message();
  EXPECT_EQ(r.status().message().find("abandon"), std::string::npos);
  // A word longer than any list word, and a prefix of a list word.
  EXPECT_FALSE(MnemonicToEntropy(SecureBytes::CopyOf("abandonment " + m.substr(8))).ok());
  EXPECT_FALSE(MnemonicToEntropy(SecureBytes::CopyOf("aban " + m.substr(8))).ok());
}

TEST(Bip39Test, ABadChecksumIsCorrupt) {
  // "about" -> "above": valid words, wrong checksum. Swapping two words also breaks it.
  const std::string base = "abandon abandon abandon abandon abandon abandon abandon abandon "
                           "abandon abandon abandon ";
  EXPECT_TRUE(MnemonicToEntropy(SecureBytes::CopyOf(base + "about")).ok());
  EXPECT_EQ(MnemonicToEntropy(SecureBytes::CopyOf(base + "above")).status().kind(),
            ErrorKind::kCorrupt);
  const std::string legal = Vectors().at(1).at(1);  // legal winner thank year wave ...
  const std::string swapped = "winner legal" + legal.substr(std::string("legal winner").size());
  EXPECT_EQ(MnemonicToEntropy(SecureBytes::CopyOf(swapped)).status().kind(), ErrorKind::kCorrupt);
}

TEST(Bip39Test, WrongWordCountsAreRefused) {
  for (const char* m : {"", "abandon", "abandon abandon abandon abandon abandon abandon abandon "
                                       "abandon abandon abandon about"}) {
    auto r = MnemonicToEntropy(SecureBytes::CopyOf(m));
    ASSERT_FALSE(r.ok()) << m;
    EXPECT_EQ(r.status().kind(), ErrorKind::kInvalidInput);
  }
}

TEST(Bip39Test, NonAsciiPassphraseIsRefusedNotMisderived) {
  const std::string m = Vectors().at(0).at(1);
  auto r = MnemonicToSeed(SecureBytes::CopyOf(m), SecureBytes::CopyOf("pa\xC3\xA9ss"));
  EXPECT_EQ(r.status().kind(), ErrorKind::kUnsupported);
}

}  // namespace
}  // namespace keyrite::keys
