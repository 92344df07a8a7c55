// Ethereum addresses and EIP-55 checksums against published vectors.
//
// Sources:
//  [EIP55]  EIP-55 "Test Cases" (all caps, all lower, normal), eips.ethereum.org/EIPS/eip-55;
//           the same eight are in ethereumjs-util's account tests (eip55ChecksumAddresses).
//  [KEYS]   Private keys 1, 2, 3: the first eth-tester accounts, as listed by ethereum.org's
//           "A Python developer's introduction to Ethereum" (w3.eth.accounts) and asserted
//           for keys 0x..01 / 0x..02 / 0x..03 in ethers-rs's wallet tests.
//  [WEB3]   web3.js docs, web3.eth.accounts (privateKeyToAccount / recover examples):
//           0x4c0883a6...362318 -> 0x2c7536E3605D9C16a7a3D7b1898e529396a65c23.

#include "keys/ethereum.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "base/hex.h"
#include "keys/key_material.h"

namespace keyrite::keys {
namespace {

constexpr const char* kEip55Addresses[] = {
    // All caps
    "0x52908400098527886E0F7030069857D2E4169EE7",
    "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
    // All lower
    "0xde709f2102306220921060314715629080e2fb77",
    "0x27b1fdb04752bbc536007a920d24acb045561c26",
    // Normal
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
    "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
    "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
};

std::string Lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

EthereumAddress AddressFromHex(std::string_view hex) {
  auto bytes = FromHex(hex);
  EXPECT_TRUE(bytes.ok() && bytes->size() == kEthereumAddressBytes) << hex;
  EthereumAddress address{};
  if (bytes.ok() && bytes->size() == address.size()) {
    std::copy(bytes->begin(), bytes->end(), address.begin());
  }
  return address;
}

TEST(KeysEthereum, Eip55ReproducesEveryTestCaseFromItsLowercaseForm) {  // [EIP55]
  for (const char* expected : kEip55Addresses) {
    EXPECT_EQ(Eip55Text(AddressFromHex(Lowercase(expected))), expected);
  }
}

std::string AddressOfPrivateKey(std::string_view private_key_hex) {
  auto bytes = FromHex(private_key_hex);
  EXPECT_TRUE(bytes.ok());
  if (!bytes.ok()) return "";
  auto key = DescribeKey(KeyKind::kSecp256k1, secmem::SecureBytes::CopyOf(*bytes));
  EXPECT_TRUE(key.ok()) << key.status().message();
  return key.ok() ? key->address : "";
}

TEST(KeysEthereum, SmallPrivateKeysGiveTheirWellKnownAddresses) {  // [KEYS]
  const std::string zeros(62, '0');
  EXPECT_EQ(AddressOfPrivateKey(zeros + "01"), "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf");
  EXPECT_EQ(AddressOfPrivateKey(zeros + "02"), "0x2B5AD5c4795c026514f8317c7a215E218DcCD6cF");
  EXPECT_EQ(AddressOfPrivateKey(zeros + "03"), "0x6813Eb9362372EEF6200f3b1dbC3f819671cBA69");
}

TEST(KeysEthereum, Web3DocsPrivateKeyGivesItsAddress) {  // [WEB3]
  EXPECT_EQ(AddressOfPrivateKey("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"),
            "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23");
}

// Private key 1's public key is the generator G (SEC 2, section 2.4.1).
TEST(KeysEthereum, PrivateKeyOneHasTheGeneratorAsPublicKey) {
  auto key = DescribeKey(KeyKind::kSecp256k1,
                         secmem::SecureBytes::CopyOf(*FromHex(std::string(62, '0') + "01")));
  ASSERT_TRUE(key.ok()) << key.status().message();
  EXPECT_EQ(key->public_key_hex,
            "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
}

TEST(KeysEthereum, AddressIsTheTailOfTheKeccakOfXY) {
  // 0x04 || G.x || G.y (SEC 2), whose address is private key 1's.
  auto g = FromHex(
      "0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
      "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8");
  ASSERT_TRUE(g.ok() && g->size() == 65);
  EXPECT_EQ(Eip55Text(EthereumAddressOf(std::span<const std::uint8_t, 65>(g->data(), 65))),
            "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf");
}

}  // namespace
}  // namespace keyrite::keys
