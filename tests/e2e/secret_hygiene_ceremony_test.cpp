// No secret on disk, after the whole rehearsal ceremony (.ci/walkthrough): unsealer init with
// printed sheets, keystore add of every kind, a delivery to a peer, an export, a snapshot created,
// tested and restored, keygen split to shares and printed on paper. Every secret it generated is
// then learnt in memory only (gpg and `keyrite combine --stdout` through pipes) and every file
// under the one temporary root — HOME, TMPDIR and every GNUPGHOME included — is searched for it.

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "secret_search.h"
#include "unsealer_fixture.h"

namespace keyrite::testing {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Fields(const std::string& text, const std::string& field) {
  std::vector<std::string> values;
  for (std::size_t at = 0; (at = text.find("\n" + field + ": ", at)) != std::string::npos; ++at) {
    const std::size_t start = at + field.size() + 3;
    values.push_back(text.substr(start, text.find('\n', start) - start));
  }
  return values;
}

std::string FromHex(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  }
  return out;
}

// The ceremony runs once for the suite (gpg and the sittings are the slow part).
class CeremonyHygiene : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = new UnsealerFixture();
    custodians_ = world_->People({"alice", "bob", "carol", "dave", "erin"});
    quorum_ = world_->Ring("quorum", {custodians_[0], custodians_[2], custodians_[4]});
    peer_ = world_->People({"peer"})[0];
    auditor_ = world_->People({"auditor"})[0];
    RunCeremony();
    if (!::testing::Test::HasFatalFailure()) secrets_ = LearnSecrets();
  }
  static void TearDownTestSuite() {
    delete world_;
    world_ = nullptr;
  }

  static std::string Root(const std::string& name) { return world_->dir() / name; }

  static void Must(const RunResult& r, const std::string& what) {
    ASSERT_EQ(r.exit_code, 0) << what << ": " << r.err;
  }

  // The rehearsal, as .ci/walkthrough runs it, plus a delivery, an export and keygen to paper.
  static void RunCeremony() {
    Must(world_->Init("u", 3, custodians_, {"--print", "u-sheets"}), "unsealer init");
    for (const auto& [name, kind] : std::vector<std::pair<std::string, std::string>>{
             {"authority", "secp256k1"}, {"tezos", "ed25519"}, {"salt", "random"}, {"hsm", "password"}}) {
      Must(world_->Sitting({"keystore", "add", name, "--kind", kind, "--dir", "u"}, quorum_), name);
    }
    std::vector<std::string> deliver = {"keystore", "add", "ovs", "--kind", "random", "--dir", "u",
                                        "--deliver-dir", "delivered"};
    UnsealerFixture::AddRecipients(deliver, "--deliver-to", {peer_});
    Must(world_->Sitting(deliver, quorum_), "keystore add --deliver-to");
    std::vector<std::string> exp = {"keystore", "export", "authority", "tezos", "salt", "hsm",
                                    "--dir", "u", "--out", "exported.asc"};
    UnsealerFixture::AddRecipients(exp, "--to", {auditor_});
    Must(world_->Sitting(exp, quorum_), "keystore export");
    RunSnapshots();
    Must(Keyrite({"keygen", "--kind", "random", "--bytes", "32", "--split", "3of5", "--out",
                  "kg-shares"}, world_->Env()), "keygen --split");
    std::vector<std::string> paper = {"paper", "print", "--label", "rehearsal", "--out", "kg-sheets"};
    for (int i = 1; i <= 5; ++i) paper.push_back(SharePath("kg-shares", i, 5));
    Must(RunKeyrite(paper, world_->Env()), "paper print");  // needs no secret: no --allow-online
  }

  static void RunSnapshots() {
    Must(world_->Sitting({"snapshot", "create", "--dir", "u", "--out", "u.krsnap"}, quorum_),
         "snapshot create");
    Must(world_->Sitting({"snapshot", "verify", "u.krsnap", "--dir", "u", "--test"}, quorum_),
         "snapshot verify --test");
    std::vector<std::string> restore = {"snapshot", "restore", "u.krsnap", "--dir", "green"};
    for (int i : {2, 3, 4}) {
      restore.insert(restore.end(), {"--share", "u/shards-1/shard-" + std::to_string(i) + "-of-5.asc"});
    }
    const Identity restorers = world_->Ring("restorers", {custodians_[1], custodians_[2], custodians_[3]});
    Must(world_->Sitting(restore, restorers), "snapshot restore");
  }

  // Every secret the ceremony generated, by name, learnt without writing it anywhere.
  static std::map<std::string, std::string> LearnSecrets() {
    std::map<std::string, std::string> secrets;
    const auto exported = world_->gpg().StockDecrypt(auditor_, Root("exported.asc"));
    EXPECT_EQ(exported.exit_code, 0) << exported.err;
    const std::vector<std::string> names = Fields(exported.out, "name");
    const std::vector<std::string> values = Fields(exported.out, "secret");
    EXPECT_EQ(names.size(), 4u) << "the export holds four keys";
    for (std::size_t i = 0; i < names.size() && i < values.size(); ++i) {
      secrets[names[i]] = names[i] == "hsm" ? values[i] : FromHex(values[i]);
    }
    const std::vector<std::string> delivered = FilesBelow(Root("delivered"));
    EXPECT_EQ(delivered.size(), 1u);
    if (!delivered.empty()) {
      const auto opened = world_->gpg().StockDecrypt(peer_, delivered[0]);
      EXPECT_EQ(opened.exit_code, 0) << opened.err;
      secrets["ovs"] = FromHex(KeyTextField(opened.out, "secret"));
    }
    secrets["master"] = CombineToStdout({"u/shards-1/shard-1-of-5.asc", "u/shards-1/shard-3-of-5.asc",
                                         "u/shards-1/shard-5-of-5.asc", "--gnupghome",
                                         quorum_.home.string()});
    secrets["keygen"] = CombineToStdout({SharePath("kg-shares", 1, 5), SharePath("kg-shares", 3, 5),
                                         SharePath("kg-shares", 4, 5)});
    return secrets;
  }

  static std::string CombineToStdout(std::vector<std::string> args) {
    args.insert(args.begin(), "combine");
    args.push_back("--stdout");
    const RunResult r = Keyrite(args, world_->Env());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }

  static inline UnsealerFixture* world_ = nullptr;
  static inline std::vector<Identity> custodians_;
  static inline Identity quorum_, peer_, auditor_;
  static inline std::map<std::string, std::string> secrets_;
};

// Searches the whole root for every form of every secret; the files that may hold each.
std::map<std::string, std::vector<std::string>> Leaks(const std::string& root,
                                                      const std::map<std::string, std::string>& secrets) {
  std::map<std::string, std::vector<std::string>> found;
  for (const auto& [name, secret] : secrets) {
    // A password is text; it is searched as such (its bytes' hex would be its own leak too).
    std::vector<std::string> forms = SecretForms(secret);
    if (name == "hsm") forms = {secret, Hex(secret.substr(0, 16))};
    const std::vector<std::string> hits = FilesHolding(root, forms);
    if (!hits.empty()) found[name] = hits;
  }
  return found;
}

TEST_F(CeremonyHygiene, NoGeneratedSecretIsInAnyFileUnderTheRoot) {
  const std::map<std::string, std::string>& secrets = secrets_;
  ASSERT_EQ(secrets.size(), 7u) << "the ceremony did not complete";
  for (const auto& [name, secret] : secrets) {
    ASSERT_GE(secret.size(), 16u) << name << " was not learnt";
  }
  EXPECT_EQ(secrets.at("keygen").size(), 32u);
  EXPECT_EQ(secrets.at("master").size(), 32u);
  // No file is supposed to hold any of them in the clear: keygen --split writes only shares,
  // paper sheets hold shares and shards, the unsealer and green/ hold them sealed, exports and
  // deliveries are encrypted. Were one allowed (a keygen --out plaintext), it would be listed here.
  const std::map<std::string, std::vector<std::string>> allowed = {};
  EXPECT_EQ(Leaks(world_->dir().path(), secrets), allowed);
  EXPECT_FALSE(FilesBelow(Root("gnupg")).empty()) << "the GNUPGHOMEs are under the root";
}

TEST_F(CeremonyHygiene, TheSearchFindsASecretPlantedInAGnupgHome) {
  // Declared after the clean search, so it runs after it; it removes what it plants.
  const std::map<std::string, std::string>& secrets = secrets_;
  ASSERT_EQ(secrets.size(), 7u) << "the ceremony did not complete";
  const std::string planted = (quorum_.home / "stray.txt").string();
  WriteFileOrDie(planted, "seed " + Base64(secrets.at("tezos")) + "\n");
  const std::string words = (auditor_.home / "words.txt").string();
  WriteFileOrDie(words, Upper(Words(secrets.at("master"))) + "\n");
  const std::string password = Root("tmp-note.txt");
  WriteFileOrDie(password, "pw=" + secrets.at("hsm") + "\n");
  const std::map<std::string, std::vector<std::string>> expected = {
      {"hsm", {password}}, {"master", {words}}, {"tezos", {planted}}};
  EXPECT_EQ(Leaks(world_->dir().path(), secrets), expected);
  for (const std::string& f : {planted, words, password}) fs::remove(f);
}

}  // namespace
}  // namespace keyrite::testing
