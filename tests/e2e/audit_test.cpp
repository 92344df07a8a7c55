// End-to-end: keyrite audit verify, show and print on a transcript written by lib/transcript
// (fixed clock and seed): a good one verifies, a changed byte, another key, a changed artifact
// or a foreign OpenPGP signature fail naming the record; the PDF renders with poppler and
// carries the closing digest in words; the man page lists every option.

#include <gtest/gtest.h>
#include <sodium.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "base/clock.h"
#include "base/digest.h"
#include "base/hex.h"
#include "base/rng.h"
#include "e2e_util.h"
#include "pgp/context.h"
#include "secmem/secure_bytes.h"
#include "support/gpg_fixture.h"
#include "transcript/writer.h"

namespace keyrite::testing {
namespace {

using transcript::Step;
using transcript::TranscriptWriter;

struct Written {
  std::string path;
  std::string public_hex;
  std::string words;
};

secmem::SecureBytes SigningKey(std::uint64_t seed, std::string& public_hex) {
  SeededRng rng(seed);
  secmem::SecureBytes key_seed(crypto_sign_SEEDBYTES);
  rng.Fill(key_seed.span());
  secmem::SecureBytes secret(crypto_sign_SECRETKEYBYTES);
  std::uint8_t pub[crypto_sign_PUBLICKEYBYTES];
  crypto_sign_seed_keypair(pub, secret.data(), key_seed.data());
  public_hex = ToHex(pub);
  return secret;
}

// A closed transcript of `steps` steps in `dir`, whose artifacts are written under dir/art.
Written WriteTranscript(const TempDir& dir, int steps,
                        const std::optional<pgp::Signer>& auditor = std::nullopt) {
  std::filesystem::create_directories(dir / "art");
  FixedClock clock(1795310400);
  SeededRng rng(5);
  Written out{dir / "transcript.jsonl", "", ""};
  const secmem::SecureBytes secret = SigningKey(1, out.public_hex);
  Result<TranscriptWriter> w = TranscriptWriter::Create(out.path, {"unsealer-init", true}, clock, rng);
  KR_CHECK(w.ok());
  for (int i = 1; i <= steps; ++i) {
    const std::string name = "file-" + std::to_string(i) + ".txt";
    WriteFileOrDie(dir / ("art/" + name), "content " + std::to_string(i));
    Step step{.step = "1." + std::to_string(i), .roles = {"administrator", "auditor"},
              .action = i % 7 == 0 ? "print shares" : "split", .params = {{"threshold", "3"}},
              .outputs = {{name, Sha256("content " + std::to_string(i))}}};
    if (i == 3) {
      step.exception = true;
      step.exception_text = "printer jammed; reprinted";
    }
    KR_CHECK(w->Append(step).ok());
  }
  Result<transcript::CheckpointInfo> info = w->Checkpoint(secret, out.public_hex, auditor);
  KR_CHECK(info.ok());
  out.words = info->digest_words;
  return out;
}

TEST(Audit, VerifyAcceptsAGoodTranscriptAndNamesTheBadRecord) {
  TempDir dir;
  const Written t = WriteTranscript(dir, 4);
  RunResult r = RunKeyrite({"audit", "verify", t.path, "--pubkey", t.public_hex,
                            "--artifacts", dir / "art"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(t.words), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("the expected key"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("All 4 artifacts match"), std::string::npos) << r.out;

  std::string other_hex;
  SigningKey(2, other_hex);
  r = RunKeyrite({"audit", "verify", t.path, "--pubkey", other_hex});
  EXPECT_EQ(r.exit_code, 6) << r.err;
  EXPECT_NE(r.err.find("record 6"), std::string::npos) << r.err;

  std::string text = ReadFileOrEmpty(t.path);
  const std::size_t third = text.find("\"seq\":3");
  text[third + 20] ^= 1;
  WriteFileOrDie(dir / "edited.jsonl", text);
  r = RunKeyrite({"audit", "verify", dir / "edited.jsonl", "--pubkey", t.public_hex});
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("record 3"), std::string::npos) << r.err;

  WriteFileOrDie(dir / "art/file-2.txt", "changed");
  r = RunKeyrite({"audit", "verify", t.path, "--artifacts", dir / "art", "--json"});
  EXPECT_EQ(r.exit_code, 4) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_FALSE(j["ok"].get<bool>());
  EXPECT_EQ(j["bad_record"].get<int>(), 3);
  EXPECT_EQ(j["artifact_problems"][0]["name"], "file-2.txt");

  EXPECT_EQ(RunKeyrite({"audit", "verify", t.path, "--pubkey", "xyz"}).exit_code, 2);
  EXPECT_EQ(RunKeyrite({"audit", "verify", dir / "none.jsonl"}).exit_code, 7);
}

TEST(Audit, ShowPrintsATableAndStopsAtDamage) {
  TempDir dir;
  const Written t = WriteTranscript(dir, 3);
  RunResult r = RunKeyrite({"audit", "show", t.path});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("REHEARSAL"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("administrator, auditor"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("EXCEPTION: printer jammed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(t.words), std::string::npos) << r.out;
  const std::string text = ReadFileOrEmpty(t.path);
  WriteFileOrDie(dir / "cut.jsonl", text.substr(0, text.size() - 30));
  r = RunKeyrite({"audit", "show", dir / "cut.jsonl"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_NE(r.out.find("STOPPED at record 5"), std::string::npos) << r.out;
}

TEST(Audit, PrintWritesAPdfThatRenders) {
  TempDir dir;
  const Written t = WriteTranscript(dir, 40);  // several pages
  RunResult r = RunKeyrite({"audit", "print", t.path, "--out", dir / "t.pdf"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(t.words), std::string::npos);
  ASSERT_EQ(RunProgram({"pdftoppm", "-r", "40", "-png", dir / "t.pdf", dir / "page"}).exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(dir / "page-1.png"));
  EXPECT_TRUE(std::filesystem::exists(dir / "page-2.png"));  // page breaks happened
  const RunResult text = RunProgram({"pdftotext", "-layout", dir / "t.pdf", "-"});
  ASSERT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("Initials"), std::string::npos);
  EXPECT_NE(text.out.find("Signature"), std::string::npos);
  const std::string first_words = t.words.substr(0, t.words.find(' ', t.words.find(' ') + 1));
  EXPECT_NE(text.out.find(first_words), std::string::npos) << first_words;
  // Never overwrites; never prints a damaged transcript.
  EXPECT_EQ(RunKeyrite({"audit", "print", t.path, "--out", dir / "t.pdf"}).exit_code, 9);
  WriteFileOrDie(dir / "cut.jsonl", ReadFileOrEmpty(t.path).substr(0, 500));
  EXPECT_EQ(RunKeyrite({"audit", "print", dir / "cut.jsonl", "--out", dir / "u.pdf"}).exit_code, 4);
  EXPECT_FALSE(std::filesystem::exists(dir / "u.pdf"));
}

TEST(Audit, VerifyChecksAnAuditorsOpenPgpSignature) {
  test_support::GpgFixture fx;
  const auto auditor = fx.MakeIdentity("auditor", test_support::Algo::kEd25519Cv25519, "");
  const auto mallory = fx.MakeIdentity("mallory", test_support::Algo::kEd25519Cv25519, "");
  TempDir dir;
  Result<pgp::Context> ctx = pgp::Context::Create(auditor.home.string());
  ASSERT_TRUE(ctx.ok());
  const Written t = WriteTranscript(dir, 2, pgp::Signer{&*ctx, auditor.fingerprint});
  RunResult r = RunKeyrite({"audit", "verify", t.path, "--gpg-signature", t.path + ".sig",
                            "--gnupghome", auditor.home.string(), "--gpg-fingerprint",
                            auditor.fingerprint});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("OpenPGP signature by " + auditor.fingerprint), std::string::npos) << r.out;
  r = RunKeyrite({"audit", "verify", t.path, "--gpg-signature", t.path + ".sig", "--gnupghome",
                  mallory.home.string()});
  EXPECT_EQ(r.exit_code, 7) << r.err;  // the auditor's key is not in mallory's keyring
  EXPECT_NE(r.err.find("record 4"), std::string::npos) << r.err;
}

std::set<std::string> LongOptions(const std::string& help) {
  std::set<std::string> out;
  const std::regex option("--([a-z][a-z0-9-]*)");
  for (auto it = std::sregex_iterator(help.begin(), help.end(), option);
       it != std::sregex_iterator(); ++it) {
    out.insert((*it)[1]);
  }
  return out;
}

TEST(Audit, TheManPageListsEveryOption) {
  std::string page = ReadFileOrEmpty(std::string(KEYRITE_SOURCE_ROOT) + "/man/keyrite-audit.1");
  ASSERT_FALSE(page.empty());
  page = std::regex_replace(page, std::regex(R"(\\-)"), "-");
  for (const char* sub : {"verify", "show", "print"}) {
    const RunResult help = RunKeyrite({"audit", sub, "--help"});
    ASSERT_EQ(help.exit_code, 0) << sub;
    EXPECT_NE(help.out.find("Example"), std::string::npos) << sub;
    for (const std::string& option : LongOptions(help.out)) {
      if (option == "help") continue;
      EXPECT_NE(page.find("--" + option), std::string::npos) << "audit " << sub << " --" << option;
    }
  }
}

}  // namespace
}  // namespace keyrite::testing
