// End-to-end: snapshots of an unsealer — created and tested with a quorum, verified by anyone,
// restored into a new unsealer with the same keys — and files sealed under it.

#include <gtest/gtest.h>

#include <filesystem>

#include "unsealer_fixture.h"

namespace keyrite::testing {
namespace {

namespace fs = std::filesystem;
using UnsealerSnapshotTest = UnsealerSuite;

TEST_F(UnsealerSnapshotTest, CreateVerifyTestRestoreGivesTheSameKeys) {
  ASSERT_EQ(Sitting({"keystore", "add", "authority", "--dir", "u"}, quorum_).exit_code, 0);
  ASSERT_EQ(Sitting({"keystore", "add", "tezos", "--kind", "ed25519", "--dir", "u"}, quorum_).exit_code, 0);
  const RunResult created = Sitting({"snapshot", "create", "--dir", "u", "--out", U(".krsnap"),
                                     "--json"}, quorum_);
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const std::string digest = Json(created)["snapshot_digest"];
  const RunResult verified = Public({"snapshot", "verify", U(".krsnap"), "--dir", "u"});
  EXPECT_EQ(verified.exit_code, 0) << verified.err;
  const RunResult tested = Sitting({"snapshot", "verify", U(".krsnap"), "--dir", "u", "--test"},
                                   quorum_);
  EXPECT_EQ(tested.exit_code, 0) << tested.err;
  // The audit log records the snapshot's digest.
  EXPECT_NE(ReadFileOrEmpty(U("/" + Status()["files"][1]["file"].get<std::string>())).find(digest),
            std::string::npos);
  // Restore from three shard files (bob, carol, dave), on a "new machine".
  std::vector<std::string> restore = {"snapshot", "restore", U(".krsnap"), "--dir", U("-green")};
  for (int i : {2, 3, 4}) {
    restore.insert(restore.end(), {"--share", U("/shards-1/shard-" + std::to_string(i) + "-of-5.asc")});
  }
  const Identity other = Ring("restorers-" + u_, {custodians_[1], custodians_[2], custodians_[3]});
  const RunResult restored = Sitting(restore, other);
  ASSERT_EQ(restored.exit_code, 0) << restored.err;
  const RunResult green = Public({"unsealer", "status", "--dir", U("-green"), "--json"});
  ASSERT_EQ(green.exit_code, 0) << green.err;
  EXPECT_EQ(Json(green)["entries"], Status()["entries"]);
  EXPECT_EQ(Json(green)["state"]["unsealer_id"], Status()["state"]["unsealer_id"]);
  EXPECT_EQ(world_->Sitting({"unsealer", "check", "--dir", U("-green")}, quorum_).exit_code, 0);
  // Its audit log names the snapshot as its origin.
  const std::string green_log = Json(green)["files"][1]["file"];
  EXPECT_NE(ReadFileOrEmpty(U("-green/" + green_log)).find("snapshot restore"), std::string::npos);
  // A second restore into the same directory is refused.
  EXPECT_EQ(Sitting(restore, other).exit_code, 9);
}

TEST_F(UnsealerSnapshotTest, DamageAnotherUnsealerAndAWrongQuorumAreRefused) {
  const RunResult created = Sitting({"snapshot", "create", "--dir", "u", "--out", U(".krsnap")},
                                    quorum_);
  ASSERT_EQ(created.exit_code, 0) << created.err;
  std::string bytes = ReadFileOrEmpty(U(".krsnap"));
  std::string damaged = bytes;
  damaged[damaged.size() / 2] ^= 0x01;
  WriteFileOrDie(U("-damaged.krsnap"), damaged);
  const RunResult bad = Public({"snapshot", "verify", U("-damaged.krsnap"), "--dir", "u"});
  EXPECT_EQ(bad.exit_code, 4) << bad.err;
  EXPECT_NE(bad.err.find("chunk"), std::string::npos) << bad.err;
  WriteFileOrDie(U("-short.krsnap"), bytes.substr(0, bytes.size() - 100));
  EXPECT_NE(Public({"snapshot", "verify", U("-short.krsnap"), "--dir", "u"}).exit_code, 0);
  // Bound to this unsealer: another one's public key and id do not verify it.
  ASSERT_EQ(Init(u_ + "-other", 3, custodians_).exit_code, 0);
  const RunResult other = Public({"snapshot", "verify", U(".krsnap"), "--dir", U("-other")});
  EXPECT_EQ(other.exit_code, 6) << other.err;
  // Shares of the other unsealer cannot restore it.
  std::vector<std::string> restore = {"snapshot", "restore", U(".krsnap"), "--dir", U("-green")};
  for (int i : {1, 3, 5}) {
    restore.insert(restore.end(), {"--share", U("-other/shards-1/shard-" + std::to_string(i) + "-of-5.asc")});
  }
  const RunResult wrong = Sitting(restore, quorum_);
  EXPECT_NE(wrong.exit_code, 0);
  EXPECT_FALSE(fs::exists(U("-green")));
}

// Restore on a "new machine" from three of the snapshot's shard files (bob, carol, dave).
std::vector<std::string> RestoreArgs(const std::string& snap, const std::string& green,
                                     const std::string& shards) {
  std::vector<std::string> args = {"snapshot", "restore", snap, "--dir", green};
  for (int i : {2, 3, 4}) {
    args.insert(args.end(), {"--share", shards + "/shard-" + std::to_string(i) + "-of-5.asc"});
  }
  return args;
}

TEST_F(UnsealerSnapshotTest, RestoreRekeyedToNewCustodiansRetiresTheSnapshotsSetOnGreen) {
  ASSERT_EQ(Sitting({"keystore", "add", "authority", "--dir", "u"}, quorum_).exit_code, 0);
  const RunResult created = Sitting({"snapshot", "create", "--dir", "u", "--out", U(".krsnap"),
                                     "--json"}, quorum_);
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const std::string digest = Json(created)["snapshot_digest"];
  const std::vector<Identity> next = People({"frank-" + u_, "grace-" + u_, "heidi-" + u_});
  std::vector<std::string> args = RestoreArgs(U(".krsnap"), U("-green"), U("/shards-1"));
  args.insert(args.end(), {"-t", "2", "--json"});
  AddRecipients(args, "--custodian", next);
  const Identity restorers = Ring("restorers-" + u_, {custodians_[1], custodians_[2], custodians_[3]});
  const RunResult restored = Sitting(args, restorers);
  ASSERT_EQ(restored.exit_code, 0) << restored.err;
  nlohmann::json report = Json(restored);
  ASSERT_TRUE(report["pending_nonce"].is_string()) << restored.out;
  const std::string nonce = report["pending_nonce"];
  ASSERT_EQ(report["shards_written"].size(), 3u) << restored.out;
  for (const auto& p : report["shards_written"]) {
    EXPECT_TRUE(fs::exists(p.get<std::string>())) << p;
  }
  const std::string green = U("-green");
  // The audit log records the origin and the rekey begun in the same sitting.
  nlohmann::json status = Json(Public({"unsealer", "status", "--dir", green, "--json"}));
  const std::string log = ReadFileOrEmpty(green + "/" + status["files"][1]["file"].get<std::string>());
  EXPECT_NE(log.find("snapshot restore"), std::string::npos);
  EXPECT_NE(log.find(digest), std::string::npos);
  EXPECT_NE(log.find("unsealer rekey begun"), std::string::npos);
  // A quorum of the new custodians proves the new set, like any rekey.
  const Identity new_quorum = Ring("new-" + u_, {next[0], next[2]});
  const RunResult proved = Sitting({"unsealer", "prove", "--dir", green, "--nonce", nonce},
                                   new_quorum);
  ASSERT_EQ(proved.exit_code, 0) << proved.err;
  status = Json(Public({"unsealer", "status", "--dir", green, "--json"}));
  EXPECT_EQ(status["entries"], Status()["entries"]);
  EXPECT_EQ(status["state"]["unsealer_id"], Status()["state"]["unsealer_id"]);
  EXPECT_EQ(status["state"]["shards"]["threshold"], 2);
  EXPECT_EQ(status["state"]["shards"]["custodians"].size(), 3u);
  EXPECT_TRUE(status["state"]["pending"].is_null());
  EXPECT_EQ(Sitting({"unsealer", "check", "--dir", green}, new_quorum).exit_code, 0);
  // The snapshot's shards are refused on GREEN (as files: a retired set; through the old
  // custodians' keyring: none of GREEN's shards opens) and still open the original unsealer.
  std::vector<std::string> old = RestoreArgs("", "", U("/shards-1"));
  old.erase(old.begin(), old.begin() + 5);
  old.insert(old.begin(), {"unsealer", "check", "--dir", green});
  EXPECT_EQ(Sitting(old, quorum_).exit_code, 6);
  EXPECT_EQ(Sitting({"unsealer", "check", "--dir", green}, quorum_).exit_code, 5);
  EXPECT_EQ(Sitting({"unsealer", "check", "--dir", "u"}, quorum_).exit_code, 0);
}

TEST_F(UnsealerSnapshotTest, RestoreWithABadNewSetLeavesNothing) {
  ASSERT_EQ(Sitting({"snapshot", "create", "--dir", "u", "--out", U(".krsnap")}, quorum_).exit_code, 0);
  const Identity restorers = Ring("restorers-" + u_, {custodians_[1], custodians_[2], custodians_[3]});
  // A threshold without new custodians is a usage error, before anybody sits.
  std::vector<std::string> args = RestoreArgs(U(".krsnap"), U("-green"), U("/shards-1"));
  args.insert(args.end(), {"-t", "2"});
  EXPECT_EQ(Sitting(args, restorers).exit_code, 2);
  // A threshold above the new set's size fails after the restore was built: nothing is left.
  const std::vector<Identity> next = People({"frank-" + u_, "grace-" + u_});
  args = RestoreArgs(U(".krsnap"), U("-green"), U("/shards-1"));
  args.insert(args.end(), {"-t", "3"});
  AddRecipients(args, "--custodian", next);
  const RunResult bad = Sitting(args, restorers);
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
  EXPECT_NE(bad.err.find("threshold"), std::string::npos) << bad.err;
  for (const auto& entry : fs::directory_iterator(dir().path())) {
    EXPECT_EQ(entry.path().filename().string().find(u_ + "-green"), std::string::npos) << entry.path();
  }
}

TEST_F(UnsealerSnapshotTest, AnyFileSealedUnderTheUnsealerOpensWithAQuorum) {
  const std::string data = TestBytes(300000, 7);
  WriteFileOrDie(U("-raft.snap"), data);
  ASSERT_EQ(Sitting({"snapshot", "seal", U("-raft.snap"), "--dir", "u", "--out", U("-raft.krsnap")},
                    quorum_).exit_code, 0);
  EXPECT_EQ(Public({"snapshot", "verify", U("-raft.krsnap"), "--dir", "u"}).exit_code, 0);
  const RunResult opened = Sitting({"snapshot", "open", U("-raft.krsnap"), "--dir", "u", "--out",
                                    U("-raft.out")}, quorum_);
  ASSERT_EQ(opened.exit_code, 0) << opened.err;
  EXPECT_EQ(ReadFileOrEmpty(U("-raft.out")), data);
}

}  // namespace
}  // namespace keyrite::testing
