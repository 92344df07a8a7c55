// End-to-end: keyrite unsealer and keystore with real gpg custodians. Quorums come from keyrings
// holding some custodians' secret keys (UnsealerFixture::Ring), so the commands open the
// unsealer's own shards through gpg-agent, as on a ceremony laptop.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "base/hex.h"
#include "keys/key_material.h"
#include "secret_search.h"
#include "unsealer_fixture.h"

namespace keyrite::testing {
namespace {

namespace fs = std::filesystem;
using test_support::Identity;

using UnsealerTest = UnsealerSuite;

TEST_F(UnsealerTest, InitWritesAPublicSignedStateThatStatusReadsWithoutAQuorum) {
  const nlohmann::json s = Status();
  EXPECT_TRUE(s["ok"].get<bool>());
  EXPECT_EQ(s["state"]["shards"]["threshold"], 3);
  ASSERT_EQ(s["state"]["shards"]["custodians"].size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(s["state"]["shards"]["custodians"][i]["fingerprint"], custodians_[i].fingerprint);
  }
  for (const auto& f : s["files"]) EXPECT_TRUE(f["ok"].get<bool>()) << f.dump();
  EXPECT_TRUE(s["entries"].empty());
  const RunResult again = Init(u_, 3, custodians_);
  EXPECT_EQ(again.exit_code, 9) << again.err;  // exists
  EXPECT_NE(again.err.find("already exists"), std::string::npos);
}

TEST_F(UnsealerTest, AddedKeyAddressMatchesTheKeyThatStockGpgDecryptsFromTheExport) {
  const RunResult add = Sitting({"keystore", "add", "authority", "--dir", "u", "--kind",
                                 "secp256k1", "--json"}, quorum_);
  ASSERT_EQ(add.exit_code, 0) << add.err;
  const std::string address = Json(add)["entries"][0]["address"];
  ASSERT_EQ(address.substr(0, 2), "0x");
  const Identity auditor = People({"auditor"})[0];
  std::vector<std::string> args = {"keystore", "export", "authority", "--dir", "u", "--out",
                                   u_ + "-authority.asc"};
  AddRecipients(args, "--to", {auditor});
  const RunResult exported = Sitting(args, quorum_);
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const auto opened = gpg().StockDecrypt(auditor, U("-authority.asc"));
  ASSERT_EQ(opened.exit_code, 0) << opened.err;
  const std::string secret_hex = KeyTextField(opened.out, "secret");
  ASSERT_EQ(secret_hex.size(), 64u);
  const auto secret = FromHex(secret_hex);
  ASSERT_TRUE(secret.ok());
  const auto described =
      keys::DescribeKey(keys::KeyKind::kSecp256k1, secmem::SecureBytes::CopyOf(*secret));
  ASSERT_TRUE(described.ok());
  EXPECT_EQ(described->address, address);
  EXPECT_EQ(KeyTextField(opened.out, "address"), address);
  // The private key is nowhere in the clear: not in the output, not in any file written.
  EXPECT_TRUE(FilesHolding(dir().path(), SecretForms(std::string(secret->begin(), secret->end())))
                  .empty());
  EXPECT_TRUE(FilesHolding(dir().path(), {secret_hex}).empty());
  EXPECT_EQ(add.out.find(secret_hex), std::string::npos);
  // And the audit log names the export.
  const nlohmann::json s = Status();
  EXPECT_EQ(s["entries"][0]["name"], "authority");
  EXPECT_EQ(s["state"]["audit_records"], 3);
}

TEST_F(UnsealerTest, ManyKeysInOneSittingAndANameClashChangesNothing) {
  const RunResult add = Sitting({"keystore", "add", "a", "b", "c", "--dir", "u", "--kind",
                                 "ed25519"}, quorum_);
  ASSERT_EQ(add.exit_code, 0) << add.err;
  const std::string before = ReadFileOrEmpty(U("/unsealer.json"));
  const RunResult clash = Sitting({"keystore", "add", "d", "b", "--dir", "u"}, quorum_);
  EXPECT_EQ(clash.exit_code, 9) << clash.err;
  EXPECT_NE(clash.err.find("\"b\""), std::string::npos) << clash.err;
  EXPECT_EQ(ReadFileOrEmpty(U("/unsealer.json")), before);
  const RunResult list = Public({"keystore", "list", "--dir", "u", "--json"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(Json(list)["entries"].size(), 3u);
}

// Refusals that need no secret come before the quorum sits, so no custodian decrypts for a
// command that will be refused: with a keyring that opens no shard, each command gets its own
// refusal rather than "only 0 of the 3 shards needed could be opened".
TEST_F(UnsealerTest, RefusalsThatNeedNoSecretComeBeforeAnyCustodianDecrypts) {
  ASSERT_EQ(Sitting({"keystore", "add", "b", "--dir", "u"}, quorum_).exit_code, 0);
  const Identity none = Ring("none", {});
  const std::string before = ReadFileOrEmpty(U("/unsealer.json"));
  const RunResult add = Sitting({"keystore", "add", "a", "b", "--dir", "u"}, none);
  EXPECT_EQ(add.exit_code, 9) << add.err;
  EXPECT_NE(add.err.find("\"b\""), std::string::npos) << add.err;

  const std::string one = "0x" + std::string(63, '0') + "1";
  const RunResult import = Keyrite({"keystore", "import", "b", "--kind", "secp256k1", "--dir", u_,
                                    "--gnupghome", none.home.string()},
                                   world_->Env(one + "\n"));
  EXPECT_EQ(import.exit_code, 9) << import.err;

  std::vector<std::string> two_to = {"keystore", "export", "b", "--dir", "u", "--out",
                                     U("-two.asc")};
  AddRecipients(two_to, "--to", {custodians_[0], custodians_[1]});
  const RunResult exported = Sitting(two_to, none);
  EXPECT_EQ(exported.exit_code, 2) << exported.err;
  EXPECT_NE(exported.err.find("exactly one --to"), std::string::npos) << exported.err;

  std::vector<std::string> missing = {"keystore", "export", "nope", "--dir", "u", "--out",
                                      U("-nope.asc")};
  AddRecipients(missing, "--to", {custodians_[0]});
  EXPECT_EQ(Sitting(missing, none).exit_code, 7);
  EXPECT_EQ(Sitting({"keystore", "release", "--holder", "nobody", "--dir", "u"}, none).exit_code, 7);

  const Identity expired = gpg().MakeIdentity("expired", test_support::Algo::kEd25519Cv25519, "", -1);
  std::vector<std::string> rekey = {"unsealer", "rekey", "--dir", "u"};
  AddRecipients(rekey, "--custodian", {custodians_[0], custodians_[1], expired});
  const RunResult refused = Sitting(rekey, none);
  EXPECT_EQ(refused.exit_code, 11) << refused.err;
  EXPECT_NE(refused.err.find("expired"), std::string::npos) << refused.err;
  EXPECT_EQ(ReadFileOrEmpty(U("/unsealer.json")), before);
  EXPECT_FALSE(fs::exists(U("-two.asc")));
}

TEST_F(UnsealerTest, TooFewShardsInTheKeyringIsInsufficientAndChangesNothing) {
  const Identity two = Ring("two", {custodians_[1], custodians_[3]});
  const std::string before = ReadFileOrEmpty(U("/unsealer.json"));
  const RunResult r = Sitting({"keystore", "add", "k", "--dir", "u"}, two);
  EXPECT_EQ(r.exit_code, 5) << r.err;
  EXPECT_NE(r.err.find("only 2 of the 3"), std::string::npos) << r.err;
  EXPECT_EQ(ReadFileOrEmpty(U("/unsealer.json")), before);
}

TEST_F(UnsealerTest, SharesOfAnotherUnsealerAreRefused) {
  ASSERT_EQ(Init(u_ + "-other", 3, custodians_).exit_code, 0);
  std::vector<std::string> args = {"keystore", "add", "k", "--dir", "u"};
  for (int i : {1, 2, 3}) {
    args.insert(args.end(), {"--share", u_ + "-other/shards-1/shard-" + std::to_string(i) + "-of-5.asc"});
  }
  const RunResult r = Sitting(args, quorum_);
  EXPECT_EQ(r.exit_code, 6) << r.err;
}

TEST_F(UnsealerTest, TooFewCustodiansOrABadThresholdIsAUsageError) {
  EXPECT_EQ(Init(u_ + "-one", 1, {custodians_[0]}).exit_code, 2);
  EXPECT_EQ(Init(u_ + "-t9", 9, custodians_).exit_code, 2);
  EXPECT_FALSE(fs::exists(U("-one")));
  EXPECT_FALSE(fs::exists(U("-t9")));
}

TEST_F(UnsealerTest, ATamperedStateOrKeystoreIsReportedAndRefused) {
  ASSERT_EQ(Sitting({"keystore", "add", "k", "--dir", "u"}, quorum_).exit_code, 0);
  std::string keystore_file = Status()["files"][0]["file"];
  // A keystore changed by one byte: status names it, and a sitting refuses to start.
  std::string text = ReadFileOrEmpty(U("/" + keystore_file));
  text[text.size() / 2] ^= 0x01;
  WriteFileOrDie(U("/" + keystore_file), text);
  const RunResult status = Public({"unsealer", "status", "--dir", "u"});
  EXPECT_EQ(status.exit_code, 4) << status.out;
  EXPECT_NE(status.out.find("changed since it was recorded"), std::string::npos);
  EXPECT_EQ(Sitting({"keystore", "add", "k2", "--dir", "u"}, quorum_).exit_code, 4);
}

TEST_F(UnsealerTest, AnUnknownVersionIsUnsupported) {
  std::string text = ReadFileOrEmpty(U("/unsealer.json"));
  const std::size_t at = text.find("\"version\": 1");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 12, "\"version\": 2");
  WriteFileOrDie(U("/unsealer.json"), text);
  const RunResult r = Public({"unsealer", "status", "--dir", "u"});
  EXPECT_EQ(r.exit_code, 10) << r.err;
  EXPECT_NE(r.err.find("version 2"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace keyrite::testing
