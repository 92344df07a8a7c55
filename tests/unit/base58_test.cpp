// Base58 and Base58Check against Bitcoin Core's published vectors
// (github.com/bitcoin/bitcoin src/test/data/base58_encode_decode.json).

#include "keys/base58.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/hex.h"

namespace keyrite::keys {
namespace {

struct Vector {
  const char* hex;
  const char* text;
};

constexpr Vector kBitcoinVectors[] = {
    {"", ""},
    {"61", "2g"},
    {"626262", "a3gV"},
    {"636363", "aPEr"},
    {"73696d706c792061206c6f6e6720737472696e67", "2cFupjhnEsSn59qHXstmK2ffpLv2"},
    {"00eb15231dfceb60925886b67d065299925915aeb172c06647", "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L"},
    {"516b6fcd0f", "ABnLTmg"},
    {"bf4f89001e670274dd", "3SEo3LWLoPntC"},
    {"572e4794", "3EFU7m"},
    {"ecac89cad93923c02321", "EJDM8drfXA6uyA"},
    {"10c8511e", "Rt5zm"},
    {"00000000000000000000", "1111111111"},
    {"000111d38e5fc9071ffcd20b4a763cc9ae4f252bb4e48fd66a835e252ada93ff480d6dd43dc62a641155a5",
     "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"},
    {"271F359E", "zzzzy"},
    {"271F359F", "zzzzz"},
    {"271F35A0", "211111"},
};

std::vector<std::uint8_t> Bytes(std::string_view hex) {
  auto bytes = FromHex(hex);
  EXPECT_TRUE(bytes.ok()) << bytes.status().message();
  return bytes.ok() ? *bytes : std::vector<std::uint8_t>{};
}

TEST(KeysBase58, EncodesBitcoinVectors) {
  for (const Vector& v : kBitcoinVectors) {
    EXPECT_EQ(Base58Encode(Bytes(v.hex)), v.text) << v.hex;
  }
}

TEST(KeysBase58, DecodesBitcoinVectors) {
  for (const Vector& v : kBitcoinVectors) {
    auto decoded = Base58Decode(v.text);
    ASSERT_TRUE(decoded.ok()) << v.text << ": " << decoded.status().message();
    EXPECT_EQ(*decoded, Bytes(v.hex)) << v.text;
  }
}

TEST(KeysBase58, RejectsCharactersOutsideTheAlphabet) {
  for (std::string_view bad : {"0", "O", "I", "l", "2g ", "a+b", "\xc3\xa9"}) {
    auto decoded = Base58Decode(bad);
    ASSERT_FALSE(decoded.ok()) << bad;
    EXPECT_EQ(decoded.status().kind(), ErrorKind::kInvalidInput);
  }
  EXPECT_NE(Base58Decode("abc0").status().message().find("character 4"), std::string::npos);
}

// Bitcoin addresses are Base58Check(version || hash160); the pairs below are the first P2PKH
// (version 0x00) and P2SH (version 0x05) entries of Bitcoin Core's
// src/test/data/key_io_valid.json (scripts 76a914<hash>88ac and a914<hash>87).
TEST(KeysBase58, CheckEncodesBitcoinAddresses) {
  const Vector addresses[] = {
      {"00a31c06bd463e3923bc1aadbde48b16976c080717", "1FsSia9rv4NeEwvJ2GvXrX7LyxYspbN2mo"},
      {"05373b819a068f32b7a6b38b6b38729647cfde01c2", "36j4NfKv6Akva9amjWrLG6MuSQym1GuEmm"},
  };
  for (const Vector& v : addresses) {
    EXPECT_EQ(Base58CheckEncode(Bytes(v.hex)), v.text);
    auto decoded = Base58CheckDecode(v.text);
    ASSERT_TRUE(decoded.ok()) << v.text << ": " << decoded.status().message();
    EXPECT_EQ(*decoded, Bytes(v.hex));
  }
}

// base58_encode_decode.json's "00eb15...72c06647" is plain base58: its last 4 bytes are not the
// checksum, so as Base58Check it must fail.
TEST(KeysBase58, CheckDecodeRejectsPlainBase58) {
  auto decoded = Base58CheckDecode("1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L");
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().kind(), ErrorKind::kCorrupt);
}

TEST(KeysBase58, CheckDecodeRejectsATypo) {
  auto decoded = Base58CheckDecode("1FsSia9rv4NeEwvJ2GvXrX7LyxYspbN2mp");
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().kind(), ErrorKind::kCorrupt);
}

TEST(KeysBase58, CheckDecodeRejectsTextWithoutRoomForAChecksum) {
  auto decoded = Base58CheckDecode("2g");
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().kind(), ErrorKind::kInvalidInput);
}

TEST(KeysBase58, CheckRoundTripsLeadingZeros) {
  const std::vector<std::uint8_t> payload = {0, 0, 0, 1, 2, 3};
  auto decoded = Base58CheckDecode(Base58CheckEncode(payload));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, payload);
}

}  // namespace
}  // namespace keyrite::keys
