// Tests for keys/bip32.h, keys/slip10.h, keys/derivation_path.h and keys/hd_derive.h.
// Known answers:
//  - BIP-32 test vectors 1, 2, 3 and 5 (github.com/bitcoin/bips, bip-0032.mediawiki, "Test Vectors").
//  - SLIP-10 test vectors 1 and 2 for ed25519 (github.com/satoshilabs/slips, slip-0010.md).
//  - Ethereum addresses of m/44'/60'/0'/0/0..9 for "abandon ... about" without passphrase, as
//    computed by ethers 6.17.0 (npm), HDNodeWallet.fromPhrase(phrase, "", path).address; index 0
//    is also the well-known address that MetaMask, Ledger and ethers documentation show.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/hex.h"
#include "keys/base58.h"
#include "keys/bip32.h"
#include "keys/bip39.h"
#include "keys/derivation_path.h"
#include "keys/ed25519_key.h"
#include "keys/hd_derive.h"
#include "keys/slip10.h"

namespace keyrite::keys {
namespace {

using secmem::SecureBytes;
constexpr std::uint32_t H = kHardenedOffset;

SecureBytes Hex(const std::string& hex) {
  auto bytes = FromHex(hex);
  EXPECT_TRUE(bytes.ok()) << hex;
  return SecureBytes::CopyOf(*bytes);
}

Secp256k1Context Ctx() {
  SeededRng rng(3);
  auto ctx = Secp256k1Context::Create(rng);
  KR_CHECK(ctx.ok());
  return std::move(ctx).value();
}

struct Step {
  std::uint32_t index;  // the step taken from the previous node (ignored for m)
  const char* xpub;
  const char* xprv;
};

void CheckChain(const char* seed_hex, const std::vector<Step>& steps) {
  const Secp256k1Context ctx = Ctx();
  auto node = Bip32MasterKey(ctx, Hex(seed_hex));
  DerivationPath path;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (i > 0) {
      path.push_back(steps[i].index);
      node = Bip32ChildKey(ctx, *node, steps[i].index);
    }
    ASSERT_TRUE(node.ok()) << node.status().message();
    const std::string where = FormatDerivationPath(path);
    EXPECT_EQ(Base58CheckEncode(SerializeXprv(*node).span()), steps[i].xprv) << where;
    auto pub = Bip32PublicOf(ctx, *node);
    ASSERT_TRUE(pub.ok());
    EXPECT_EQ(XpubText(*pub), steps[i].xpub) << where;
    // The same node from the whole path, and both forms parse back.
    auto direct = Bip32DerivePath(ctx, Hex(seed_hex), path);
    ASSERT_TRUE(direct.ok());
    EXPECT_EQ(ToHex(direct->key.span()), ToHex(node->key.span())) << where;
    auto xprv = Base58CheckDecode(steps[i].xprv);
    ASSERT_TRUE(xprv.ok());
    auto parsed = ParseXprv(ctx, *xprv);
    ASSERT_TRUE(parsed.ok()) << parsed.status().message();
    EXPECT_EQ(ToHex(parsed->chain_code.span()), ToHex(node->chain_code.span()));
    auto xpub = ParseXpubText(ctx, steps[i].xpub);
    ASSERT_TRUE(xpub.ok()) << xpub.status().message();
    EXPECT_EQ(XpubText(*xpub), steps[i].xpub);
  }
}

TEST(Bip32Test, Vector1) {
  CheckChain("000102030405060708090a0b0c0d0e0f", {
    {0, "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8",
        "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi"},
    {0 + H, "xpub68Gmy5EdvgibQVfPdqkBBCHxA5htiqg55crXYuXoQRKfDBFA1WEjWgP6LHhwBZeNK1VTsfTFUHCdrfp1bgwQ9xv5ski8PX9rL2dZXvgGDnw",
        "xprv9uHRZZhk6KAJC1avXpDAp4MDc3sQKNxDiPvvkX8Br5ngLNv1TxvUxt4cV1rGL5hj6KCesnDYUhd7oWgT11eZG7XnxHrnYeSvkzY7d2bhkJ7"},
    {1, "xpub6ASuArnXKPbfEwhqN6e3mwBcDTgzisQN1wXN9BJcM47sSikHjJf3UFHKkNAWbWMiGj7Wf5uMash7SyYq527Hqck2AxYysAA7xmALppuCkwQ",
        "xprv9wTYmMFdV23N2TdNG573QoEsfRrWKQgWeibmLntzniatZvR9BmLnvSxqu53Kw1UmYPxLgboyZQaXwTCg8MSY3H2EU4pWcQDnRnrVA1xe8fs"},
    {2 + H, "xpub6D4BDPcP2GT577Vvch3R8wDkScZWzQzMMUm3PWbmWvVJrZwQY4VUNgqFJPMM3No2dFDFGTsxxpG5uJh7n7epu4trkrX7x7DogT5Uv6fcLW5",
        "xprv9z4pot5VBttmtdRTWfWQmoH1taj2axGVzFqSb8C9xaxKymcFzXBDptWmT7FwuEzG3ryjH4ktypQSAewRiNMjANTtpgP4mLTj34bhnZX7UiM"},
    {2, "xpub6FHa3pjLCk84BayeJxFW2SP4XRrFd1JYnxeLeU8EqN3vDfZmbqBqaGJAyiLjTAwm6ZLRQUMv1ZACTj37sR62cfN7fe5JnJ7dh8zL4fiyLHV",
        "xprvA2JDeKCSNNZky6uBCviVfJSKyQ1mDYahRjijr5idH2WwLsEd4Hsb2Tyh8RfQMuPh7f7RtyzTtdrbdqqsunu5Mm3wDvUAKRHSC34sJ7in334"},
    {1000000000, "xpub6H1LXWLaKsWFhvm6RVpEL9P4KfRZSW7abD2ttkWP3SSQvnyA8FSVqNTEcYFgJS2UaFcxupHiYkro49S8yGasTvXEYBVPamhGW6cFJodrTHy",
        "xprvA41z7zogVVwxVSgdKUHDy1SKmdb533PjDz7J6N6mV6uS3ze1ai8FHa8kmHScGpWmj4WggLyQjgPie1rFSruoUihUZREPSL39UNdE3BBDu76"},
  });
}

TEST(Bip32Test, Vector2) {
  CheckChain("fffcf9f6f3f0edeae7e4e1dedbd8d5d2cfccc9c6c3c0bdbab7b4b1aeaba8a5a29f9c999693908d8a8784817e7b7875726f6c696663605d5a5754514e4b484542", {
    {0, "xpub661MyMwAqRbcFW31YEwpkMuc5THy2PSt5bDMsktWQcFF8syAmRUapSCGu8ED9W6oDMSgv6Zz8idoc4a6mr8BDzTJY47LJhkJ8UB7WEGuduB",
        "xprv9s21ZrQH143K31xYSDQpPDxsXRTUcvj2iNHm5NUtrGiGG5e2DtALGdso3pGz6ssrdK4PFmM8NSpSBHNqPqm55Qn3LqFtT2emdEXVYsCzC2U"},
    {0, "xpub69H7F5d8KSRgmmdJg2KhpAK8SR3DjMwAdkxj3ZuxV27CprR9LgpeyGmXUbC6wb7ERfvrnKZjXoUmmDznezpbZb7ap6r1D3tgFxHmwMkQTPH",
        "xprv9vHkqa6EV4sPZHYqZznhT2NPtPCjKuDKGY38FBWLvgaDx45zo9WQRUT3dKYnjwih2yJD9mkrocEZXo1ex8G81dwSM1fwqWpWkeS3v86pgKt"},
    {2147483647 + H, "xpub6ASAVgeehLbnwdqV6UKMHVzgqAG8Gr6riv3Fxxpj8ksbH9ebxaEyBLZ85ySDhKiLDBrQSARLq1uNRts8RuJiHjaDMBU4Zn9h8LZNnBC5y4a",
        "xprv9wSp6B7kry3Vj9m1zSnLvN3xH8RdsPP1Mh7fAaR7aRLcQMKTR2vidYEeEg2mUCTAwCd6vnxVrcjfy2kRgVsFawNzmjuHc2YmYRmagcEPdU9"},
    {1, "xpub6DF8uhdarytz3FWdA8TvFSvvAh8dP3283MY7p2V4SeE2wyWmG5mg5EwVvmdMVCQcoNJxGoWaU9DCWh89LojfZ537wTfunKau47EL2dhHKon",
        "xprv9zFnWC6h2cLgpmSA46vutJzBcfJ8yaJGg8cX1e5StJh45BBciYTRXSd25UEPVuesF9yog62tGAQtHjXajPPdbRCHuWS6T8XA2ECKADdw4Ef"},
    {2147483646 + H, "xpub6ERApfZwUNrhLCkDtcHTcxd75RbzS1ed54G1LkBUHQVHQKqhMkhgbmJbZRkrgZw4koxb5JaHWkY4ALHY2grBGRjaDMzQLcgJvLJuZZvRcEL",
        "xprvA1RpRA33e1JQ7ifknakTFpgNXPmW2YvmhqLQYMmrj4xJXXWYpDPS3xz7iAxn8L39njGVyuoseXzU6rcxFLJ8HFsTjSyQbLYnMpCqE2VbFWc"},
    {2, "xpub6FnCn6nSzZAw5Tw7cgR9bi15UV96gLZhjDstkXXxvCLsUXBGXPdSnLFbdpq8p9HmGsApME5hQTZ3emM2rnY5agb9rXpVGyy3bdW6EEgAtqt",
        "xprvA2nrNbFZABcdryreWet9Ea4LvTJcGsqrMzxHx98MMrotbir7yrKCEXw7nadnHM8Dq38EGfSh6dqA9QWTyefMLEcBYJUuekgW4BYPJcr9E7j"},
  });
}

// Retention of leading zeros (bitpay/bitcore-lib#47).
TEST(Bip32Test, Vector3) {
  CheckChain("4b381541583be4423346c643850da4b320e46a87ae3d2a4e6da11eba819cd4acba45d239319ac14f863b8d5ab5a0d0c64d2e8a1e7d1457df2e5a3c51c73235be", {
    {0, "xpub661MyMwAqRbcEZVB4dScxMAdx6d4nFc9nvyvH3v4gJL378CSRZiYmhRoP7mBy6gSPSCYk6SzXPTf3ND1cZAceL7SfJ1Z3GC8vBgp2epUt13",
        "xprv9s21ZrQH143K25QhxbucbDDuQ4naNntJRi4KUfWT7xo4EKsHt2QJDu7KXp1A3u7Bi1j8ph3EGsZ9Xvz9dGuVrtHHs7pXeTzjuxBrCmmhgC6"},
    {0 + H, "xpub68NZiKmJWnxxS6aaHmn81bvJeTESw724CRDs6HbuccFQN9Ku14VQrADWgqbhhTHBaohPX4CjNLf9fq9MYo6oDaPPLPxSb7gwQN3ih19Zm4Y",
        "xprv9uPDJpEQgRQfDcW7BkF7eTya6RPxXeJCqCJGHuCJ4GiRVLzkTXBAJMu2qaMWPrS7AANYqdq6vcBcBUdJCVVFceUvJFjaPdGZ2y9WACViL4L"},
  });
}

// Vector 5: every one of these must be rejected. A text that fails Base58Check is rejected there;
// otherwise it is tried as the kind its prefix claims (both kinds for an unknown prefix).
TEST(Bip32Test, Vector5InvalidExtendedKeysAreRejected) {
  const std::vector<std::pair<const char*, const char*>> invalid = {
    {"xpub661MyMwAqRbcEYS8w7XLSVeEsBXy79zSzH1J8vCdxAZningWLdN3zgtU6LBpB85b3D2yc8sfvZU521AAwdZafEz7mnzBBsz4wKY5fTtTQBm", "pubkey version / prvkey mismatch"},
    {"xprv9s21ZrQH143K24Mfq5zL5MhWK9hUhhGbd45hLXo2Pq2oqzMMo63oStZzFGTQQD3dC4H2D5GBj7vWvSQaaBv5cxi9gafk7NF3pnBju6dwKvH", "prvkey version / pubkey mismatch"},
    {"xpub661MyMwAqRbcEYS8w7XLSVeEsBXy79zSzH1J8vCdxAZningWLdN3zgtU6Txnt3siSujt9RCVYsx4qHZGc62TG4McvMGcAUjeuwZdduYEvFn", "invalid pubkey prefix 04"},
    {"xprv9s21ZrQH143K24Mfq5zL5MhWK9hUhhGbd45hLXo2Pq2oqzMMo63oStZzFGpWnsj83BHtEy5Zt8CcDr1UiRXuWCmTQLxEK9vbz5gPstX92JQ", "invalid prvkey prefix 04"},
    {"xpub661MyMwAqRbcEYS8w7XLSVeEsBXy79zSzH1J8vCdxAZningWLdN3zgtU6N8ZMMXctdiCjxTNq964yKkwrkBJJwpzZS4HS2fxvyYUA4q2Xe4", "invalid pubkey prefix 01"},
    {"xprv9s21ZrQH143K24Mfq5zL5MhWK9hUhhGbd45hLXo2Pq2oqzMMo63oStZzFAzHGBP2UuGCqWLTAPLcMtD9y5gkZ6Eq3Rjuahrv17fEQ3Qen6J", "invalid prvkey prefix 01"},
    {"xprv9s2SPatNQ9Vc6GTbVMFPFo7jsaZySyzk7L8n2uqKXJen3KUmvQNTuLh3fhZMBoG3G4ZW1N2kZuHEPY53qmbZzCHshoQnNf4GvELZfqTUrcv", "zero depth with non-zero parent fingerprint"},
    {"xpub661no6RGEX3uJkY4bNnPcw4URcQTrSibUZ4NqJEw5eBkv7ovTwgiT91XX27VbEXGENhYRCf7hyEbWrR3FewATdCEebj6znwMfQkhRYHRLpJ", "zero depth with non-zero parent fingerprint"},
    {"xprv9s21ZrQH4r4TsiLvyLXqM9P7k1K3EYhA1kkD6xuquB5i39AU8KF42acDyL3qsDbU9NmZn6MsGSUYZEsuoePmjzsB3eFKSUEh3Gu1N3cqVUN", "zero depth with non-zero index"},
    {"xpub661MyMwAuDcm6CRQ5N4qiHKrJ39Xe1R1NyfouMKTTWcguwVcfrZJaNvhpebzGerh7gucBvzEQWRugZDuDXjNDRmXzSZe4c7mnTK97pTvGS8", "zero depth with non-zero index"},
    {"DMwo58pR1QLEFihHiXPVykYB6fJmsTeHvyTp7hRThAtCX8CvYzgPcn8XnmdfHGMQzT7ayAmfo4z3gY5KfbrZWZ6St24UVf2Qgo6oujFktLHdHY4", "unknown extended key version"},
    {"DMwo58pR1QLEFihHiXPVykYB6fJmsTeHvyTp7hRThAtCX8CvYzgPcn8XnmdfHPmHJiEDXkTiJTVV9rHEBUem2mwVbbNfvT2MTcAqj3nesx8uBf9", "unknown extended key version"},
    {"xprv9s21ZrQH143K24Mfq5zL5MhWK9hUhhGbd45hLXo2Pq2oqzMMo63oStZzF93Y5wvzdUayhgkkFoicQZcP3y52uPPxFnfoLZB21Teqt1VvEHx", "private key 0 not in 1..n-1"},
    {"xprv9s21ZrQH143K24Mfq5zL5MhWK9hUhhGbd45hLXo2Pq2oqzMMo63oStZzFAzHGBP2UuGCqWLTAPLcMtD5SDKr24z3aiUvKr9bJpdrcLg1y3G", "private key n not in 1..n-1"},
    {"xpub661MyMwAqRbcEYS8w7XLSVeEsBXy79zSzH1J8vCdxAZningWLdN3zgtU6Q5JXayek4PRsn35jii4veMimro1xefsM58PgBMrvdYre8QyULY", "invalid pubkey 020000000000000000000000000000000000000000000000000000000000000007"},
    {"xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHL", "invalid checksum"},
  };
  const Secp256k1Context ctx = Ctx();
  for (const auto& [text, why] : invalid) {
    const std::string t = text;
    auto payload = Base58CheckDecode(t);
    if (!payload.ok()) {
      EXPECT_EQ(std::string(why), "invalid checksum") << payload.status().message();
      continue;
    }
    const bool pub = t.starts_with("xpub"), prv = t.starts_with("xprv");
    if (pub || !prv) {
      EXPECT_FALSE(ParseXpub(ctx, *payload).ok()) << why;
    }
    if (prv || !pub) {
      EXPECT_FALSE(ParseXprv(ctx, *payload).ok()) << why;
    }
  }
}

struct Slip10Step {
  std::uint32_t index;
  const char* fingerprint;  // the parent's fingerprint as SLIP-10 lists it
  const char* chain_code;
  const char* private_key;
  const char* public_key;
};

void CheckSlip10(const char* seed_hex, const std::vector<Slip10Step>& steps) {
  auto node = Slip10Ed25519MasterKey(Hex(seed_hex));
  DerivationPath path;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (i > 0) {
      path.push_back(steps[i].index);
      node = Slip10Ed25519ChildKey(*node, steps[i].index);
    }
    ASSERT_TRUE(node.ok()) << node.status().message();
    const std::string where = FormatDerivationPath(path);
    char fp[9];
    std::snprintf(fp, sizeof(fp), "%08x", node->parent_fingerprint);
    EXPECT_EQ(std::string(fp), steps[i].fingerprint) << where;
    EXPECT_EQ(ToHex(node->chain_code.span()), steps[i].chain_code) << where;
    EXPECT_EQ(ToHex(node->key.span()), steps[i].private_key) << where;
    auto pub = DeriveEd25519PublicKey(node->key);
    ASSERT_TRUE(pub.ok());
    EXPECT_EQ(ToHex(Slip10Ed25519PublicKey(*pub)), steps[i].public_key) << where;
    auto direct = Slip10Ed25519DerivePath(Hex(seed_hex), path);
    ASSERT_TRUE(direct.ok());
    EXPECT_EQ(ToHex(direct->key.span()), steps[i].private_key) << where;
  }
}

TEST(Slip10Test, Ed25519Vector1) {
  CheckSlip10("000102030405060708090a0b0c0d0e0f", {
    {0, "00000000", "90046a93de5380a72b5e45010748567d5ea02bbf6522f979e05c0d8d8ca9fffb", "2b4be7f19ee27bbf30c667b642d5f4aa69fd169872f8fc3059c08ebae2eb19e7", "00a4b2856bfec510abab89753fac1ac0e1112364e7d250545963f135f2a33188ed"},
    {0 + H, "ddebc675", "8b59aa11380b624e81507a27fedda59fea6d0b779a778918a2fd3590e16e9c69", "68e0fe46dfb67e368c75379acec591dad19df3cde26e63b93a8e704f1dade7a3", "008c8a13df77a28f3445213a0f432fde644acaa215fc72dcdf300d5efaa85d350c"},
    {1 + H, "13dab143", "a320425f77d1b5c2505a6b1b27382b37368ee640e3557c315416801243552f14", "b1d0bad404bf35da785a64ca1ac54b2617211d2777696fbffaf208f746ae84f2", "001932a5270f335bed617d5b935c80aedb1a35bd9fc1e31acafd5372c30f5c1187"},
    {2 + H, "ebe4cb29", "2e69929e00b5ab250f49c3fb1c12f252de4fed2c1db88387094a0f8c4c9ccd6c", "92a5b23c0b8a99e37d07df3fb9966917f5d06e02ddbd909c7e184371463e9fc9", "00ae98736566d30ed0e9d2f4486a64bc95740d89c7db33f52121f8ea8f76ff0fc1"},
    {2 + H, "316ec1c6", "8f6d87f93d750e0efccda017d662a1b31a266e4a6f5993b15f5c1f07f74dd5cc", "30d1dc7e5fc04c31219ab25a27ae00b50f6fd66622f6e9c913253d6511d1e662", "008abae2d66361c879b900d204ad2cc4984fa2aa344dd7ddc46007329ac76c429c"},
    {1000000000 + H, "d6322ccd", "68789923a0cac2cd5a29172a475fe9e0fb14cd6adb5ad98a3fa70333e7afa230", "8f94d394a8e8fd6b1bc2f3f49f5c47e385281d5c17e65324b0f62483e37e8793", "003c24da049451555d51a7014a37337aa4e12d41e485abccfa46b47dfb2af54b7a"},
  });
}

TEST(Slip10Test, Ed25519Vector2) {
  CheckSlip10("fffcf9f6f3f0edeae7e4e1dedbd8d5d2cfccc9c6c3c0bdbab7b4b1aeaba8a5a29f9c999693908d8a8784817e7b7875726f6c696663605d5a5754514e4b484542", {
    {0, "00000000", "ef70a74db9c3a5af931b5fe73ed8e1a53464133654fd55e7a66f8570b8e33c3b", "171cb88b1b3c1db25add599712e36245d75bc65a1a5c9e18d76f9f2b1eab4012", "008fe9693f8fa62a4305a140b9764c5ee01e455963744fe18204b4fb948249308a"},
    {0 + H, "31981b50", "0b78a3226f915c082bf118f83618a618ab6dec793752624cbeb622acb562862d", "1559eb2bbec5790b0c65d8693e4d0875b1747f4970ae8b650486ed7470845635", "0086fab68dcb57aa196c77c5f264f215a112c22a912c10d123b0d03c3c28ef1037"},
    {2147483647 + H, "1e9411b1", "138f0b2551bcafeca6ff2aa88ba8ed0ed8de070841f0c4ef0165df8181eaad7f", "ea4f5bfe8694d8bb74b7b59404632fd5968b774ed545e810de9c32a4fb4192f4", "005ba3b9ac6e90e83effcd25ac4e58a1365a9e35a3d3ae5eb07b9e4d90bcf7506d"},
    {1 + H, "fcadf38c", "73bd9fff1cfbde33a1b846c27085f711c0fe2d66fd32e139d3ebc28e5a4a6b90", "3757c7577170179c7868353ada796c839135b3d30554bbb74a4b1e4a5a58505c", "002e66aa57069c86cc18249aecf5cb5a9cebbfd6fadeab056254763874a9352b45"},
    {2147483646 + H, "aca70953", "0902fe8a29f9140480a00ef244bd183e8a13288e4412d8389d140aac1794825a", "5837736c89570de861ebc173b1086da4f505d4adb387c6a1b1342d5e4ac9ec72", "00e33c0f7d81d843c572275f287498e8d408654fdf0d1e065b84e2e6f157aab09b"},
    {2 + H, "422c654b", "5d70af781f3a37b829f0d060924d5e960bdc02e85423494afc0b1a41bbe196d4", "551d333177df541ad876a60ea71f00447931c0a9da16f227c11ea080d7391b8d", "0047150c75db263559a70d5778bf36abbab30fb061ad69f69ece61a72b0cfa4fc0"},
  });
}

TEST(Slip10Test, NormalStepsAreRefusedWithThePath) {
  const DerivationPath path = {44 + H, 1729 + H, 0};
  auto r = Slip10Ed25519DerivePath(Hex("000102030405060708090a0b0c0d0e0f"), path);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().kind(), ErrorKind::kInvalidArgument);
  EXPECT_NE(r.status().message().find("m/44'/1729'/0"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("hardened"), std::string::npos);
}

TEST(DerivationPathTest, ParsesAndFormats) {
  auto p = ParseDerivationPath("m/44'/60'/0'/0/7");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(*p, (DerivationPath{44 + H, 60 + H, 0 + H, 0, 7}));
  EXPECT_EQ(FormatDerivationPath(*p), "m/44'/60'/0'/0/7");
  EXPECT_EQ(*ParseDerivationPath("m/44h/1729H/3h/0h"), (DerivationPath{44 + H, 1729 + H, 3 + H, H}));
  EXPECT_TRUE(ParseDerivationPath("m")->empty());
  EXPECT_EQ(*ParseDerivationPath("m/2147483647'"), (DerivationPath{0xFFFFFFFFU}));
}

TEST(DerivationPathTest, RejectsBadPathsNamingTheStep) {
  for (const char* bad : {"", "/0", "44'/60'", "m/", "m//0", "m/0/", "m/-1", "m/x", "m/1''",
                          "m/2147483648", "m/2147483648'", "m/ 1", "m/0x10"}) {
    auto r = ParseDerivationPath(bad);
    EXPECT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().kind(), ErrorKind::kInvalidArgument) << bad;
  }
  EXPECT_NE(ParseDerivationPath("m/44'/x/0").status().message().find("step 2"), std::string::npos);
  std::string deep = "m";
  for (int i = 0; i < 256; ++i) deep += "/0";
  EXPECT_FALSE(ParseDerivationPath(deep).ok());
}

// Found by fuzz/bip39_fuzz: the message echoed the typed path whole, newlines included.
TEST(DerivationPathTest, MessagesShowTheTypedPathOnOneShortLine) {
  for (const std::string& bad :
       {std::string("x\nm/0"), std::string("m/0\n/1"), std::string("m/0/") + std::string(5000, '1'),
        std::string("m/1/\x1b[2J")}) {
    const std::string message = ParseDerivationPath(bad).status().message();
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    EXPECT_EQ(message.find('\x1b'), std::string::npos) << message;
    EXPECT_LT(message.size(), 200U) << message;
  }
}

TEST(HdDeriveTest, EthereumAddressesOfTheAbandonMnemonic) {
  // ethers 6.17.0, HDNodeWallet.fromPhrase("abandon ... about", "", "m/44'/60'/0'/0/i").address
  const std::vector<std::string> expected = {
      "0x9858EfFD232B4033E47d90003D41EC34EcaEda94", "0x6Fac4D18c912343BF86fa7049364Dd4E424Ab9C0",
      "0xb6716976A3ebe8D39aCEB04372f22Ff8e6802D7A", "0xF3f50213C1d2e255e4B2bAD430F8A38EEF8D718E",
      "0x51cA8ff9f1C0a99f88E86B8112eA3237F55374cA", "0xA40cFBFc8534FFC84E20a7d8bBC3729B26a35F6f",
      "0xB191a13bfE648B61002F2e2135867015B71816a6", "0x593814d3309e2dF31D112824F0bb5aa7Cb0D7d47",
      "0xB14c391e2bf19E5a26941617ab546FA620A4f163", "0x4C1C56443AbFe6dD33de31dAaF0a6E929DBc4971"};
  const auto mnemonic = SecureBytes::CopyOf(
      "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about");
  SeededRng rng(5);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const std::string path = "m/44'/60'/0'/0/" + std::to_string(i);
    auto key = DeriveKeyFromMnemonic(KeyKind::kSecp256k1, mnemonic, SecureBytes(), path, rng);
    ASSERT_TRUE(key.ok()) << key.status().message();
    EXPECT_EQ(key->address, expected[i]) << path;
  }
}

TEST(HdDeriveTest, Ed25519FromSeedMatchesSlip10AndRefusesOtherKinds) {
  SeededRng rng(5);
  const SecureBytes seed = Hex("000102030405060708090a0b0c0d0e0f");
  auto key = DeriveKeyFromSeed(KeyKind::kEd25519, seed, "m/0'/1'", rng);
  ASSERT_TRUE(key.ok()) << key.status().message();
  EXPECT_EQ(ToHex(key->secret.span()),
            "b1d0bad404bf35da785a64ca1ac54b2617211d2777696fbffaf208f746ae84f2");
  EXPECT_EQ(key->public_key_hex,
            "1932a5270f335bed617d5b935c80aedb1a35bd9fc1e31acafd5372c30f5c1187");
  EXPECT_TRUE(key->tezos_address.starts_with("tz1"));
  EXPECT_EQ(DeriveKeyFromSeed(KeyKind::kRandom, seed, "m/0'", rng).status().kind(),
            ErrorKind::kInvalidArgument);
  EXPECT_EQ(DeriveKeyFromSeed(KeyKind::kEd25519, seed, "m/0", rng).status().kind(),
            ErrorKind::kInvalidArgument);
  EXPECT_EQ(DefaultDerivationPath(KeyKind::kSecp256k1), "m/44'/60'/0'/0/0");
}

TEST(Bip32Test, SeedSizeIsChecked) {
  const Secp256k1Context ctx = Ctx();
  EXPECT_EQ(Bip32MasterKey(ctx, SecureBytes(15)).status().kind(), ErrorKind::kInvalidInput);
  EXPECT_EQ(Bip32MasterKey(ctx, SecureBytes(65)).status().kind(), ErrorKind::kInvalidInput);
  EXPECT_TRUE(Bip32MasterKey(ctx, SecureBytes(64)).ok());
}

}  // namespace
}  // namespace keyrite::keys
