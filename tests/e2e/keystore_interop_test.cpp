// End-to-end: keystore keys in other tools' forms. `keystore export --format keystore-v3` is
// opened by an independent implementation (ethers v6, npm; the test skips when node or ethers is
// absent), and keys derived from a bip39 entry give the well-known addresses of the
// "abandon ... about" mnemonic: m/44'/60'/0'/0/0 -> 0x9858EfFD232B4033E47d90003D41EC34EcaEda94,
// /1 -> 0x6Fac4D18c912343BF86fa7049364Dd4E424Ab9C0 (as MetaMask, Ledger and ethers show them; see
// tests/unit/bip32_test.cpp).

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "unsealer_fixture.h"

namespace keyrite::testing {
namespace {

namespace fs = std::filesystem;
using KeystoreInteropTest = UnsealerSuite;

constexpr const char* kAbandon =
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
constexpr const char* kAddress0 = "0x9858EfFD232B4033E47d90003D41EC34EcaEda94";
constexpr const char* kAddress1 = "0x6Fac4D18c912343BF86fa7049364Dd4E424Ab9C0";

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// NODE_PATH for ethers: KEYRITE_ETHERS_DIR, else build/npm as .ci/dev installs it; "" if absent.
std::string EthersNodePath() {
  const char* dir = std::getenv("KEYRITE_ETHERS_DIR");
  const std::string base = dir != nullptr ? dir : std::string(KEYRITE_SOURCE_ROOT) + "/build/npm";
  const std::string node_path = base + "/node_modules";
  const RunResult probe = RunProgram({"node", "-e", "require('ethers')"}, {"", "", {{"NODE_PATH", node_path}}});
  return probe.exit_code == 0 ? node_path : "";
}

// ethers' Wallet.fromEncryptedJson on `file`: "ADDRESS" or "ERR".
std::string EthersOpen(const std::string& node_path, const std::string& file,
                       const std::string& passphrase) {
  const std::string script =
      "const {Wallet}=require('ethers');const fs=require('fs');"
      "Wallet.fromEncryptedJson(fs.readFileSync(process.argv[1],'utf8'),process.argv[2])"
      ".then(w=>console.log(w.address)).catch(e=>console.log('ERR'))";
  const RunResult r = RunProgram({"node", "-e", script, file, passphrase},
                                 {"", "", {{"NODE_PATH", node_path}}});
  return r.out.substr(0, r.out.find('\n'));
}

class KeystoreInterop : public KeystoreInteropTest {
 protected:
  // A sitting with `stdin_data` on standard input (the passphrase for --passphrase-fd 0).
  RunResult SittingWithInput(std::vector<std::string> args, const std::string& stdin_data) {
    for (std::string& a : args) {
      if (a == "u") a = u_;
    }
    args.insert(args.end(), {"--gnupghome", quorum_.home.string(), "--allow-online"});
    return RunKeyrite(args, world_->Env(stdin_data));
  }
  std::string ListedAddress(const std::string& name) {
    const nlohmann::json list = Json(Public({"keystore", "list", "--dir", "u", "--json"}));
    for (const auto& e : list["entries"]) {
      if (e["name"] == name) return e.value("address", "");
    }
    return "";
  }
  void ImportAbandonSeed() {
    const std::string file = U("-mnemonic.txt");
    std::ofstream(file) << kAbandon << "\n";
    const RunResult r = Sitting({"keystore", "import", "seed", "--kind", "bip39", "--dir", "u",
                                 "--from", file}, quorum_);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
};

TEST_F(KeystoreInterop, ExportV3OpensInEthersAtTheListedAddress) {
  ASSERT_EQ(Sitting({"keystore", "add", "authority", "--dir", "u"}, quorum_).exit_code, 0);
  const std::string out = U("-authority.json");
  const RunResult r = SittingWithInput({"keystore", "export", "authority", "--dir", "u", "--format",
                                        "keystore-v3", "--out", out, "--passphrase-fd", "0",
                                        "--scrypt-n", "4096"},
                                       "correct horse\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json v3 = nlohmann::json::parse(ReadAll(out));
  EXPECT_EQ(v3.at("version"), 3);
  EXPECT_EQ(v3.at("crypto").at("kdf"), "scrypt");
  const std::string listed = ListedAddress("authority");
  ASSERT_EQ(listed.size(), 42u);
  std::string lower = listed.substr(2);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_EQ(v3.at("address"), lower);
  const std::string node_path = EthersNodePath();
  if (node_path.empty()) {
    GTEST_SKIP() << "node or ethers is absent; to run this check: npm install --prefix build/npm "
                    "ethers@6 (or set KEYRITE_ETHERS_DIR)";
  }
  EXPECT_EQ(EthersOpen(node_path, out, "correct horse"), listed);
  EXPECT_EQ(EthersOpen(node_path, out, "wrong horse"), "ERR");
}

TEST_F(KeystoreInterop, ExportV3RefusesOtherKindsAndExistingFiles) {
  ASSERT_EQ(Sitting({"keystore", "add", "tz", "--kind", "ed25519", "--dir", "u"}, quorum_).exit_code, 0);
  const std::string out = U("-tz.json");
  const RunResult r = SittingWithInput({"keystore", "export", "tz", "--dir", "u", "--format",
                                        "keystore-v3", "--out", out, "--passphrase-fd", "0"},
                                       "pw\n");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("secp256k1 keys only"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
  ASSERT_EQ(Sitting({"keystore", "add", "eth", "--dir", "u"}, quorum_).exit_code, 0);
  std::ofstream(out) << "keep me\n";
  const RunResult again = SittingWithInput({"keystore", "export", "eth", "--dir", "u", "--format",
                                            "keystore-v3", "--out", out, "--passphrase-fd", "0"},
                                           "pw\n");
  EXPECT_NE(again.exit_code, 0);
  EXPECT_EQ(ReadAll(out), "keep me\n");
  const RunResult empty = SittingWithInput({"keystore", "export", "eth", "--dir", "u", "--format",
                                            "keystore-v3", "--out", U("-e.json"), "--passphrase-fd",
                                            "0"},
                                           "\n");
  EXPECT_NE(empty.exit_code, 0);
  EXPECT_FALSE(fs::exists(U("-e.json")));
}

TEST_F(KeystoreInterop, AddFromSeedGivesTheWellKnownAddressAndRecordsIt) {
  ImportAbandonSeed();
  const RunResult r = Sitting({"keystore", "add", "eth0", "--dir", "u", "--from-seed", "seed",
                               "--path", "m/44'/60'/0'/0/0", "--json"}, quorum_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Json(r)["entries"][0]["address"], kAddress0);
  EXPECT_EQ(ListedAddress("eth0"), kAddress0);
  const nlohmann::json status = Status();
  bool recorded = false;
  for (const auto& e : status["entries"]) {
    if (e["name"] == "eth0") {
      recorded = e["derived_from"]["seed"] == "seed" && e["derived_from"]["path"] == "m/44'/60'/0'/0/0";
    }
  }
  EXPECT_TRUE(recorded) << status.dump();
  // The same path twice would be the same key under two names.
  const RunResult twice = Sitting({"keystore", "add", "eth0b", "--dir", "u", "--from-seed", "seed",
                                   "--path", "m/44'/60'/0'/0/0"}, quorum_);
  EXPECT_NE(twice.exit_code, 0);
  EXPECT_NE(twice.err.find("already entry \"eth0\""), std::string::npos) << twice.err;
  // SLIP-10 ed25519 takes hardened steps only; a normal one is refused.
  const RunResult normal = Sitting({"keystore", "add", "tz", "--kind", "ed25519", "--dir", "u",
                                    "--from-seed", "seed", "--path", "m/44'/1729'/0'/0"}, quorum_);
  EXPECT_NE(normal.exit_code, 0);
  // Deriving from an entry that is not a seed is refused.
  const RunResult not_seed = Sitting({"keystore", "add", "x", "--dir", "u", "--from-seed", "eth0"},
                                     quorum_);
  EXPECT_NE(not_seed.exit_code, 0);
  EXPECT_NE(not_seed.err.find("not a bip39 seed"), std::string::npos) << not_seed.err;
}

TEST_F(KeystoreInterop, AllocateFromSeedUsesTheNextFreeIndexes) {
  ImportAbandonSeed();
  const Identity w = People({"w-" + u_})[0];
  ASSERT_EQ(Sitting({"keystore", "add", "eth0", "--dir", "u", "--from-seed", "seed"}, quorum_).exit_code, 0);
  std::vector<std::string> args = {"keystore", "allocate", "--dir", "u", "--holder", "w", "-n", "1",
                                   "--from-seed", "seed", "--path-template", "m/44'/60'/0'/0/{i}",
                                   "--out", U("-w.asc"), "--json"};
  AddRecipients(args, "--to", {w});
  const RunResult r = Sitting(args, quorum_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Index 0 is taken by eth0, so the pool key is index 1.
  EXPECT_EQ(Json(r)["entries"][0]["address"], kAddress1);
  EXPECT_EQ(Json(r)["entries"][0]["derived_from"]["path"], "m/44'/60'/0'/0/1");
  const auto opened = gpg().StockDecrypt(w, U("-w.asc"));
  ASSERT_EQ(opened.exit_code, 0) << opened.err;
  EXPECT_EQ(KeyTextField(opened.out, "address"), kAddress1);
}

TEST_F(KeystoreInterop, AddBip39SeedMakesAMnemonicOfTheAskedLength) {
  const Identity p = People({"p-" + u_})[0];
  std::vector<std::string> args = {"keystore", "add", "seed12", "--kind", "bip39", "--words", "12",
                                   "--dir", "u", "--deliver-dir", U("-d"), "--json"};
  AddRecipients(args, "--deliver-to", {p});
  const RunResult r = Sitting(args, quorum_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string file = Json(r)["delivered"][0]["file"];
  const auto opened = gpg().StockDecrypt(p, fs::path(dir().path()) / file);
  ASSERT_EQ(opened.exit_code, 0) << opened.err;
  const std::string words = KeyTextField(opened.out, "secret");
  EXPECT_EQ(std::count(words.begin(), words.end(), ' '), 11);
}

}  // namespace
}  // namespace keyrite::testing
