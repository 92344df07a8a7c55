// Tests for keys/keystore_v3.h. Known answers: the two test vectors of the Web3 Secret Storage
// Definition (ethereum.org "Web3 secret storage definition", "Test vectors": password
// "testpassword", secret 7a28b5ba...fe9d; one file with scrypt n=262144 r=1 p=8, one with
// pbkdf2-hmac-sha256 c=262144). Interop: ethers (npm) decrypts our output, when node and ethers
// are installed (KEYRITE_ETHERS_DIR names a directory holding node_modules/ethers).

#include "keys/keystore_v3.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "base/hex.h"
#include "keys/key_material.h"

namespace keyrite::keys {
namespace {

using secmem::SecureBytes;

constexpr const char* kSecret = "7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d";

constexpr const char* kScryptVector = R"({"crypto":{"cipher":"aes-128-ctr",
 "cipherparams":{"iv":"83dbcc02d8ccb40e466191a123791e0e"},
 "ciphertext":"d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c","kdf":"scrypt",
 "kdfparams":{"dklen":32,"n":262144,"r":1,"p":8,
 "salt":"ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19"},
 "mac":"2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097"},
 "id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3})";

constexpr const char* kPbkdf2Vector = R"({"crypto":{"cipher":"aes-128-ctr",
 "cipherparams":{"iv":"6087dab2f9fdbbfaddc31a909735c1e6"},
 "ciphertext":"5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46","kdf":"pbkdf2",
 "kdfparams":{"c":262144,"dklen":32,"prf":"hmac-sha256",
 "salt":"ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd"},
 "mac":"517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2"},
 "id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3})";

SecureBytes Pass(const char* text) { return SecureBytes::CopyOf(std::string_view(text)); }

SecureBytes Key(const std::string& hex) { return SecureBytes::CopyOf(*FromHex(hex)); }

KeystoreV3Params Fast() { return {4096, 8, 1}; }

TEST(KeystoreV3Test, DecryptsTheSpecScryptVector) {
  SeededRng rng(1);
  auto k = DecryptKeystoreV3(kScryptVector, Pass("testpassword"), rng);
  ASSERT_TRUE(k.ok()) << k.status().message();
  EXPECT_EQ(ToHex(k->private_key.span()), kSecret);
  EXPECT_EQ(k->id, "3198bc9c-6672-5ab3-d995-4942343ae5b6");
  auto described = DescribeKey(KeyKind::kSecp256k1, Key(kSecret), rng);
  ASSERT_TRUE(described.ok());
  EXPECT_EQ(k->address, described->address);
}

TEST(KeystoreV3Test, DecryptsTheSpecPbkdf2Vector) {
  SeededRng rng(1);
  auto k = DecryptKeystoreV3(kPbkdf2Vector, Pass("testpassword"), rng);
  ASSERT_TRUE(k.ok()) << k.status().message();
  EXPECT_EQ(ToHex(k->private_key.span()), kSecret);
}

TEST(KeystoreV3Test, WrongPassphraseFailsTheMac) {
  SeededRng rng(1);
  auto k = DecryptKeystoreV3(kPbkdf2Vector, Pass("testpassworD"), rng);
  EXPECT_EQ(k.status().kind(), ErrorKind::kCorrupt);
}

TEST(KeystoreV3Test, RoundTripWritesGethShape) {
  SeededRng rng(9);
  auto text = EncryptKeystoreV3(Key(kSecret), Pass("correct horse"), Fast(), rng);
  ASSERT_TRUE(text.ok()) << text.status().message();
  const auto j = nlohmann::json::parse(*text);
  EXPECT_EQ(j.at("version"), 3);
  EXPECT_EQ(j.at("crypto").at("kdf"), "scrypt");
  EXPECT_EQ(j.at("crypto").at("kdfparams").at("n"), 4096);
  EXPECT_EQ(j.at("crypto").at("kdfparams").at("r"), 8);
  const std::string address = j.at("address");
  EXPECT_EQ(address.size(), 40U);  // no 0x, lower case, as geth writes it
  const std::string id = j.at("id");
  EXPECT_EQ(id.size(), 36U);
  EXPECT_EQ(id[14], '4');  // a version-4 UUID
  auto back = DecryptKeystoreV3(*text, Pass("correct horse"), rng);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(ToHex(back->private_key.span()), kSecret);
  EXPECT_NE(text->find(address), std::string::npos);
}

TEST(KeystoreV3Test, TamperingIsCaught) {
  SeededRng rng(9);
  const std::string good = *EncryptKeystoreV3(Key(kSecret), Pass("pw"), Fast(), rng);
  auto j = nlohmann::json::parse(good);
  std::string ct = j["crypto"]["ciphertext"];
  ct[0] = ct[0] == '0' ? '1' : '0';
  j["crypto"]["ciphertext"] = ct;
  EXPECT_EQ(DecryptKeystoreV3(j.dump(), Pass("pw"), rng).status().kind(), ErrorKind::kCorrupt);
  j = nlohmann::json::parse(good);
  j["address"] = "0000000000000000000000000000000000000001";
  EXPECT_EQ(DecryptKeystoreV3(j.dump(), Pass("pw"), rng).status().kind(), ErrorKind::kMismatch);
  j = nlohmann::json::parse(good);
  j["version"] = 4;
  EXPECT_EQ(DecryptKeystoreV3(j.dump(), Pass("pw"), rng).status().kind(), ErrorKind::kUnsupported);
  j = nlohmann::json::parse(good);
  j["crypto"]["kdfparams"]["n"] = 1U << 30;
  EXPECT_EQ(DecryptKeystoreV3(j.dump(), Pass("pw"), rng).status().kind(), ErrorKind::kUnsupported);
  j = nlohmann::json::parse(good);
  j["crypto"].erase("mac");
  EXPECT_EQ(DecryptKeystoreV3(j.dump(), Pass("pw"), rng).status().kind(), ErrorKind::kInvalidInput);
  EXPECT_EQ(DecryptKeystoreV3("{not json", Pass("pw"), rng).status().kind(),
            ErrorKind::kInvalidInput);
}

// 128 * n * r wrapped around 2^64 and let n = 2^57, r = 1024 through the 1 GiB limit.
TEST(KeystoreV3Test, RefusesScryptCostsWhoseProductOverflows) {
  SeededRng rng(9);
  auto j = nlohmann::json::parse(*EncryptKeystoreV3(Key(kSecret), Pass("pw"), Fast(), rng));
  j["crypto"]["kdfparams"]["n"] = std::uint64_t{1} << 57;
  j["crypto"]["kdfparams"]["r"] = 1024;
  EXPECT_EQ(DecryptKeystoreV3(j.dump(), Pass("pw"), rng).status().kind(), ErrorKind::kUnsupported);
}

TEST(KeystoreV3Test, RefusesBadInputsToEncrypt) {
  SeededRng rng(9);
  EXPECT_EQ(EncryptKeystoreV3(Key(kSecret), SecureBytes(), Fast(), rng).status().kind(),
            ErrorKind::kInvalidArgument);
  EXPECT_EQ(EncryptKeystoreV3(SecureBytes(32), Pass("pw"), Fast(), rng).status().kind(),
            ErrorKind::kInvalidInput);
  EXPECT_EQ(EncryptKeystoreV3(Key(kSecret), Pass("pw"), {4095, 8, 1}, rng).status().kind(),
            ErrorKind::kInvalidArgument);
}

// ethers (an independent implementation) must open our file and find the same address.
TEST(KeystoreV3Test, EthersDecryptsOurOutput) {
  const char* dir = std::getenv("KEYRITE_ETHERS_DIR");
  const std::string node_path = dir != nullptr ? std::string(dir) + "/node_modules" : "";
  const std::string env = node_path.empty() ? "" : "NODE_PATH='" + node_path + "' ";
  if (std::system((env + "node -e \"require('ethers')\" >/dev/null 2>&1").c_str()) != 0) {
    GTEST_SKIP() << "node or the ethers package is absent; to run this test: "
                    "npm install --prefix DIR ethers && KEYRITE_ETHERS_DIR=DIR";
  }
  SeededRng rng(11);
  const std::string text = *EncryptKeystoreV3(Key(kSecret), Pass("interop pw"), Fast(), rng);
  char name[] = "/tmp/keyrite-keystore-XXXXXX";
  const int fd = mkstemp(name);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
  close(fd);
  const std::string script =
      "const {Wallet}=require('ethers');const fs=require('fs');"
      "Wallet.fromEncryptedJson(fs.readFileSync(process.argv[1],'utf8'),'interop pw')"
      ".then(w=>console.log(w.address+' '+w.privateKey)).catch(e=>{console.log('ERR');})";
  FILE* p = popen((env + "node -e \"" + script + "\" " + name).c_str(), "r");
  ASSERT_NE(p, nullptr);
  char buffer[256] = {};
  const std::string out(buffer, std::fread(buffer, 1, sizeof(buffer) - 1, p));
  pclose(p);
  unlink(name);
  auto described = DescribeKey(KeyKind::kSecp256k1, Key(kSecret), rng);
  EXPECT_EQ(out, described->address + " 0x" + kSecret + "\n");
}

}  // namespace
}  // namespace keyrite::keys
