// End-to-end: the keystore's pool, deliveries to peers, and imports, with real gpg recipients.

#include <gtest/gtest.h>

#include <filesystem>

#include "secret_search.h"
#include "unsealer_fixture.h"

namespace keyrite::testing {
namespace {

namespace fs = std::filesystem;
using KeystoreTest = UnsealerSuite;

std::vector<std::string> Blocks(const std::string& text, const std::string& field) {
  std::vector<std::string> values;
  for (std::size_t at = 0; (at = text.find("\n" + field + ": ", at)) != std::string::npos; ++at) {
    const std::size_t start = at + field.size() + 3;
    values.push_back(text.substr(start, text.find('\n', start) - start));
  }
  return values;
}

TEST_F(KeystoreTest, AllocateReleaseAndReuse) {
  const Identity w1 = People({"w1-" + u_})[0];
  const Identity w2 = People({"w2-" + u_})[0];
  std::vector<std::string> args = {"keystore", "allocate", "--dir", "u", "--holder", "w1", "-n",
                                   "3", "--out", U("-w1.asc")};
  AddRecipients(args, "--to", {w1});
  ASSERT_EQ(Sitting(args, quorum_).exit_code, 0);
  const auto opened = gpg().StockDecrypt(w1, U("-w1.asc"));
  ASSERT_EQ(opened.exit_code, 0) << opened.err;
  const std::vector<std::string> names = Blocks(opened.out, "name");
  ASSERT_EQ(names.size(), 3u);
  const RunResult held = Public({"keystore", "assignments", "--dir", "u", "--json"});
  ASSERT_EQ(held.exit_code, 0) << held.err;
  ASSERT_EQ(Json(held)["entries"].size(), 3u);
  EXPECT_EQ(Json(held)["entries"][0]["holder"], "w1");
  EXPECT_EQ(Blocks(opened.out, "address")[0], Json(held)["entries"][0]["address"]);

  ASSERT_EQ(Sitting({"keystore", "release", "--dir", "u", "--holder", "w1"}, quorum_).exit_code, 0);
  EXPECT_TRUE(Json(Public({"keystore", "assignments", "--dir", "u", "--json"}))["entries"].empty());
  args = {"keystore", "allocate", "--dir", "u", "--holder", "w2", "-n", "4", "--out",
          U("-w2.asc"), "--json"};
  AddRecipients(args, "--to", {w2});
  const RunResult again = Sitting(args, quorum_);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(Json(again)["reused"], 3);
  const auto second = gpg().StockDecrypt(w2, U("-w2.asc"));
  ASSERT_EQ(second.exit_code, 0) << second.err;
  const std::vector<std::string> names2 = Blocks(second.out, "name");
  ASSERT_EQ(names2.size(), 4u);
  EXPECT_EQ(std::vector<std::string>(names2.begin(), names2.begin() + 3), names);
  const RunResult html = Public({"keystore", "assignments", "--dir", "u", "--html"});
  EXPECT_NE(html.out.find("<td>w2</td>"), std::string::npos);
  EXPECT_EQ(Sitting({"keystore", "release", "--dir", "u", "--holder", "nobody"}, quorum_).exit_code, 7);
}

TEST_F(KeystoreTest, DeliveryToThreePeersGivesEachTheSameSecret) {
  const std::vector<Identity> peers = People({"p1-" + u_, "p2-" + u_, "p3-" + u_});
  std::vector<std::string> args = {"keystore", "add", "ovs", "--kind", "random", "--dir", "u",
                                   "--deliver-dir", U("-delivered"), "--json"};
  AddRecipients(args, "--deliver-to", peers);
  const RunResult add = Sitting(args, quorum_);
  ASSERT_EQ(add.exit_code, 0) << add.err;
  ASSERT_EQ(Json(add)["delivered"].size(), 3u);
  std::set<std::string> secrets;
  for (std::size_t i = 0; i < 3; ++i) {
    const std::string file = Json(add)["delivered"][i]["file"];
    const auto opened = gpg().StockDecrypt(peers[i], fs::path(dir().path()) / file);
    ASSERT_EQ(opened.exit_code, 0) << opened.err;
    secrets.insert(KeyTextField(opened.out, "secret"));
    // Each delivery opens for its own peer only.
    const auto other = gpg().StockDecrypt(peers[(i + 1) % 3], fs::path(dir().path()) / file);
    EXPECT_NE(other.exit_code, 0);
  }
  ASSERT_EQ(secrets.size(), 1u);
  EXPECT_EQ(secrets.begin()->size(), 64u);
  EXPECT_TRUE(FilesHolding(dir().path(), {*secrets.begin()}).empty());
}

TEST_F(KeystoreTest, AnHsmPasswordDeliveredToAnOfficerIsShownNowhere) {
  const Identity officer = People({"officer-" + u_})[0];
  std::vector<std::string> args = {"keystore", "add", "hsm-1", "--kind", "password", "--dir", "u",
                                   "--deliver-dir", U("-officer")};
  AddRecipients(args, "--deliver-to", {officer});
  const RunResult add = Sitting(args, quorum_);
  ASSERT_EQ(add.exit_code, 0) << add.err;
  const std::vector<std::string> files = FilesBelow(U("-officer"));
  ASSERT_EQ(files.size(), 1u);
  const auto opened = gpg().StockDecrypt(officer, files[0]);
  ASSERT_EQ(opened.exit_code, 0) << opened.err;
  const std::string password = KeyTextField(opened.out, "secret");
  ASSERT_GE(password.size(), 16u);
  EXPECT_EQ(add.out.find(password), std::string::npos);
  EXPECT_EQ(add.err.find(password), std::string::npos);
  EXPECT_TRUE(FilesHolding(dir().path(), {password}).empty());
  const RunResult list = Public({"keystore", "list", "--dir", "u"});
  EXPECT_EQ(list.out.find(password), std::string::npos);
}

TEST_F(KeystoreTest, ImportedKeyShowsItsKnownAddress) {
  // The secp256k1 private key 1 has the well-known address of the generator point.
  const std::string one = "0x" + std::string(63, '0') + "1";
  RunOptions env = world_->Env(one + "\n");
  std::vector<std::string> args = {"keystore", "import", "one", "--kind", "secp256k1", "--dir",
                                   u_, "--gnupghome", quorum_.home.string(), "--json"};
  const RunResult imported = Keyrite(args, env);
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(Json(imported)["entries"][0]["address"], "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf");
  const RunResult bad = Keyrite({"keystore", "import", "two", "--dir", u_, "--gnupghome",
                                 quorum_.home.string()}, world_->Env("not hex\n"));
  EXPECT_EQ(bad.exit_code, 3) << bad.err;
}

}  // namespace
}  // namespace keyrite::testing
