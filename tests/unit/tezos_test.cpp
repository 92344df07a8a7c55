// Tezos encodings (tz1, tz2, edpk, sppk) against the Octez test vectors.
//
// Sources (github.com/tezos/tezos-mirror):
//  [PFX]  src/lib_crypto/base58.ml, module Prefix: tz1 "\006\161\159", tz2 "\006\161\161",
//         edpk "\013\015\037\217", sppk "\003\254\226\086", edsk (seed) "\013\015\058\007",
//         spsk "\017\162\224\201".
//  [VEC]  src/lib_crypto/test/key_encoding_vectors.ml: ed25519_pkhs / secp256k1_pkhs
//         (hash -> address) and ed25519_key_encodings / secp256k1_key_encodings
//         (seed, address, public key, secret key); the first two entries of each are used here.

#include "keys/tezos.h"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "base/hex.h"
#include "keys/key_material.h"

namespace keyrite::keys {
namespace {

// Secret-key prefixes, only for reading the published test keys ([PFX]); keyrite never writes
// secrets as base58.
constexpr std::array<std::uint8_t, 4> kEdskSeedPrefix = {13, 15, 58, 7};
constexpr std::array<std::uint8_t, 4> kSpskPrefix = {17, 162, 224, 201};

struct KeyVector {
  const char* seed_hex;
  const char* address;
  const char* public_key;
  const char* secret_key;
};

constexpr KeyVector kEd25519Vectors[] = {
    // [VEC] ed25519_key_encodings
    {"98b94d2fa3f98746d3c8b2d1cdde21e43d95b260d8665503a47f5d33da3586d4",
     "tz1SodoUsWVe1Yey9eMFbqRUtNpBWfir5NRr",
     "edpkufnz668CdgnVC4X5KRvJoXCMgicr29Tjmr5vxGzvMdipwkTZmM",
     "edsk3qAQSJaDBSYN2PCMdv7BuJoBKeRyDFq5uPAwDfFRAhQdwHxPMN"},
    {"cd8c3ff8fa653379b8e215aeafc215c79eb3916860c8d799c9238ebacff746c3",
     "tz1hzyx6kUgxkM8DeWDQ8Zd1jqTdkHFjMRMT",
     "edpktkyJU8x7cyDuFPFqR7W5fAGB2jgZF38YD57K7jXxRAPUutt2q5",
     "edsk4ERiv9CNq5KqVnAisihtXskKQLopY9Ux2gNuQbH61zahXx9xjR"},
};

constexpr KeyVector kSecp256k1Vectors[] = {
    // [VEC] secp256k1_key_encodings
    {"b4cfc339fea1412defe5e60a153feacfb0c171757751278e65c2654ea5cbce1f",
     "tz2SSuN7FRcAurZPSAQS1swNWE8xxf71MTjt",
     "sppk7aFpmJLm3ZxMd3F4osvGBq77R1NeSpiJVnof3Wiv4mt84EBE9aX",
     "spsk2oCGdj7yZFmAWr1wqopU512kDtCfWfs7N4FoRH6bkHhgXk5Tu5"},
    {"82ba55eba1181ef514812058c1cadcc028080ab57f12155eee6af31b7d6c44c3",
     "tz2EoucBgYrBemSsLszAZP86cEfsz13idBaT",
     "sppk7cNMvaoPostzGxnKFNkqx2QKUKs2YHjokroHEGq1S2hUvRJa89X",
     "spsk2R8x2JbQq2jPn1SuJK7NBxAajNgoctcLgat99fMPBr8nrQxPqc"},
};

Result<KeyMaterial> DescribePublished(KeyKind kind, std::string_view secret_text,
                                      std::span<const std::uint8_t> prefix) {
  KR_ASSIGN_OR_RETURN(std::vector<std::uint8_t> secret, TezosDecode(secret_text, prefix, 32));
  return DescribeKey(kind, secmem::SecureBytes::CopyOf(secret));
}

TEST(KeysTezos, Ed25519SecretGivesPublishedTz1AndEdpk) {
  for (const KeyVector& v : kEd25519Vectors) {
    auto key = DescribePublished(KeyKind::kEd25519, v.secret_key, kEdskSeedPrefix);
    ASSERT_TRUE(key.ok()) << v.secret_key << ": " << key.status().message();
    EXPECT_EQ(key->tezos_address, v.address);
    EXPECT_EQ(key->tezos_public_key, v.public_key);
    EXPECT_EQ(ToHex(key->secret.span()), v.seed_hex);  // Octez used the seed as given
  }
}

TEST(KeysTezos, Secp256k1SecretGivesPublishedTz2AndSppk) {
  for (const KeyVector& v : kSecp256k1Vectors) {
    auto key = DescribePublished(KeyKind::kSecp256k1, v.secret_key, kSpskPrefix);
    ASSERT_TRUE(key.ok()) << v.secret_key << ": " << key.status().message();
    EXPECT_EQ(key->tezos_address, v.address);
    EXPECT_EQ(key->tezos_public_key, v.public_key);
  }
}

TEST(KeysTezos, PublishedKeyHashesEncodeToTheirAddresses) {  // [VEC] *_pkhs
  auto tz1_hash = FromHex("811d97c377168a8bb2111c1651d23d9116b92f4c");
  auto tz2_hash = FromHex("a8a3da850741d1cf7eb53a3514c0bf3df62b3378");
  ASSERT_TRUE(tz1_hash.ok() && tz2_hash.ok());
  EXPECT_EQ(TezosEncode(kTz1Prefix, *tz1_hash), "tz1XQjK1b3P72kMcHsoPhnAg3dvX1n8Ainty");
  EXPECT_EQ(TezosEncode(kTz2Prefix, *tz2_hash), "tz2PgvUJzfmDXTZUvkyKbQb8kjoWR4Wa5Rpv");
}

TEST(KeysTezos, PublicKeyTextDecodesBackToTheKey) {
  const KeyVector& v = kEd25519Vectors[0];
  auto key = DescribePublished(KeyKind::kEd25519, v.secret_key, kEdskSeedPrefix);
  ASSERT_TRUE(key.ok());
  auto decoded = TezosDecode(v.public_key, kEdpkPrefix, 32);
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  EXPECT_EQ(ToHex(*decoded), key->public_key_hex);
}

TEST(KeysTezos, DecodeRejectsTheWrongKindOfText) {
  auto as_sppk = TezosDecode(kEd25519Vectors[0].public_key, kSppkPrefix, 33);
  ASSERT_FALSE(as_sppk.ok());
  EXPECT_EQ(as_sppk.status().kind(), ErrorKind::kInvalidInput);
  // The text may be secret key text: the message must not repeat it.
  auto wrong = TezosDecode(kSecp256k1Vectors[0].secret_key, kEdskSeedPrefix, 32);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().message().find(kSecp256k1Vectors[0].secret_key), std::string::npos);
}

TEST(KeysTezos, BadChecksumIsCorrupt) {
  std::string text = kEd25519Vectors[0].address;
  text.back() = text.back() == 'r' ? 's' : 'r';
  auto decoded = TezosDecode(text, kTz1Prefix, 20);
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().kind(), ErrorKind::kCorrupt);
}

// The prefixes are what make the texts start with their names ([PFX]).
TEST(KeysTezos, PrefixesGiveTheirNames) {
  const std::array<std::uint8_t, 33> zeros{};
  EXPECT_EQ(TezosEncode(kTz1Prefix, std::span(zeros).first(20)).substr(0, 3), "tz1");
  EXPECT_EQ(TezosEncode(kTz2Prefix, std::span(zeros).first(20)).substr(0, 3), "tz2");
  EXPECT_EQ(EdpkText(std::span(zeros).first<32>()).substr(0, 4), "edpk");
  EXPECT_EQ(SppkText(zeros).substr(0, 4), "sppk");
}

}  // namespace
}  // namespace keyrite::keys
