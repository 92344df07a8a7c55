// Tests for the keys module: key kinds, secp256k1 and ed25519 keys, random secrets, passwords
// and the GenerateKey / DescribeKey entry points. Keccak, base58, Ethereum and Tezos encodings
// have their own files (keccak_test.cpp, base58_test.cpp, ethereum_test.cpp, tezos_test.cpp).
//
// Sources:
//  [RFC8032]  RFC 8032 section 7.1, TEST 1 and TEST 2 (SECRET KEY -> PUBLIC KEY).
//  [SEC2]     SEC 2 v2 section 2.4.1: the order n of secp256k1.

#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

#include "base/hex.h"
#include "keys/ed25519_key.h"
#include "keys/key_material.h"
#include "keys/secp256k1_key.h"

namespace keyrite::keys {
namespace {

// n = FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFE BAAEDCE6 AF48A03B BFD25E8C D0364141 [SEC2]
constexpr std::string_view kOrderHex =
    "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";

secmem::SecureBytes SecretFromHex(std::string_view hex) {
  auto bytes = FromHex(hex);
  EXPECT_TRUE(bytes.ok()) << hex;
  return secmem::SecureBytes::CopyOf(bytes.ok() ? *bytes : std::vector<std::uint8_t>{});
}

// Feeds scripted blocks first, then falls back to a seeded stream.
class ScriptedRng final : public Rng {
 public:
  explicit ScriptedRng(std::deque<std::vector<std::uint8_t>> blocks) : blocks_(std::move(blocks)) {}
  void Fill(std::span<std::uint8_t> out) override {
    if (blocks_.empty()) return fallback_.Fill(out);
    ASSERT_EQ(blocks_.front().size(), out.size());
    std::copy(blocks_.front().begin(), blocks_.front().end(), out.begin());
    blocks_.pop_front();
  }
  bool exhausted() const { return blocks_.empty(); }

 private:
  std::deque<std::vector<std::uint8_t>> blocks_;
  SeededRng fallback_{99};
};

// ---- KeyKind ----

TEST(KeysKind, ParsesEveryNameAndRoundTrips) {
  for (KeyKind kind :
       {KeyKind::kSecp256k1, KeyKind::kEd25519, KeyKind::kRandom, KeyKind::kPassword,
        KeyKind::kBip39}) {
    auto parsed = ParseKeyKind(KeyKindName(kind));
    ASSERT_TRUE(parsed.ok()) << KeyKindName(kind);
    EXPECT_EQ(*parsed, kind);
  }
  EXPECT_EQ(KeyKindName(KeyKind::kSecp256k1), "secp256k1");
  EXPECT_EQ(KeyKindName(KeyKind::kPassword), "password");
  EXPECT_EQ(KeyKindName(KeyKind::kBip39), "bip39");  // a keystore seed entry (issue 8)
}

TEST(KeysKind, RejectsUnknownNamesWithTheChoices) {
  for (std::string_view name : {"", "rsa", "Secp256k1", "ed25519 ", "BIP39", "bip32"}) {
    auto parsed = ParseKeyKind(name);
    ASSERT_FALSE(parsed.ok()) << name;
    EXPECT_EQ(parsed.status().kind(), ErrorKind::kInvalidArgument);
    EXPECT_NE(parsed.status().message().find("secp256k1, ed25519, random, password, bip39"),
              std::string::npos);
  }
}

// ---- secp256k1 ----

TEST(KeysSecp256k1, ThousandSeededDrawsAreInRange) {
  SeededRng rng(20240601);
  auto ctx = Secp256k1Context::Create(rng);
  ASSERT_TRUE(ctx.ok()) << ctx.status().message();
  const auto order = *FromHex(kOrderHex);
  const std::vector<std::uint8_t> zero(32, 0);
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const secmem::SecureBytes secret = GenerateSecp256k1Secret(*ctx, rng);
    ASSERT_EQ(secret.size(), 32u);
    EXPECT_FALSE(std::equal(zero.begin(), zero.end(), secret.span().begin()));
    EXPECT_TRUE(std::lexicographical_compare(secret.span().begin(), secret.span().end(),
                                             order.begin(), order.end()));
    seen.insert(ToHex(secret.span()));
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(KeysSecp256k1, GenerationRedrawsOutOfRangeBytes) {
  SeededRng blinding(1);
  auto ctx = Secp256k1Context::Create(blinding);
  ASSERT_TRUE(ctx.ok());
  const auto order = *FromHex(kOrderHex);
  const std::vector<std::uint8_t> valid(32, 0x42);
  ScriptedRng rng(
      {std::vector<std::uint8_t>(32, 0xff), std::vector<std::uint8_t>(32, 0), order, valid});
  const secmem::SecureBytes secret = GenerateSecp256k1Secret(*ctx, rng);
  EXPECT_TRUE(rng.exhausted());
  EXPECT_EQ(ToHex(secret.span()), ToHex(valid));
}

TEST(KeysSecp256k1, DescribeRejectsOutOfRangeSecrets) {
  const std::string out_of_range[] = {
      std::string(64, '0'),                                                // zero
      std::string(kOrderHex),                                              // n
      "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364142",  // n + 1
      std::string(64, 'f'),                                                // 2^256 - 1
  };
  for (const std::string& hex : out_of_range) {
    auto key = DescribeKey(KeyKind::kSecp256k1, SecretFromHex(hex));
    ASSERT_FALSE(key.ok()) << hex;
    EXPECT_EQ(key.status().kind(), ErrorKind::kInvalidInput) << hex;
    EXPECT_EQ(key.status().message().find(hex.substr(0, 16)), std::string::npos);
  }
}

TEST(KeysSecp256k1, DescribeAcceptsOrderMinusOne) {
  auto key = DescribeKey(
      KeyKind::kSecp256k1,
      SecretFromHex("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140"));
  ASSERT_TRUE(key.ok()) << key.status().message();
  // (n-1)G = -G: G's x with the odd-y tag [SEC2].
  EXPECT_EQ(key->public_key_hex,
            "0379be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
}

TEST(KeysSecp256k1, DescribeRejectsWrongLengths) {
  for (std::size_t size : {0u, 1u, 31u, 33u, 64u}) {
    auto key = DescribeKey(KeyKind::kSecp256k1,
                           secmem::SecureBytes::CopyOf(std::vector<std::uint8_t>(size, 1)));
    ASSERT_FALSE(key.ok()) << size;
    EXPECT_EQ(key.status().kind(), ErrorKind::kInvalidInput) << size;
  }
}

TEST(KeysSecp256k1, SelfTestCatchesAMismatchedPublicKey) {
  SeededRng rng(5);
  auto ctx = Secp256k1Context::Create(rng);
  ASSERT_TRUE(ctx.ok());
  const secmem::SecureBytes a = GenerateSecp256k1Secret(*ctx, rng);
  const secmem::SecureBytes b = GenerateSecp256k1Secret(*ctx, rng);
  auto public_b = DeriveSecp256k1PublicKey(*ctx, b);
  ASSERT_TRUE(public_b.ok());
  EXPECT_TRUE(SelfTestSecp256k1(*ctx, b, *public_b).ok());
  EXPECT_EQ(SelfTestSecp256k1(*ctx, a, *public_b).kind(), ErrorKind::kInternal);
}

TEST(KeysSecp256k1, ContextIsMoveOnly) {
  static_assert(!std::is_copy_constructible_v<Secp256k1Context>);
  static_assert(std::is_nothrow_move_constructible_v<Secp256k1Context>);
  SeededRng rng(6);
  auto ctx = Secp256k1Context::Create(rng);
  ASSERT_TRUE(ctx.ok());
  Secp256k1Context moved = std::move(*ctx);
  EXPECT_NE(moved.get(), nullptr);
  EXPECT_EQ(ctx->get(), nullptr);  // NOLINT(bugprone-use-after-move): checking the moved-from
}

// ---- ed25519 ----

TEST(KeysEd25519, Rfc8032SecretKeysGiveTheirPublicKeys) {  // [RFC8032]
  auto one = DescribeKey(KeyKind::kEd25519, SecretFromHex("9d61b19deffd5a60ba844af492ec2cc4"
                                                          "4449c5697b326919703bac031cae7f60"));
  ASSERT_TRUE(one.ok()) << one.status().message();
  EXPECT_EQ(one->public_key_hex,
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  auto two = DescribeKey(KeyKind::kEd25519, SecretFromHex("4ccd089b28ff96da9db6c346ec114e0f"
                                                          "5b8a319f35aba624da8cf6ed4fb8a6fb"));
  ASSERT_TRUE(two.ok()) << two.status().message();
  EXPECT_EQ(two->public_key_hex,
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
}

TEST(KeysEd25519, PublicKeyMatchesLibsodiumSeedKeypair) {
  ASSERT_GE(sodium_init(), 0);
  SeededRng rng(7);
  for (int i = 0; i < 50; ++i) {
    const secmem::SecureBytes seed = GenerateEd25519Seed(rng);
    auto derived = DeriveEd25519PublicKey(seed);
    ASSERT_TRUE(derived.ok());
    std::array<std::uint8_t, crypto_sign_PUBLICKEYBYTES> expected;
    secmem::SecureBytes secret_key(crypto_sign_SECRETKEYBYTES);
    ASSERT_EQ(crypto_sign_seed_keypair(expected.data(), secret_key.data(), seed.data()), 0);
    EXPECT_EQ(*derived, expected);
  }
}

TEST(KeysEd25519, DescribeRejectsWrongLengths) {
  for (std::size_t size : {0u, 31u, 33u, 64u}) {
    auto key = DescribeKey(KeyKind::kEd25519,
                           secmem::SecureBytes::CopyOf(std::vector<std::uint8_t>(size, 1)));
    ASSERT_FALSE(key.ok()) << size;
    EXPECT_EQ(key.status().kind(), ErrorKind::kInvalidInput) << size;
  }
}

TEST(KeysEd25519, SelfTestCatchesAMismatchedPublicKey) {
  SeededRng rng(8);
  const secmem::SecureBytes a = GenerateEd25519Seed(rng);
  const secmem::SecureBytes b = GenerateEd25519Seed(rng);
  auto public_b = DeriveEd25519PublicKey(b);
  ASSERT_TRUE(public_b.ok());
  EXPECT_TRUE(SelfTestEd25519(b, *public_b).ok());
  EXPECT_EQ(SelfTestEd25519(a, *public_b).kind(), ErrorKind::kInternal);
}

// ---- random secrets ----

TEST(KeysRandom, SizesAtTheLimitsWork) {
  for (std::size_t size : {kMinRandomBytes, kDefaultRandomBytes, kMaxRandomBytes}) {
    SeededRng rng(9);
    auto secret = GenerateRandomSecret(size, rng);
    ASSERT_TRUE(secret.ok()) << size;
    EXPECT_EQ(secret->size(), size);
  }
}

TEST(KeysRandom, SizesOutsideTheLimitsAreRefused) {
  for (std::size_t size : {std::size_t{0}, kMaxRandomBytes + 1}) {
    SeededRng rng(9);
    auto secret = GenerateRandomSecret(size, rng);
    ASSERT_FALSE(secret.ok()) << size;
    EXPECT_EQ(secret.status().kind(), ErrorKind::kInvalidArgument);
  }
}

TEST(KeysRandom, ComesFromTheRng) {
  SeededRng a1(10), a2(10), b(11);
  auto x = GenerateRandomSecret(32, a1), y = GenerateRandomSecret(32, a2),
       z = GenerateRandomSecret(32, b);
  ASSERT_TRUE(x.ok() && y.ok() && z.ok());
  EXPECT_EQ(ToHex(x->span()), ToHex(y->span()));
  EXPECT_NE(ToHex(x->span()), ToHex(z->span()));
}

// ---- passwords ----

TEST(KeysPassword, AlphabetHasNoLookAlikes) {
  EXPECT_EQ(kPasswordAlphabet.size(), 57u);
  EXPECT_EQ(kPasswordAlphabet.find_first_of("0O1Il"), std::string_view::npos);
  EXPECT_EQ(std::set<char>(kPasswordAlphabet.begin(), kPasswordAlphabet.end()).size(), 57u);
}

TEST(KeysPassword, DefaultLengthCarriesAtLeast128Bits) {
  const double bits = static_cast<double>(kDefaultPasswordLength) *
                      std::log2(static_cast<double>(kPasswordAlphabet.size()));
  EXPECT_GE(bits, 128.0);
}

TEST(KeysPassword, HasTheLengthAndOnlyAlphabetCharacters) {
  SeededRng rng(12);
  for (std::size_t length : {kMinPasswordLength, kDefaultPasswordLength, kMaxPasswordLength}) {
    auto password = GeneratePassword(length, rng);
    ASSERT_TRUE(password.ok()) << length;
    EXPECT_EQ(password->size(), length);
    EXPECT_EQ(password->view().find_first_not_of(kPasswordAlphabet), std::string_view::npos);
  }
}

TEST(KeysPassword, UsesEveryCharacterOfTheAlphabet) {
  SeededRng rng(13);
  std::set<char> used;
  for (int i = 0; i < 200; ++i) {
    auto password = GeneratePassword(kDefaultPasswordLength, rng);
    ASSERT_TRUE(password.ok());
    used.insert(password->view().begin(), password->view().end());
  }
  EXPECT_EQ(used.size(), kPasswordAlphabet.size());
}

TEST(KeysPassword, DifferentSeedsDifferAndTheSameSeedRepeats) {
  SeededRng a1(14), a2(14), b(15);
  auto x = GeneratePassword(kDefaultPasswordLength, a1);
  auto y = GeneratePassword(kDefaultPasswordLength, a2);
  auto z = GeneratePassword(kDefaultPasswordLength, b);
  ASSERT_TRUE(x.ok() && y.ok() && z.ok());
  EXPECT_EQ(x->view(), y->view());
  EXPECT_NE(x->view(), z->view());
}

TEST(KeysPassword, LengthsOutsideTheLimitsAreRefused) {
  for (std::size_t length : {std::size_t{0}, kMinPasswordLength - 1, kMaxPasswordLength + 1}) {
    SeededRng rng(16);
    auto password = GeneratePassword(length, rng);
    ASSERT_FALSE(password.ok()) << length;
    EXPECT_EQ(password.status().kind(), ErrorKind::kInvalidArgument);
  }
}

// ---- GenerateKey / DescribeKey ----

void ExpectSamePublicParts(const KeyMaterial& a, const KeyMaterial& b) {
  EXPECT_EQ(a.public_key_hex, b.public_key_hex);
  EXPECT_EQ(a.address, b.address);
  EXPECT_EQ(a.tezos_address, b.tezos_address);
  EXPECT_EQ(a.tezos_public_key, b.tezos_public_key);
}

TEST(KeysGenerate, Secp256k1KeyHasAllItsPublicParts) {
  SeededRng rng(17);
  auto key = GenerateKey(KeyKind::kSecp256k1, KeyOptions{}, rng);
  ASSERT_TRUE(key.ok()) << key.status().message();
  EXPECT_EQ(key->kind, KeyKind::kSecp256k1);
  EXPECT_EQ(key->secret.size(), 32u);
  EXPECT_EQ(key->public_key_hex.size(), 66u);
  EXPECT_EQ(key->address.size(), 42u);
  EXPECT_EQ(key->address.substr(0, 2), "0x");
  EXPECT_EQ(key->tezos_address.substr(0, 3), "tz2");
  EXPECT_EQ(key->tezos_public_key.substr(0, 4), "sppk");
  auto described = DescribeKey(KeyKind::kSecp256k1, key->secret.Slice(0, 32));
  ASSERT_TRUE(described.ok());
  ExpectSamePublicParts(*key, *described);
}

TEST(KeysGenerate, Ed25519KeyHasTezosPartsAndNoEthereumAddress) {
  SeededRng rng(18);
  auto key = GenerateKey(KeyKind::kEd25519, KeyOptions{}, rng);
  ASSERT_TRUE(key.ok()) << key.status().message();
  EXPECT_EQ(key->secret.size(), 32u);
  EXPECT_EQ(key->public_key_hex.size(), 64u);
  EXPECT_TRUE(key->address.empty());
  EXPECT_EQ(key->tezos_address.substr(0, 3), "tz1");
  EXPECT_EQ(key->tezos_public_key.substr(0, 4), "edpk");
  auto described = DescribeKey(KeyKind::kEd25519, key->secret.Slice(0, 32));
  ASSERT_TRUE(described.ok());
  ExpectSamePublicParts(*key, *described);
}

TEST(KeysGenerate, SameSeedSameKeyOtherSeedOtherKey) {
  for (KeyKind kind : {KeyKind::kSecp256k1, KeyKind::kEd25519}) {
    SeededRng a1(19), a2(19), b(20);
    auto x = GenerateKey(kind, KeyOptions{}, a1);
    auto y = GenerateKey(kind, KeyOptions{}, a2);
    auto z = GenerateKey(kind, KeyOptions{}, b);
    ASSERT_TRUE(x.ok() && y.ok() && z.ok());
    EXPECT_EQ(x->tezos_address, y->tezos_address);
    EXPECT_NE(x->tezos_address, z->tezos_address);
  }
}

TEST(KeysGenerate, RandomAndPasswordFollowTheOptions) {
  SeededRng rng(21);
  KeyOptions options;
  options.random_bytes = 48;
  options.password_length = 30;
  auto random = GenerateKey(KeyKind::kRandom, options, rng);
  auto password = GenerateKey(KeyKind::kPassword, options, rng);
  ASSERT_TRUE(random.ok() && password.ok());
  EXPECT_EQ(random->secret.size(), 48u);
  EXPECT_EQ(password->secret.size(), 30u);
  EXPECT_TRUE(random->public_key_hex.empty() && random->tezos_address.empty());
  options.random_bytes = 0;
  EXPECT_EQ(GenerateKey(KeyKind::kRandom, options, rng).status().kind(),
            ErrorKind::kInvalidArgument);
}

TEST(KeysGenerate, DescribeRejectsEmptyOpaqueSecrets) {
  for (KeyKind kind : {KeyKind::kRandom, KeyKind::kPassword}) {
    auto key = DescribeKey(kind, secmem::SecureBytes());
    ASSERT_FALSE(key.ok());
    EXPECT_EQ(key.status().kind(), ErrorKind::kInvalidInput);
  }
  auto ok = DescribeKey(KeyKind::kPassword, secmem::SecureBytes::CopyOf("hunter2hunter2"));
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->secret.view(), "hunter2hunter2");
}

}  // namespace
}  // namespace keyrite::keys
