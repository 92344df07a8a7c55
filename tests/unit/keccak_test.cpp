// Keccak-256 (legacy Keccak padding, as Ethereum uses it) against published known answers.
//
// Sources:
//  [KAT]   The Keccak team's round-3 submission known answers, ShortMsgKAT_256.txt in
//          KeccakKAT-3.zip (https://keccak.team/obsolete/KeccakKAT-3.zip), as mirrored in
//          github.com/glatan/ghash components/hashes/keccak/tests/keccak/short_msg_kat_256.rs.
//  [NIST]  The classic messages of https://www.di-mgt.com.au/sha_testvectors.html with their
//          Keccak-256 digests, as in github.com/paulmillr/noble-hashes test/hashes.test.js
//          (KECCAK_256 "nist" list; "" also in ethereum/EIPs, the Keccak-256 of nothing).

#include "keys/keccak.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/hex.h"

namespace keyrite::keys {
namespace {

std::vector<std::uint8_t> Bytes(std::string_view hex) {
  auto bytes = FromHex(hex);
  EXPECT_TRUE(bytes.ok()) << bytes.status().message();
  return bytes.ok() ? *bytes : std::vector<std::uint8_t>{};
}

std::string KeccakHex(std::string_view text) { return ToHex(Keccak256(text)); }

TEST(KeysKeccak, EmptyInput) {  // [KAT] Len = 0
  EXPECT_EQ(KeccakHex(""), "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
}

TEST(KeysKeccak, Abc) {  // [NIST] "abc"
  EXPECT_EQ(KeccakHex("abc"), "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
}

TEST(KeysKeccak, NistTwoBlockStrings) {  // [NIST] the 448-bit and 896-bit messages
  EXPECT_EQ(KeccakHex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "45d3b367a6904e6e8d502ee04999a7c27647f91fa845d456525fd352ae3d7371");
  EXPECT_EQ(KeccakHex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnop"
                      "jklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"),
            "f519747ed599024f3882238e5ab43960132572b7345fbeb9a90769dafd21ad67");
}

TEST(KeysKeccak, OneMillionAs) {  // [NIST] 1,000,000 x 'a': 7,353 blocks
  const std::string million(1000000, 'a');
  EXPECT_EQ(KeccakHex(million), "fadae6b49f129bbb812be8407b7b2894f34aecf6dbd1f9b0f0c7e9853098fc96");
}

TEST(KeysKeccak, ShortMsgKat200Bytes) {  // [KAT] Len = 1600: a full block plus 64 bytes
  const auto msg = Bytes(
      "9b518dcebd7aab3c6a961705d93b2733f5303ea8185653f1b91f163a105811aca99e7a671925a483bcbb8995f"
      "6b0c8ece10795fa5de8eb17080152195963c503013f6b1a650f9e21ca28b7c0d880adba8742b4e42aa0fb33a2"
      "4d4cfbb112ffb2516acdb7796cd8449490056d10b22797f4dc7c1f7c78531ec59f1a77b21a290485f7bbfe649"
      "442f924476634fa8eccee6b480ee8c06107860122fdb33c27b7c11f72c08406037d2a4be35f45722b34dd7442"
      "c534a3ccbba4eeb9582be00fec0082ad8488b001b3fc");
  ASSERT_EQ(msg.size(), 200u);
  EXPECT_EQ(ToHex(Keccak256(msg)),
            "3619785381f9290b0180fe87186e3b8e352d0bee8dec2321198770b67d8c26da");
}

// 135 bytes leaves one byte of the block, so 0x01 and 0x80 share it (0x81).
TEST(KeysKeccak, ShortMsgKatPadInOneByte) {  // [KAT] Len = 1080
  const auto msg = Bytes(
      "2f3fb9e6321405869ff0e6271369357ee08c9c27837fe300adf3766a61979591d64e7809627e8f026e762982d"
      "f5f00bfeb9ce76f1ccb70c9bee6331f7dc8b15417295d7aa7ec7c1662a69842059901f136e96052b4d01b72b6"
      "4f92331744872f6de4a915d0262b33ccc375d25d77c3936023e514f30187a9501adc685e6497cc4841e119670d4"
      "d");
  ASSERT_EQ(msg.size(), 135u);
  EXPECT_EQ(ToHex(Keccak256(msg)),
            "0484f02cc16415e7e9f28f95b6bb77209e1b25ec35015de84facbc8f9605b39e");
}

// 136 bytes fill the block exactly, so the padding needs a block of its own.
TEST(KeysKeccak, ShortMsgKatExactlyOneBlock) {  // [KAT] Len = 1088
  const auto msg = Bytes(
      "33d0c3052e3ac8c19beca6b0dfa73888f753655fb2c9f77e1238602c9f6d7ad33e3dd96c78a22e148ed4c46d7"
      "cfdf674505bd40325cb813804e264a450de778f1c50fc94f32aa881fe6def7b6ae6efbb42c3be678f40a09322"
      "053773e3af020000fe94f3283c7527aa64a2144b92cf8d568df4e6cd957af09ab1637e61667e616412558d4fca"
      "b4f9");
  ASSERT_EQ(msg.size(), 136u);
  EXPECT_EQ(ToHex(Keccak256(msg)),
            "b30ad6fc320c0d70309dc39953895cb7cf3fbedec7d86a5f7aa9f2bb760f6dba");
}

TEST(KeysKeccak, ShortMsgKatSingleByte) {  // [KAT] Len = 8
  EXPECT_EQ(ToHex(Keccak256(Bytes("6b"))),
            "f3d0adcb6a1c70832365e9da0a6b2f5199422f6a53c67cfad171114e3442aa0f");
}

// The legacy padding is what makes this Keccak-256 and not SHA3-256 (a7ffc6f8... for "").
TEST(KeysKeccak, IsNotSha3) {
  EXPECT_NE(KeccakHex(""), "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a");
}

}  // namespace
}  // namespace keyrite::keys
