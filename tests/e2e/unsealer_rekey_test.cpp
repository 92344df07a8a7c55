// End-to-end: changing who holds an unsealer's master key (rekey) and the key itself (rotate),
// each proven by a quorum of the new set before the old set retires.

#include <gtest/gtest.h>

#include <filesystem>

#include "unsealer_fixture.h"

namespace keyrite::testing {
namespace {

namespace fs = std::filesystem;
using UnsealerRekeyTest = UnsealerSuite;

std::vector<std::string> OldShardFlags(const std::string& copy, std::initializer_list<int> which) {
  std::vector<std::string> flags;
  for (int i : which) {
    flags.insert(flags.end(), {"--share", copy + "/shard-" + std::to_string(i) + "-of-5.asc"});
  }
  return flags;
}

TEST_F(UnsealerRekeyTest, ThreeOfFiveToTwoOfThreeNewCustodiansRetiresTheOldShards) {
  const RunResult add = Sitting({"keystore", "add", "k", "--dir", "u", "--json"}, quorum_);
  ASSERT_EQ(add.exit_code, 0) << add.err;
  ASSERT_EQ(Json(add)["entries"].size(), 1u) << add.out;
  const std::string address = Json(add)["entries"][0]["address"];
  fs::copy(U("/shards-1"), U("-old-shards"), fs::copy_options::recursive);
  const std::vector<Identity> next = People({"frank-" + u_, "grace-" + u_, "heidi-" + u_});
  std::vector<std::string> args = {"unsealer", "rekey", "--dir", "u", "-t", "2", "--json"};
  AddRecipients(args, "--custodian", next);
  const RunResult rekey = Sitting(args, quorum_);
  ASSERT_EQ(rekey.exit_code, 0) << rekey.err;
  ASSERT_TRUE(Json(rekey)["state"].contains("pending")) << rekey.out;
  const std::string nonce = Json(rekey)["state"]["pending"]["nonce"];
  // Until the proof, the old shards still work.
  EXPECT_EQ(Sitting({"unsealer", "check", "--dir", "u"}, quorum_).exit_code, 0);
  const Identity new_quorum = Ring("new-" + u_, {next[0], next[2]});
  const RunResult wrong = Sitting({"unsealer", "prove", "--dir", "u", "--nonce",
                                   "0000000000000000"}, new_quorum);
  EXPECT_EQ(wrong.exit_code, 6) << wrong.err;
  const RunResult proved = Sitting({"unsealer", "prove", "--dir", "u", "--nonce", nonce},
                                   new_quorum);
  ASSERT_EQ(proved.exit_code, 0) << proved.err;
  const nlohmann::json s = Status();
  EXPECT_EQ(s["state"]["shards"]["threshold"], 2);
  EXPECT_EQ(s["state"]["shards"]["custodians"].size(), 3u);
  EXPECT_TRUE(s["state"]["pending"].is_null());
  EXPECT_EQ(s["entries"][0]["address"], address);
  EXPECT_FALSE(fs::exists(U("/shards-1")));
  // The old shards are refused, given as files or through the old custodians' keyring.
  std::vector<std::string> old = {"unsealer", "check", "--dir", "u"};
  const std::vector<std::string> three = OldShardFlags(U("-old-shards"), {1, 3, 5});
  old.insert(old.end(), three.begin(), three.end());
  EXPECT_EQ(Sitting(old, quorum_).exit_code, 6);
  EXPECT_EQ(Sitting({"unsealer", "check", "--dir", "u"}, quorum_).exit_code, 5);
  EXPECT_EQ(Sitting({"unsealer", "check", "--dir", "u"}, new_quorum).exit_code, 0);
}

TEST_F(UnsealerRekeyTest, RotateMakesANewMasterKeyAndReSealsEveryEntry) {
  const RunResult add = Sitting({"keystore", "add", "a", "--dir", "u", "--json"}, quorum_);
  ASSERT_EQ(add.exit_code, 0) << add.err;
  ASSERT_EQ(Sitting({"keystore", "add", "b", "--kind", "password", "--dir", "u"}, quorum_).exit_code, 0);
  const nlohmann::json before = Status();
  fs::copy(U("/shards-1"), U("-old-shards"), fs::copy_options::recursive);
  std::vector<std::string> args = {"unsealer", "rotate", "--dir", "u", "--json"};
  AddRecipients(args, "--custodian", custodians_);
  const RunResult rotate = Sitting(args, quorum_);
  ASSERT_EQ(rotate.exit_code, 0) << rotate.err;
  const std::string nonce = Json(rotate)["state"]["pending"]["nonce"];
  const RunResult proved = Sitting({"unsealer", "prove", "--dir", "u", "--nonce", nonce}, quorum_);
  ASSERT_EQ(proved.exit_code, 0) << proved.err;
  const nlohmann::json after = Status();
  EXPECT_NE(after["state"]["master_check"], before["state"]["master_check"]);
  EXPECT_EQ(after["state"]["signing_public_key"], before["state"]["signing_public_key"]);
  EXPECT_EQ(after["entries"], before["entries"]);
  const RunResult check = Sitting({"unsealer", "check", "--dir", "u", "--json"}, quorum_);
  ASSERT_EQ(check.exit_code, 0) << check.err;
  EXPECT_EQ(Json(check)["entries_checked"], 2);
  std::vector<std::string> old = {"unsealer", "check", "--dir", "u"};
  const std::vector<std::string> three = OldShardFlags(U("-old-shards"), {2, 3, 4});
  old.insert(old.end(), three.begin(), three.end());
  EXPECT_EQ(Sitting(old, quorum_).exit_code, 6);
}

TEST_F(UnsealerRekeyTest, WhilePendingOtherChangesAreRefusedAndAbortDropsIt) {
  std::vector<std::string> args = {"unsealer", "rekey", "--dir", "u", "--json"};
  AddRecipients(args, "--custodian", custodians_);
  const RunResult rekey = Sitting(args, quorum_);
  ASSERT_EQ(rekey.exit_code, 0) << rekey.err;
  ASSERT_TRUE(Json(rekey)["state"].contains("pending")) << rekey.out;
  const std::string nonce = Json(rekey)["state"]["pending"]["nonce"];
  const RunResult add = Sitting({"keystore", "add", "k", "--dir", "u"}, quorum_);
  EXPECT_EQ(add.exit_code, 11) << add.err;
  EXPECT_NE(add.err.find(nonce), std::string::npos) << add.err;
  // Refused before the quorum sits: a keyring that opens no shard gets the same refusal.
  const Identity none = Ring("none-pending", {});
  for (const std::vector<std::string>& refused_args :
       {std::vector<std::string>{"keystore", "add", "k", "--dir", "u"},
        std::vector<std::string>{"keystore", "release", "--holder", "h", "--dir", "u"}}) {
    const RunResult refused = Sitting(refused_args, none);
    EXPECT_EQ(refused.exit_code, 11) << refused_args[1] << ": " << refused.err;
  }
  std::vector<std::string> again = {"unsealer", "rekey", "--dir", "u"};
  AddRecipients(again, "--custodian", custodians_);
  EXPECT_EQ(Sitting(again, none).exit_code, 11);
  const RunResult abort = Sitting({"unsealer", "abort", "--dir", "u", "--nonce", nonce}, quorum_);
  ASSERT_EQ(abort.exit_code, 0) << abort.err;
  EXPECT_TRUE(Status()["state"]["pending"].is_null());
  EXPECT_FALSE(fs::exists(U("/shards-2")));
  EXPECT_EQ(Sitting({"keystore", "add", "k", "--dir", "u"}, quorum_).exit_code, 0);
}

}  // namespace
}  // namespace keyrite::testing
