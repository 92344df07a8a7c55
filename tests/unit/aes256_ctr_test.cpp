// Tests for base/aes256_ctr.h: NIST SP 800-38A's CTR-AES256 example (F.5.5), the counter's
// wrap, and long streams of every length against libsodium's AES-256-GCM, whose ciphertext of
// zero bytes is the CTR keystream from the counter block nonce || 00000002.

#include "base/aes256_ctr.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <string>
#include <vector>

#include "base/hex.h"
#include "base/rng.h"

namespace keyrite::internal {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes FromHex(const std::string& hex) {
  Bytes out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<std::uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

Bytes Keystream(const Bytes& key, const Bytes& iv, std::size_t size) {
  Bytes out(size + 1, 0xA5);  // one guard byte
  Aes256CtrKeystream(key.data(), iv.data(), out.data(), size);
  EXPECT_EQ(out[size], 0xA5) << "wrote past the end at size " << size;
  out.pop_back();
  return out;
}

class Aes256CtrTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!Aes256CtrSupported()) GTEST_SKIP() << "this CPU has no AES instructions";
    ASSERT_GE(sodium_init(), 0);
  }
};

TEST_F(Aes256CtrTest, Sp800_38aExample) {
  const Bytes key = FromHex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4");
  const Bytes iv = FromHex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
  const Bytes plain = FromHex(
      "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
      "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710");
  const Bytes cipher = FromHex(
      "601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c5"
      "2b0930daa23de94ce87017ba2d84988ddfc9c58db67aada613c2dd08457941a6");
  // Every length 0..64, so the example is checked through the one-block path too.
  for (std::size_t n = 0; n <= plain.size(); ++n) {
    const Bytes ks = Keystream(key, iv, n);
    for (std::size_t i = 0; i < n; ++i) {
      ASSERT_EQ(plain[i] ^ ks[i], cipher[i]) << "byte " << i << " of " << n;
    }
  }
}

TEST_F(Aes256CtrTest, CounterWrapsInItsLastEightBytesOnly) {
  Bytes key(32);
  SeededRng(1).Fill(key);
  Bytes iv = FromHex("0001020304050607fffffffffffffffe");
  const Bytes ks = Keystream(key, iv, 20 * 16);  // through the eight-block path and past the wrap
  for (std::size_t b = 0; b < 20; ++b) {
    Bytes block_iv = FromHex("0001020304050607");
    const std::uint64_t c = 0xfffffffffffffffeULL + b;
    for (int i = 7; i >= 0; --i) block_iv.push_back(static_cast<std::uint8_t>(c >> (8 * i)));
    EXPECT_EQ(Keystream(key, block_iv, 16), Bytes(ks.begin() + b * 16, ks.begin() + b * 16 + 16))
        << "block " << b;
  }
}

TEST_F(Aes256CtrTest, MatchesLibsodiumsGcmKeystreamAtEveryLength) {
  if (crypto_aead_aes256gcm_is_available() == 0) GTEST_SKIP() << "libsodium offers no AES-GCM";
  SeededRng rng(2);
  std::vector<std::size_t> sizes;
  for (std::size_t n = 0; n <= 1100; ++n) sizes.push_back(n);
  sizes.insert(sizes.end(), {4096, 65536 + 5, (std::size_t{1} << 20) + 17});
  for (const std::size_t n : sizes) {
    Bytes key(32), nonce(crypto_aead_aes256gcm_NPUBBYTES);
    rng.Fill(key);
    rng.Fill(nonce);
    const Bytes zeros(n);
    Bytes sealed(n + crypto_aead_aes256gcm_ABYTES);
    unsigned long long sealed_len = 0;
    ASSERT_EQ(crypto_aead_aes256gcm_encrypt(sealed.data(), &sealed_len, zeros.data(), n, nullptr, 0,
                                            nullptr, nonce.data(), key.data()),
              0);
    Bytes iv = nonce;
    iv.insert(iv.end(), {0, 0, 0, 2});
    ASSERT_EQ(Keystream(key, iv, n), Bytes(sealed.begin(), sealed.begin() + n)) << "size " << n;
  }
}

}  // namespace
}  // namespace keyrite::internal
