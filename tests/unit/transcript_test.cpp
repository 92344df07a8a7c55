// Tests for lib/transcript: the hash-sealed JSON Lines transcript v1. A small transcript is
// written with a fixed clock and seeded randomness, then damaged in every way an auditor must
// catch: every single-byte change, every deletion, every swap of neighbours, every duplication,
// truncation at every byte, forged and foreign checkpoints, changed or missing artifacts, and
// auditors' OpenPGP signatures made with real gpg (throwaway identities from GpgFixture).

#include <gtest/gtest.h>
#include <sodium.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/digest.h"
#include "base/hex.h"
#include "base/rng.h"
#include "base/words.h"
#include "pgp/context.h"
#include "secmem/secure_bytes.h"
#include "support/gpg_fixture.h"
#include "transcript/record.h"
#include "transcript/show.h"
#include "transcript/transcript_format.h"
#include "transcript/transcript_pdf.h"
#include "transcript/verify.h"
#include "transcript/writer.h"

namespace keyrite::transcript {
namespace {

namespace fs = std::filesystem;

constexpr std::int64_t kT0 = 1795310400;  // 2026-11-22T01:20:00Z

class ScratchDir {
 public:
  ScratchDir() {
    std::string tmpl = (fs::temp_directory_path() / "keyrite-transcript-XXXXXX").string();
    KR_CHECK(mkdtemp(tmpl.data()) != nullptr);
    path_ = tmpl;
  }
  ~ScratchDir() { fs::remove_all(path_); }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

struct TestKey {
  secmem::SecureBytes secret{crypto_sign_SECRETKEYBYTES};
  std::string public_hex;
};

TestKey MakeKey(std::uint64_t seed) {
  TestKey key;
  SeededRng rng(seed);
  secmem::SecureBytes key_seed(crypto_sign_SEEDBYTES);
  rng.Fill(key_seed.span());
  std::uint8_t pub[crypto_sign_PUBLICKEYBYTES];
  crypto_sign_seed_keypair(pub, key.secret.data(), key_seed.data());
  key.public_hex = ToHex(pub);
  return key;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void WriteAll(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end + 1 - start));
    start = end + 1;
  }
  return lines;
}

std::string Join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l;
  return out;
}

// The 1-based record that holds byte `i` (its newline belongs to it).
std::uint64_t RecordOfByte(const std::string& text, std::size_t i) {
  return 1 + static_cast<std::uint64_t>(std::count(text.begin(), text.begin() + i, '\n'));
}

Step SplitStep() {
  return {.step = "2.1",
          .roles = {"administrator", "auditor"},
          .action = "split",
          .params = {{"threshold", "3"}, {"count", "5"}},
          .inputs = {},
          .outputs = {{"shards/shard-1-of-5.asc", Sha256("one")}},
          .exception = false,
          .exception_text = ""};
}

// Header, three steps (one an exception), checkpoint: five records.
class TranscriptTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_ / "transcript.jsonl";
    Result<TranscriptWriter> w = TranscriptWriter::Create(path_, {"unsealer-init", false}, clock_, rng_);
    ASSERT_TRUE(w.ok()) << w.status().message();
    ASSERT_TRUE(w->Append({.step = "1.1", .roles = {"auditor"}, .action = "confirm",
                           .params = {{"tool_digest", "ab12"}}}).ok());
    ASSERT_TRUE(w->Append(SplitStep()).ok());
    ASSERT_TRUE(w->Append({.step = "2.2", .roles = {"custodian:alice"}, .action = "verify shard",
                           .exception = true, .exception_text = "skipped; approved by auditor"}).ok());
    Result<CheckpointInfo> info = w->Checkpoint(key_.secret, key_.public_hex);
    ASSERT_TRUE(info.ok()) << info.status().message();
    info_ = *info;
    text_ = ReadAll(path_);
  }

  VerifyReport Verify(const std::string& text) {
    return VerifyTranscript(text, {.expected_signer = key_.public_hex});
  }

  void ExpectBadAt(const std::string& text, std::uint64_t record, const std::string& what) {
    const VerifyReport r = Verify(text);
    EXPECT_FALSE(r.ok()) << what;
    EXPECT_EQ(r.bad_record, record) << what << ": " << r.status.message();
  }

  ScratchDir dir_;
  std::string path_;
  FixedClock clock_{kT0};
  SeededRng rng_{7};
  TestKey key_ = MakeKey(1);
  CheckpointInfo info_;
  std::string text_;
};

TEST_F(TranscriptTest, RoundTrip) {
  const VerifyReport r = Verify(text_);
  ASSERT_TRUE(r.ok()) << r.status.message();
  EXPECT_EQ(r.bad_record, 0u);
  ASSERT_TRUE(r.header.has_value());
  EXPECT_EQ(r.header->ceremony, "unsealer-init");
  EXPECT_EQ(r.header->created, kT0);
  EXPECT_FALSE(r.header->rehearsal);
  ASSERT_EQ(r.steps.size(), 3u);
  EXPECT_EQ(r.steps[1].seq, 3u);
  EXPECT_EQ(r.steps[1].time, kT0);
  EXPECT_EQ(r.steps[1].step.params, SplitStep().params);
  EXPECT_EQ(r.steps[1].step.outputs, SplitStep().outputs);
  EXPECT_EQ(r.steps[1].step.roles, SplitStep().roles);
  EXPECT_TRUE(r.steps[2].step.exception);
  ASSERT_TRUE(r.checkpoint.has_value());
  EXPECT_EQ(r.checkpoint->seq, 5u);
  EXPECT_TRUE(r.signer_expected);
  // The checkpoint digest is the SHA-256 of every byte before it, also as words.
  const std::size_t cut = text_.rfind('\n', text_.size() - 2) + 1;
  EXPECT_EQ(ToHex(r.checkpoint->digest), ToHex(Sha256(std::string_view(text_).substr(0, cut))));
  EXPECT_EQ(info_.digest_hex, ToHex(r.checkpoint->digest));
  EXPECT_EQ(info_.digest_words, DigestWords(r.checkpoint->digest));
  EXPECT_EQ(Lines(text_).size(), 5u);
}

TEST_F(TranscriptTest, EverySingleByteChangeFailsAtItsRecord) {
  const unsigned char kFlips[] = {0x01, 0x20, 0x80};
  for (std::size_t i = 0; i < text_.size(); ++i) {
    const std::uint64_t want = RecordOfByte(text_, i);
    for (const unsigned char flip : kFlips) {
      std::string bad = text_;
      bad[i] = static_cast<char>(static_cast<unsigned char>(bad[i]) ^ flip);
      const VerifyReport r = Verify(bad);
      ASSERT_FALSE(r.ok()) << "byte " << i << " ^ " << int{flip};
      ASSERT_EQ(r.bad_record, want) << "byte " << i << ": " << r.status.message();
    }
    for (const char c : {'\n', '0', '"'}) {
      if (text_[i] == c) continue;
      std::string bad = text_;
      bad[i] = c;
      const VerifyReport r = Verify(bad);
      ASSERT_FALSE(r.ok()) << "byte " << i << " = " << int{c};
      ASSERT_EQ(r.bad_record, want) << "byte " << i << ": " << r.status.message();
    }
  }
}

TEST_F(TranscriptTest, EachDeletionFailsAtTheGap) {
  const std::vector<std::string> lines = Lines(text_);
  for (std::size_t k = 0; k < lines.size(); ++k) {
    std::vector<std::string> cut = lines;
    cut.erase(cut.begin() + static_cast<std::ptrdiff_t>(k));
    ExpectBadAt(Join(cut), k + 1, "deleted record " + std::to_string(k + 1));
  }
}

TEST_F(TranscriptTest, EachSwapOfNeighboursFailsAtTheFirst) {
  const std::vector<std::string> lines = Lines(text_);
  for (std::size_t k = 0; k + 1 < lines.size(); ++k) {
    std::vector<std::string> swapped = lines;
    std::swap(swapped[k], swapped[k + 1]);
    ExpectBadAt(Join(swapped), k + 1, "swapped records " + std::to_string(k + 1));
  }
}

TEST_F(TranscriptTest, EachDuplicationFailsAtTheCopy) {
  const std::vector<std::string> lines = Lines(text_);
  for (std::size_t k = 0; k < lines.size(); ++k) {
    std::vector<std::string> doubled = lines;
    doubled.insert(doubled.begin() + static_cast<std::ptrdiff_t>(k), lines[k]);
    ExpectBadAt(Join(doubled), k + 2, "duplicated record " + std::to_string(k + 1));
  }
}

TEST_F(TranscriptTest, TruncationAtEveryByteFailsAtTheFirstMissingRecord) {
  for (std::size_t len = 0; len < text_.size(); ++len) {
    ExpectBadAt(text_.substr(0, len), RecordOfByte(text_, len), "cut to " + std::to_string(len));
  }
}

TEST_F(TranscriptTest, ASignatureByAnotherKeyFails) {
  const VerifyReport r = VerifyTranscript(text_, {.expected_signer = MakeKey(2).public_hex});
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.bad_record, 5u);
  EXPECT_EQ(r.status.kind(), ErrorKind::kMismatch);
  // Without an expected key it verifies but the signer is not vouched for.
  const VerifyReport open = VerifyTranscript(text_, {});
  EXPECT_TRUE(open.ok()) << open.status.message();
  EXPECT_FALSE(open.signer_expected);
}

// A forger who edits a record and rebuilds every hash and a new checkpoint with their own key.
TEST_F(TranscriptTest, ARebuiltForgedCheckpointFails) {
  std::vector<std::string> lines = Lines(text_);
  const TestKey forger = MakeKey(3);
  std::string prev(kGenesis);
  std::string before;
  for (std::size_t k = 0; k + 1 < lines.size(); ++k) {
    std::string body = lines[k].substr(0, SplitSealedLine(lines[k].substr(0, lines[k].size() - 1))->covered.size());
    const std::size_t at = body.find("\"prev\":\"");
    body.replace(at + 8, 64, prev);
    if (k == 2) body.replace(body.find("\"3\""), 3, "\"2\"");  // threshold 3 -> 2
    lines[k] = SealLine(body + "}");
    prev = std::string(SplitSealedLine(lines[k].substr(0, lines[k].size() - 1))->hash);
    before += lines[k];
  }
  CheckpointRecord c{5, 4, Sha256(before), "", forger.public_hex, ""};
  c.words = DigestWords(c.digest);
  secmem::SecureBytes sk = secmem::SecureBytes::CopyOf(forger.secret.span());
  std::uint8_t sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(before.data()),
                       before.size(), sk.data());
  c.signature = ToHex(sig);
  const std::string forged = before + SealLine(CheckpointBody(c, prev));
  EXPECT_TRUE(VerifyTranscript(forged, {}).ok());  // self-consistent...
  ExpectBadAt(forged, 5, "forged checkpoint");     // ...but not by the expected key
  // The forger's signature under the real key's name does not verify.
  c.signer = key_.public_hex;
  ExpectBadAt(before + SealLine(CheckpointBody(c, prev)), 5, "signature under another name");
}

TEST_F(TranscriptTest, TheWriterChecksItsKey) {
  ScratchDir dir;
  Result<TranscriptWriter> w = TranscriptWriter::Create(dir / "t.jsonl", {"x", false}, clock_, rng_);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->Checkpoint(key_.secret, MakeKey(2).public_hex).status().kind(),
            ErrorKind::kInvalidArgument);
  EXPECT_EQ(w->Append({.action = ""}).status().kind(), ErrorKind::kInvalidArgument);
  EXPECT_EQ(w->Append({.action = "a", .exception = true}).status().kind(),
            ErrorKind::kInvalidArgument);
  EXPECT_EQ(w->Append({.action = "a", .outputs = {{"../escape", Sha256("x")}}}).status().kind(),
            ErrorKind::kInvalidArgument);
  EXPECT_EQ(w->Append({.action = "bad \xff utf-8"}).status().kind(), ErrorKind::kInvalidArgument);
  EXPECT_EQ(TranscriptWriter::Create(dir / "t.jsonl", {"x", false}, clock_, rng_).status().kind(),
            ErrorKind::kExists);
}

TEST_F(TranscriptTest, OpenContinuesAnOpenTranscriptAndRefusesDamage) {
  ScratchDir dir;
  const std::string path = dir / "t.jsonl";
  {
    Result<TranscriptWriter> w = TranscriptWriter::Create(path, {"demo", true}, clock_, rng_);
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE(w->Append({.action = "first"}).ok());
  }
  Result<TranscriptWriter> again = TranscriptWriter::Open(path, clock_);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(*again->Append({.action = "second"}), 3u);
  // Something else writes the file: the writer notices instead of chaining onto it.
  const std::string good = ReadAll(path);
  WriteAll(path, good + "junk\n");
  EXPECT_EQ(again->Append({.action = "third"}).status().kind(), ErrorKind::kCorrupt);
  // A torn last line is never accepted on open.
  WriteAll(path, good.substr(0, good.size() - 10));
  Result<TranscriptWriter> torn = TranscriptWriter::Open(path, clock_);
  EXPECT_EQ(torn.status().kind(), ErrorKind::kCorrupt);
  EXPECT_NE(torn.status().message().find("record 3"), std::string::npos) << torn.status().message();
  // Closed: nothing more may be added.
  WriteAll(path, good);
  Result<TranscriptWriter> w = TranscriptWriter::Open(path, clock_);
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE(w->Checkpoint(key_.secret, key_.public_hex).ok());
  EXPECT_EQ(w->Append({.action = "late"}).status().kind(), ErrorKind::kRefused);
  EXPECT_EQ(TranscriptWriter::Open(path, clock_).status().kind(), ErrorKind::kRefused);
  const VerifyReport r = Verify(ReadAll(path));
  ASSERT_TRUE(r.ok()) << r.status.message();
  EXPECT_TRUE(r.header->rehearsal);
  for (const StepRecord& s : r.steps) EXPECT_TRUE(s.rehearsal);
}

TEST_F(TranscriptTest, AnOpenTranscriptFailsUnlessAllowed) {
  const std::vector<std::string> lines = Lines(text_);
  const std::string open = Join({lines.begin(), lines.end() - 1});
  EXPECT_TRUE(VerifyTranscript(open, {.require_closed = false}).ok());
  ExpectBadAt(open, 5, "no checkpoint");
}

TEST_F(TranscriptTest, AnotherVersionIsUnsupported) {
  std::vector<std::string> lines = Lines(text_);
  std::string body(SplitSealedLine(lines[0].substr(0, lines[0].size() - 1))->covered);
  body.replace(body.find("\"version\":1"), 11, "\"version\":2");
  lines[0] = SealLine(body + "}");
  const VerifyReport r = Verify(Join(lines));
  EXPECT_EQ(r.status.kind(), ErrorKind::kUnsupported) << r.status.message();
  EXPECT_EQ(r.bad_record, 1u);
}

TEST(TranscriptArtifacts, ChangedAndMissingArtifactsAreNamed) {
  ScratchDir dir;
  fs::create_directories(dir.path() / "out" / "shards");
  WriteAll(dir / "out/shards/a.asc", "alpha");
  WriteAll(dir / "out/manifest.json", "{}");
  FixedClock clock(kT0);
  SeededRng rng(9);
  const TestKey key = MakeKey(1);
  Result<TranscriptWriter> w =
      TranscriptWriter::Create(dir / "t.jsonl", {"artifacts", false}, clock, rng);
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE(w->Append({.action = "write", .outputs = {{"shards/a.asc", Sha256("old")}}}).ok());
  ASSERT_TRUE(w->Append({.action = "rewrite", .outputs = {{"shards/a.asc", Sha256("alpha")}}}).ok());
  ASSERT_TRUE(w->Append({.action = "manifest", .outputs = {{"manifest.json", Sha256("{}")}}}).ok());
  ASSERT_TRUE(w->Checkpoint(key.secret, key.public_hex).ok());
  const std::string text = ReadAll(dir / "t.jsonl");
  const VerifyOptions options{.expected_signer = key.public_hex, .artifact_dir = dir / "out"};
  VerifyReport r = VerifyTranscript(text, options);
  ASSERT_TRUE(r.ok()) << r.status.message();
  EXPECT_EQ(r.artifacts_checked, 2u);

  WriteAll(dir / "out/manifest.json", "{ }");
  r = VerifyTranscript(text, options);
  ASSERT_EQ(r.artifact_problems.size(), 1u);
  EXPECT_EQ(r.artifact_problems[0].name, "manifest.json");
  EXPECT_FALSE(r.artifact_problems[0].missing);
  EXPECT_EQ(r.bad_record, 4u);
  EXPECT_EQ(r.status.kind(), ErrorKind::kCorrupt);

  fs::remove(dir.path() / "out" / "shards" / "a.asc");
  r = VerifyTranscript(text, options);
  ASSERT_EQ(r.artifact_problems.size(), 2u);  // by record: a.asc was last recorded at record 3
  EXPECT_EQ(r.artifact_problems[0].name, "shards/a.asc");
  EXPECT_TRUE(r.artifact_problems[0].missing);
  EXPECT_EQ(r.artifact_problems[0].record, 3u);
  EXPECT_EQ(r.artifact_problems[1].name, "manifest.json");
  EXPECT_EQ(r.bad_record, 3u);
  EXPECT_NE(r.status.message().find("shards/a.asc is missing"), std::string::npos)
      << r.status.message();
}

TEST(TranscriptGpg, AnAuditorsDetachedSignatureVerifiesAndAWrongOneFails) {
  test_support::GpgFixture fx;
  const test_support::Identity auditor =
      fx.MakeIdentity("auditor", test_support::Algo::kEd25519Cv25519, "");
  const test_support::Identity mallory =
      fx.MakeIdentity("mallory", test_support::Algo::kEd25519Cv25519, "");
  ScratchDir dir;
  const std::string path = dir / "t.jsonl";
  FixedClock clock(kT0);
  SeededRng rng(11);
  const TestKey key = MakeKey(1);
  Result<TranscriptWriter> w = TranscriptWriter::Create(path, {"gpg", false}, clock, rng);
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE(w->Append(SplitStep()).ok());
  Result<pgp::Context> ctx = pgp::Context::Create(auditor.home.string());
  ASSERT_TRUE(ctx.ok()) << ctx.status().message();
  Result<CheckpointInfo> info =
      w->Checkpoint(key.secret, key.public_hex, pgp::Signer{&*ctx, auditor.fingerprint});
  ASSERT_TRUE(info.ok()) << info.status().message();
  ASSERT_EQ(info->gpg_signature_path, path + ".sig");
  const std::string text = ReadAll(path);
  const std::string sig = ReadAll(info->gpg_signature_path);
  EXPECT_NE(sig.find("BEGIN PGP SIGNATURE"), std::string::npos);

  VerifyOptions options{.gpg_signature = sig, .gpg_home = auditor.home.string(),
                        .gpg_fingerprint = auditor.fingerprint};
  VerifyReport r = VerifyTranscript(text, options);
  ASSERT_TRUE(r.ok()) << r.status.message();
  EXPECT_EQ(r.gpg_signer, auditor.fingerprint);

  // Stock gpg agrees: the signature covers every byte before the checkpoint line.
  WriteAll(dir / "signed", text.substr(0, r.signed_bytes));
  EXPECT_EQ(fx.Gpg(auditor, {"--verify", path + ".sig", dir / "signed"}).exit_code, 0);

  // Someone else's signature of the same bytes: unknown in the auditor's keyring.
  ASSERT_EQ(fx.Gpg(mallory, {"--armor", "--detach-sign", "--output", dir / "mallory.sig",
                             dir / "signed"}).exit_code, 0);
  options.gpg_signature = ReadAll(dir / "mallory.sig");
  r = VerifyTranscript(text, options);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.bad_record, 3u);
  EXPECT_EQ(r.status.kind(), ErrorKind::kNotFound) << r.status.message();

  // A good signature, but not by the auditor the verifier expects.
  options.gpg_home = mallory.home.string();
  r = VerifyTranscript(text, options);
  EXPECT_EQ(r.status.kind(), ErrorKind::kMismatch) << r.status.message();

  // The auditor's signature over other bytes (the whole file) does not verify.
  ASSERT_EQ(fx.Gpg(auditor, {"--armor", "--detach-sign", "--output", dir / "whole.sig", path})
                .exit_code, 0);
  options = {.gpg_signature = ReadAll(dir / "whole.sig"), .gpg_home = auditor.home.string()};
  r = VerifyTranscript(text, options);
  EXPECT_EQ(r.status.kind(), ErrorKind::kCorrupt) << r.status.message();
  EXPECT_EQ(r.bad_record, 3u);
}

TEST_F(TranscriptTest, ShowAndPrint) {
  const VerifyReport r = Verify(text_);
  const std::vector<ShowRow> rows = ShowTranscript(r);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].record, "3");
  EXPECT_EQ(rows[1].roles, "administrator, auditor");
  EXPECT_EQ(rows[1].details[0], "threshold = 3");
  EXPECT_EQ(rows[2].exception, "skipped; approved by auditor");
  const std::string table = FormatShowTable(r);
  EXPECT_NE(table.find(info_.digest_words), std::string::npos);
  EXPECT_NE(table.find("EXCEPTION: skipped"), std::string::npos);
  Result<std::string> pdf = RenderTranscriptPdf(r);
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
  EXPECT_FALSE(RenderTranscriptPdf(Verify(text_.substr(0, 40))).ok());
}

}  // namespace
}  // namespace keyrite::transcript
