// Tests for lib/shards: the shard-set manifest (strict reader, writer, the worked example of
// docs/formats/shard-set-v1.md), shard file helpers, custodian checks and confirmation, and
// SplitToCustodians / ShardOpener against the real GnuPG with throwaway custodians (GpgFixture),
// including passphrases in loopback mode.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/clock.h"
#include "base/digest.h"
#include "base/hex.h"
#include "base/rng.h"
#include "base/words.h"
#include "io/prompt.h"
#include "keyrite_config.h"
#include "pgp/fingerprint.h"
#include "shards/custodians.h"
#include "shards/manifest.h"
#include "shards/manifest_format.h"
#include "shards/shard_file.h"
#include "shards/shard_opener.h"
#include "shards/split_to_custodians.h"
#include "share/share_set.h"
#include "share/share_v1.h"
#include "support/gpg_fixture.h"

namespace keyrite::shards {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;
using test_support::Algo;
using test_support::GpgFixture;
using test_support::Identity;

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::span<const std::uint8_t> AsBytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

Sha256Digest DigestOf(std::string_view text) { return Sha256(text); }

Manifest SampleManifest() {
  Manifest m;
  m.set_id = {1, 2, 3, 4, 5, 6, 7, 8};
  m.threshold = 2;
  m.count = 3;
  m.created = 1795300200;  // 2026-11-21T22:30:00Z
  m.keyrite_version = "0.1.0";
  m.keyrite_sha256 = DigestOf("keyrite");
  const char* names[] = {"Alice <alice@example.org>", "Bob <bob@example.org>", "Carol"};
  for (std::uint8_t i = 1; i <= 3; ++i) {
    m.custodians.push_back({i, names[i - 1], std::string(40, static_cast<char>('A' + i)),
                            std::string(16, static_cast<char>('0' + i)), ShardFileName(i, 3),
                            DigestOf(std::to_string(i))});
  }
  return m;
}

Json SampleJson() { return Json::parse(FormatManifest(SampleManifest())); }

Status Parse(const Json& j) { return ParseManifest(j.dump(2), "m.json").status(); }

void ExpectInvalid(const Json& j, const std::string& words) {
  const Status s = Parse(j);
  EXPECT_EQ(s.kind(), ErrorKind::kInvalidInput) << s.message();
  EXPECT_NE(s.message().find(words), std::string::npos) << s.message();
  EXPECT_EQ(s.message().rfind("m.json: ", 0), 0u) << s.message();
}

// --- The manifest ---

TEST(ShardManifest, RoundTripsAndStartsWithFormatAndVersion) {
  const std::string text = FormatManifest(SampleManifest());
  auto parsed = ParseManifest(text, "m.json");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(*parsed, SampleManifest());
  EXPECT_EQ(text.find("\"format\": \"keyrite-shard-set\""), 4u) << text;
  EXPECT_LT(text.find("\"format\""), text.find("\"version\": 1"));
  EXPECT_LT(text.find("\"version\": 1"), text.find("\"set_id\""));
  EXPECT_EQ(text.back(), '\n');
}

TEST(ShardManifest, EveryMissingFieldIsNamed) {
  const Json full = SampleJson();
  for (const auto& item : full.items()) {
    Json j = full;
    j.erase(item.key());
    ExpectInvalid(j, "missing field \"" + item.key() + "\"");
  }
  for (const auto& item : full["keyrite"].items()) {
    Json j = full;
    j["keyrite"].erase(item.key());
    ExpectInvalid(j, "missing field \"keyrite." + item.key() + "\"");
  }
  for (const auto& item : full["custodians"][1].items()) {
    Json j = full;
    j["custodians"][1].erase(item.key());
    ExpectInvalid(j, "missing field \"custodians[1]." + item.key() + "\"");
  }
}

TEST(ShardManifest, ExtraFieldsAreRefusedAtEveryLevel) {
  Json top = SampleJson();
  top["commitment"] = "x";
  ExpectInvalid(top, "unknown field \"commitment\"");
  Json keyrite = SampleJson();
  keyrite["keyrite"]["build"] = 1;
  ExpectInvalid(keyrite, "unknown field \"keyrite.build\"");
  Json custodian = SampleJson();
  custodian["custodians"][2]["email"] = "c@example.org";
  ExpectInvalid(custodian, "unknown field \"custodians[2].email\"");
}

TEST(ShardManifest, MistypedFieldsAreNamed) {
  const std::vector<std::pair<Json::json_pointer, Json>> cases = {
      {Json::json_pointer("/threshold"), "2"},
      {Json::json_pointer("/count"), 3.0},
      {Json::json_pointer("/set_id"), 5},
      {Json::json_pointer("/created"), 1795300200},
      {Json::json_pointer("/keyrite"), "0.1.0"},
      {Json::json_pointer("/custodians"), Json::object()},
      {Json::json_pointer("/custodians/0/index"), true},
      {Json::json_pointer("/custodians/0/user_id"), nullptr},
      {Json::json_pointer("/custodians/0/sha256"), 12},
      {Json::json_pointer("/custodians/1"), "Bob"},
  };
  for (const auto& [pointer, value] : cases) {
    Json j = SampleJson();
    j[pointer] = value;
    const Status s = Parse(j);
    EXPECT_EQ(s.kind(), ErrorKind::kInvalidInput) << pointer.to_string() << ": " << s.message();
    EXPECT_NE(s.message().find("must be"), std::string::npos) << s.message();
  }
}

TEST(ShardManifest, OnlyVersionOneIsRead) {
  Json v2 = SampleJson();
  v2["version"] = 2;
  v2["something_new"] = true;  // a later version may add fields: the version is judged first
  const Status s = Parse(v2);
  EXPECT_EQ(s.kind(), ErrorKind::kUnsupported) << s.message();
  EXPECT_NE(s.message().find("version 2"), std::string::npos) << s.message();
  Json text_version = SampleJson();
  text_version["version"] = "1";
  ExpectInvalid(text_version, "field \"version\" must be an integer");
  Json other = SampleJson();
  other["format"] = "keyrite-share";
  ExpectInvalid(other, "not a keyrite shard-set manifest");
}

TEST(ShardManifest, BadDigestTextIsRefused) {
  const std::string good = ToHex(SampleManifest().custodians[0].sha256);
  std::string upper = good;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  ASSERT_NE(upper, good);  // the sample digest has letters, so upper case is a real change
  for (const std::string& bad : {good.substr(1), good + "0", std::string(64, 'g'), upper}) {
    Json j = SampleJson();
    j["custodians"][0]["sha256"] = bad;
    ExpectInvalid(j, "field \"custodians[0].sha256\" must be 64 lowercase hex digits");
    Json k = SampleJson();
    k["keyrite"]["sha256"] = bad;
    ExpectInvalid(k, "field \"keyrite.sha256\" must be 64 lowercase hex digits");
  }
}

TEST(ShardManifest, BadValuesAreRefused) {
  const std::vector<std::pair<std::string, Json>> cases = {
      {"/set_id", "AAAAAAAAAAAA"},   // 12 characters
      {"/set_id", "aaaaaaaaaaaaa"},  // lower case
      {"/threshold", 4},             // above count
      {"/threshold", 0},
      {"/count", 256},
      {"/created", "2026-02-30T00:00:00Z"},  // no such day
      {"/created", "2026-11-21 22:30:00Z"},
      {"/keyrite/version", ""},
      {"/custodians/0/index", 2},                           // out of order
      {"/custodians/0/fingerprint", std::string(40, 'b')},  // lower case
      {"/custodians/0/fingerprint", std::string(39, 'B')},
      {"/custodians/0/encryption_key_id", std::string(15, '1')},
      {"/custodians/0/file", "../shard-1-of-3.asc"},
      {"/custodians/0/file", ""},
      {"/custodians/1/fingerprint", std::string(40, 'B')},  // custodian 1's: a repeat
      {"/custodians/1/file", "shard-1-of-3.asc"},
  };
  for (const auto& [pointer, value] : cases) {
    Json j = SampleJson();
    j[Json::json_pointer(pointer)] = value;
    EXPECT_EQ(Parse(j).kind(), ErrorKind::kInvalidInput) << pointer << " = " << value.dump();
  }
  Json short_list = SampleJson();
  short_list["custodians"].erase(2);
  ExpectInvalid(short_list, "lists 2 custodians, but \"count\" is 3");
}

TEST(ShardManifest, NotJsonOrNotAnObjectIsRefused) {
  EXPECT_EQ(ParseManifest("{\"format\": ", "m.json").status().kind(), ErrorKind::kInvalidInput);
  EXPECT_EQ(ParseManifest("[1, 2]", "m.json").status().kind(), ErrorKind::kInvalidInput);
  EXPECT_EQ(ParseManifest("", "m.json").status().kind(), ErrorKind::kInvalidInput);
}

TEST(ShardManifest, MissingFileIsNotFound) {
  EXPECT_EQ(ReadManifestFile("/nonexistent/manifest.json").status().kind(), ErrorKind::kNotFound);
}

// The worked example in the format document is a real manifest: it parses, and writing it back
// gives the same bytes, so the document and the code cannot drift apart.
TEST(ShardManifest, TheDocumentedExampleParsesAndIsReproduced) {
  const std::string doc =
      ReadText(fs::path(KEYRITE_TEST_DATA) / ".." / ".." / "docs" / "formats" / "shard-set-v1.md");
  const std::size_t start = doc.find("```json\n");
  ASSERT_NE(start, std::string::npos) << "no ```json block in docs/formats/shard-set-v1.md";
  const std::size_t body = start + 8;
  const std::string example = doc.substr(body, doc.find("```", body) - body);
  auto parsed = ParseManifest(example, "shard-set-v1.md");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(FormatManifest(*parsed), example);
  EXPECT_EQ(parsed->custodians.size(), parsed->count);
}

TEST(ShardManifest, FindsCustodiansByDigestAndIndex) {
  const Manifest m = SampleManifest();
  ASSERT_NE(FindByDigest(m, DigestOf("2")), nullptr);
  EXPECT_EQ(FindByDigest(m, DigestOf("2"))->index, 2);
  EXPECT_EQ(FindByDigest(m, DigestOf("4")), nullptr);
  ASSERT_NE(FindByIndex(m, 3), nullptr);
  EXPECT_EQ(FindByIndex(m, 3)->user_id, "Carol");
  EXPECT_EQ(FindByIndex(m, 4), nullptr);
}

// --- Shard files and custodians ---

TEST(ShardFile, NamesAndPaths) {
  EXPECT_EQ(ShardFileName(2, 5), "shard-2-of-5.asc");
  CustodianEntry c;
  c.file = "shard-1-of-3.asc";
  EXPECT_EQ(ShardPath("sets/a/manifest.json", c), "sets/a/shard-1-of-3.asc");
  EXPECT_EQ(ShardPath("manifest.json", c), "shard-1-of-3.asc");
}

TEST(ShardFile, TellsOpenPgpFromShareText) {
  EXPECT_TRUE(LooksLikeOpenPgpMessage(AsBytes("-----BEGIN PGP MESSAGE-----\n\nhQ...")));
  EXPECT_TRUE(LooksLikeOpenPgpMessage(AsBytes("\n  -----BEGIN PGP MESSAGE-----\n")));
  const std::uint8_t new_format_pkesk[] = {0xC1, 0x5E, 0x03};
  const std::uint8_t old_format_pkesk[] = {0x84, 0x5E, 0x03};
  EXPECT_TRUE(LooksLikeOpenPgpMessage(new_format_pkesk));
  EXPECT_TRUE(LooksLikeOpenPgpMessage(old_format_pkesk));
  EXPECT_FALSE(LooksLikeOpenPgpMessage(AsBytes("# keyrite share 1 of 3\nKR1-AAAAA-...\n")));
  EXPECT_FALSE(LooksLikeOpenPgpMessage(AsBytes("KR1-AAAAA")));
  EXPECT_FALSE(LooksLikeOpenPgpMessage(AsBytes("-----BEGIN PGP PUBLIC KEY BLOCK-----")));
  EXPECT_FALSE(LooksLikeOpenPgpMessage({}));
}

TEST(ShardCustodians, FingerprintWordsAreTheDigestWordsOfTheFingerprintText) {
  const std::string fpr = "3F2A9C1100000000000000000000000000000001";
  EXPECT_EQ(FingerprintWords(fpr), DigestWords(Sha256(fpr)));
  EXPECT_NE(FingerprintWords(fpr), FingerprintWords("3F2A9C1100000000000000000000000000000002"));
  const std::string words = FingerprintWords(fpr);
  EXPECT_EQ(std::count(words.begin(), words.end(), ' '), 11);
}

TEST(ShardCustodians, FingerprintListSkipsCommentsAndNamesBadLines) {
  auto list = ParseFingerprintList(
      "# custodians, in order\n3f2a 9c11 0000 0000 0000  0000 0000 0000 0000 0001\n\n"
      "0x3F2A9C1100000000000000000000000000000002\r\n",
      "fprs.txt");
  ASSERT_TRUE(list.ok()) << list.status().message();
  EXPECT_EQ(*list, (std::vector<std::string>{"3F2A9C1100000000000000000000000000000001",
                                             "3F2A9C1100000000000000000000000000000002"}));
  const Status bad = ParseFingerprintList("# x\n3F2A9C11\n", "fprs.txt").status();
  EXPECT_EQ(bad.kind(), ErrorKind::kInvalidArgument);
  EXPECT_NE(bad.message().find("fprs.txt line 2"), std::string::npos) << bad.message();
  EXPECT_EQ(ParseFingerprintList("# none\n\n", "fprs.txt").status().kind(),
            ErrorKind::kInvalidArgument);
}

// --- With the real gpg ---

class ShardsGpgTest : public ::testing::Test {
 protected:
  void SetUp() override {
    gpg_.emplace();
    out_ = gpg_->base_dir() / "out";
  }

  CustodianSplitRequest Request(const std::vector<Identity>& who, std::uint8_t threshold,
                                const fs::path& out) {
    CustodianSplitRequest r;
    for (const Identity& id : who) {
      r.certificates.push_back(id.asc_path.string());
      r.expected_fingerprints.push_back(id.fingerprint);
    }
    r.threshold = threshold;
    r.output_dir = out.string();
    return r;
  }

  Result<CustodianSplitReport> Split(const CustodianSplitRequest& request) {
    return SplitToCustodians(AsBytes(secret_), request, rng_, clock_);
  }

  // Opens `path` in `who`'s own keyring, typing passphrases from `answers` (loopback).
  Result<OpenedShard> OpenAs(const Identity& who, const std::string& path,
                             std::deque<std::string> answers, const Manifest* manifest,
                             io::ScriptedPrompter* prompter_out = nullptr) {
    io::ScriptedPrompter local(std::move(answers));
    io::ScriptedPrompter& prompter = prompter_out != nullptr ? *prompter_out : local;
    auto opener = ShardOpener::Create({who.home.string(), manifest, "manifest.json", &prompter});
    if (!opener.ok()) return opener.status();
    const std::string bytes = ReadText(path);
    return opener->Open(AsBytes(bytes), path);
  }

  std::string secret_ = "a 32-byte master key for tests!!";
  std::optional<GpgFixture> gpg_;
  fs::path out_;
  FixedClock clock_{static_cast<std::int64_t>(std::time(nullptr))};
  SeededRng rng_{20261121};
};

TEST_F(ShardsGpgTest, SplitsToCustodiansAndEachOpensTheirOwnWithAPassphrase) {
  const Identity alice = gpg_->MakeIdentity("alice", Algo::kEd25519Cv25519, "pw-alice");
  const Identity bob = gpg_->MakeIdentity("bob", Algo::kRsa3072, "pw-bob");
  const Identity carol = gpg_->MakeIdentity("carol", Algo::kEd25519Cv25519, "");
  auto report = Split(Request({alice, bob, carol}, 2, out_));
  ASSERT_TRUE(report.ok()) << report.status().message();
  const Manifest& m = report->manifest;
  auto on_disk = ReadManifestFile((out_ / "manifest.json").string());
  ASSERT_TRUE(on_disk.ok()) << on_disk.status().message();
  EXPECT_EQ(*on_disk, m);
  EXPECT_EQ(m.created, clock_.NowUnixSeconds());
  EXPECT_EQ(m.keyrite_version, KEYRITE_VERSION);
  EXPECT_EQ(m.keyrite_sha256, *Sha256File("/proc/self/exe"));
  EXPECT_EQ(report->algorithms, (std::vector<std::string>{"cv25519", "rsa3072", "cv25519"}));
  const Identity* who[] = {&alice, &bob, &carol};
  std::vector<share::SourcedShare> opened;
  for (std::size_t i = 0; i < 3; ++i) {
    const std::string path = report->shard_paths[i];
    struct stat st {};
    ASSERT_EQ(stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0644u) << path;
    EXPECT_EQ(m.custodians[i].fingerprint, who[i]->fingerprint);
    EXPECT_EQ(m.custodians[i].encryption_key_id, who[i]->encryption_key_id);
    auto shard = OpenAs(*who[i], path, {who[i]->passphrase}, &m);
    ASSERT_TRUE(shard.ok()) << shard.status().message();
    EXPECT_EQ(shard->share.share.index, i + 1);
    EXPECT_EQ(shard->share.share.set_id, m.set_id);
    EXPECT_EQ(shard->share.origin, path + " (custodian " + who[i]->user_id + ")");
    opened.push_back(std::move(shard->share));
  }
  opened.erase(opened.begin() + 1);  // alice and carol are a quorum
  auto secret = share::CombineShares(opened);
  ASSERT_TRUE(secret.ok()) << secret.status().message();
  EXPECT_EQ(secret->view(), secret_);
}

TEST_F(ShardsGpgTest, StockGpgOpensAShardToExactlyTheShareLine) {
  const Identity alice = gpg_->MakeIdentity("alice", Algo::kEd25519Cv25519, "pw-alice");
  auto report = Split(Request({alice}, 1, out_));
  ASSERT_TRUE(report.ok()) << report.status().message();
  const auto run = gpg_->StockDecrypt(alice, report->shard_paths[0]);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  ASSERT_EQ(run.out.rfind("KR1-", 0), 0u);
  EXPECT_EQ(run.out.find('\n'), run.out.size() - 1);
  auto parsed = share::ParseShareV1(run.out);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(parsed->set_id, report->manifest.set_id);
}

TEST_F(ShardsGpgTest, LoopbackPassphrasesWrongRefusedAndCancelledStops) {
  const Identity alice = gpg_->MakeIdentity("alice", Algo::kEd25519Cv25519, "pw-alice");
  auto report = Split(Request({alice}, 1, out_));
  ASSERT_TRUE(report.ok()) << report.status().message();
  const std::string path = report->shard_paths[0];
  const Status wrong = OpenAs(alice, path, {"not-it"}, nullptr).status();
  EXPECT_EQ(wrong.kind(), ErrorKind::kRefused) << wrong.message();
  EXPECT_NE(wrong.message().find(path), std::string::npos) << wrong.message();
  EXPECT_NE(wrong.message().find("0x" + alice.encryption_key_id), std::string::npos);
  const Status gave_up = OpenAs(alice, path, {}, nullptr).status();  // end of input
  EXPECT_EQ(gave_up.kind(), ErrorKind::kCancelled) << gave_up.message();
  // Last: once it is right, gpg-agent caches it and would not ask again.
  io::ScriptedPrompter right({"pw-alice"});
  ASSERT_TRUE(OpenAs(alice, path, {}, nullptr, &right).ok());
  EXPECT_NE(right.told().find("Passphrase for "), std::string::npos) << right.told();
}

TEST_F(ShardsGpgTest, ConfirmsEachFingerprintWhenNoneIsExpected) {
  const Identity alice = gpg_->MakeIdentity("alice", Algo::kEd25519Cv25519, "");
  const Identity bob = gpg_->MakeIdentity("bob", Algo::kEd25519Cv25519, "");
  CustodianSplitRequest request = Request({alice, bob}, 2, out_);
  request.expected_fingerprints.clear();
  io::ScriptedPrompter operator_says({"yes", " yes "});
  request.confirm = &operator_says;
  ASSERT_TRUE(Split(request).ok());
  const std::string& told = operator_says.told();
  for (const Identity* who : {&alice, &bob}) {
    EXPECT_NE(told.find(pgp::FingerprintGroups(who->fingerprint)), std::string::npos) << told;
    EXPECT_NE(told.find(FingerprintWords(who->fingerprint)), std::string::npos) << told;
    EXPECT_NE(told.find(who->user_id), std::string::npos) << told;
  }
  EXPECT_NE(told.find("Type yes"), std::string::npos) << told;
}

TEST_F(ShardsGpgTest, AnythingButYesWritesNothing) {
  const Identity alice = gpg_->MakeIdentity("alice", Algo::kEd25519Cv25519, "");
  const Identity bob = gpg_->MakeIdentity("bob", Algo::kEd25519Cv25519, "");
  CustodianSplitRequest request = Request({alice, bob}, 2, out_);
  request.expected_fingerprints.clear();
  io::ScriptedPrompter operator_says({"yes", "y"});
  request.confirm = &operator_says;
  const Status s = Split(request).status();
  EXPECT_EQ(s.kind(), ErrorKind::kCancelled) << s.message();
  EXPECT_NE(s.message().find("custodian 2"), std::string::npos) << s.message();
  EXPECT_FALSE(fs::exists(out_));
  request.confirm = nullptr;  // and with no way to confirm at all
  EXPECT_EQ(Split(request).status().kind(), ErrorKind::kRefused);
  EXPECT_FALSE(fs::exists(out_));
}

TEST_F(ShardsGpgTest, PolicyAndFingerprintRefusalsWriteNothing) {
  const Identity alice = gpg_->MakeIdentity("alice", Algo::kEd25519Cv25519, "");
  const Identity old = gpg_->MakeIdentity({.name = "old", .expires_in_days = -3});
  const Identity bob = gpg_->MakeIdentity("bob", Algo::kEd25519Cv25519, "");
  const Status expired = Split(Request({alice, old}, 2, out_)).status();
  EXPECT_EQ(expired.kind(), ErrorKind::kRefused) << expired.message();
  EXPECT_NE(expired.message().find(old.asc_path.string()), std::string::npos) << expired.message();
  CustodianSplitRequest swapped = Request({alice, bob}, 2, out_);
  std::swap(swapped.expected_fingerprints[0], swapped.expected_fingerprints[1]);
  EXPECT_EQ(Split(swapped).status().kind(), ErrorKind::kMismatch);
  CustodianSplitRequest one_short = Request({alice, bob}, 2, out_);
  one_short.expected_fingerprints.pop_back();
  EXPECT_EQ(Split(one_short).status().kind(), ErrorKind::kInvalidArgument);
  EXPECT_FALSE(fs::exists(out_));
}

TEST_F(ShardsGpgTest, AnExistingShardFileStopsTheSplitBeforeAnything) {
  const Identity alice = gpg_->MakeIdentity("alice", Algo::kEd25519Cv25519, "");
  const Identity bob = gpg_->MakeIdentity("bob", Algo::kEd25519Cv25519, "");
  fs::create_directory(out_);
  std::ofstream(out_ / "shard-2-of-2.asc") << "precious";
  const Status s = Split(Request({alice, bob}, 2, out_)).status();
  EXPECT_EQ(s.kind(), ErrorKind::kExists) << s.message();
  EXPECT_EQ(ReadText(out_ / "shard-2-of-2.asc"), "precious");
  EXPECT_FALSE(fs::exists(out_ / "shard-1-of-2.asc"));
  EXPECT_FALSE(fs::exists(out_ / "manifest.json"));
}

TEST_F(ShardsGpgTest, TheManifestCatchesAChangedFileAShardOfAnotherSetAndAWrongRecipient) {
  const Identity alice = gpg_->MakeIdentity("alice", Algo::kEd25519Cv25519, "");
  const Identity bob = gpg_->MakeIdentity("bob", Algo::kEd25519Cv25519, "");
  auto first = Split(Request({alice, bob}, 2, out_));
  auto second = Split(Request({alice, bob}, 2, gpg_->base_dir() / "other"));
  ASSERT_TRUE(first.ok() && second.ok());
  const Manifest& m = first->manifest;
  // One byte changed (inside the armor's base64 body) is caught by the digest before gpg runs:
  // a file changed since the split and a shard of another set are both not this set's shard.
  std::string bytes = ReadText(first->shard_paths[0]);
  const std::size_t at = bytes.find("\n\n") + 10;
  bytes[at] = bytes[at] == 'A' ? 'B' : 'A';
  std::ofstream(first->shard_paths[0], std::ios::binary | std::ios::trunc) << bytes;
  const Status changed = OpenAs(alice, first->shard_paths[0], {}, &m).status();
  EXPECT_EQ(changed.kind(), ErrorKind::kMismatch) << changed.message();
  EXPECT_NE(changed.message().find("has changed"), std::string::npos) << changed.message();
  const Status foreign = OpenAs(bob, second->shard_paths[1], {}, &m).status();
  EXPECT_EQ(foreign.kind(), ErrorKind::kMismatch) << foreign.message();
  EXPECT_NE(foreign.message().find(second->shard_paths[1]), std::string::npos);
  // Without the manifest it opens, and is then refused by the set checks of combine.
  EXPECT_TRUE(OpenAs(bob, second->shard_paths[1], {}, nullptr).ok());
  // Without a secret: bob's shard file listed as alice's is the wrong recipient.
  auto keyring = pgp::TempKeyring::Create();
  ASSERT_TRUE(keyring.ok());
  auto ctx = pgp::Context::Create(keyring->home());
  ASSERT_TRUE(ctx.ok());
  CustodianEntry posing = m.custodians[0];
  posing.sha256 = m.custodians[1].sha256;
  const Status recipient = ReadCheckedShard(*ctx, first->shard_paths[1], posing).status();
  EXPECT_EQ(recipient.kind(), ErrorKind::kMismatch) << recipient.message();
  EXPECT_NE(recipient.message().find("0x" + bob.encryption_key_id), std::string::npos);
  EXPECT_TRUE(ReadCheckedShard(*ctx, first->shard_paths[1], m.custodians[1]).ok());
}

TEST_F(ShardsGpgTest, AKeyringWithoutTheKeyNamesTheKeyAndTheCustodian) {
  const Identity alice = gpg_->MakeIdentity("alice", Algo::kEd25519Cv25519, "");
  const Identity bob = gpg_->MakeIdentity("bob", Algo::kEd25519Cv25519, "");
  auto report = Split(Request({alice, bob}, 2, out_));
  ASSERT_TRUE(report.ok()) << report.status().message();
  const Status s = OpenAs(bob, report->shard_paths[0], {}, &report->manifest).status();
  EXPECT_EQ(s.kind(), ErrorKind::kNotFound) << s.message();
  EXPECT_NE(s.message().find("0x" + alice.encryption_key_id), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("(custodian " + alice.user_id + ")"), std::string::npos)
      << s.message();
}

}  // namespace
}  // namespace keyrite::shards
