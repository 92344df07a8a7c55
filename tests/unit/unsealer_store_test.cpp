// Unit tests for lib/unsealer: the keystore (seal, format, parse, open; what the associated data
// binds), the streamed reader against the whole-text one, the audit log's chain, and the signed
// state. Everything is made here with a SeededRng; no known-answer vectors are involved (the
// primitives under these formats have their own tests).

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "base/digest.h"
#include "base/rng.h"
#include "keys/key_material.h"
#include "unsealer/audit_log.h"
#include "unsealer/keystore.h"
#include "unsealer/line_file.h"
#include "unsealer/master_key.h"
#include "unsealer/signing_key.h"
#include "unsealer/state.h"

namespace keyrite::unsealer {
namespace {

constexpr std::string_view kId = "0123456789abcdef";
constexpr std::int64_t kCreated = 1795000000;

struct Keystore {
  secmem::SecureBytes key;
  std::vector<KeyEntry> entries;
  std::vector<secmem::SecureBytes> secrets;  // entries[i]'s
};

Keystore MakeKeystore(Rng& rng) {
  Keystore k;
  k.key = DeriveKey(GenerateMasterKey(rng), KeyPurpose::kKeystore, kId);
  const keys::KeyKind kinds[] = {keys::KeyKind::kSecp256k1, keys::KeyKind::kEd25519,
                                 keys::KeyKind::kRandom, keys::KeyKind::kPassword};
  int n = 0;
  for (const keys::KeyKind kind : kinds) {
    Result<keys::KeyMaterial> m = keys::GenerateKey(kind, {}, rng);
    EXPECT_TRUE(m.ok()) << m.status().message();
    ++n;
    KeyEntry e = SealEntry(k.key, kId, "key-" + std::to_string(n), *m, kCreated + n, rng);
    e.pool = n % 2 == 0;
    if (n == 2) e.holder = "holder-1";
    k.secrets.push_back(secmem::SecureBytes::CopyOf(m->secret.span()));
    k.entries.push_back(std::move(e));
  }
  return k;
}

bool SameBytes(const secmem::SecureBytes& a, const secmem::SecureBytes& b) {
  return std::equal(a.span().begin(), a.span().end(), b.span().begin(), b.span().end());
}

TEST(UnsealerStoreKeystore, FormatParseOpenRoundTrip) {
  SeededRng rng(1);
  const Keystore k = MakeKeystore(rng);
  const std::string text = FormatKeystore(kId, 7, k.entries);
  const Result<std::vector<KeyEntry>> parsed = ParseKeystore(text, "ks", kId);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(*parsed, k.entries);
  for (std::size_t i = 0; i < parsed->size(); ++i) {
    const Result<secmem::SecureBytes> secret = OpenEntry(k.key, kId, (*parsed)[i]);
    ASSERT_TRUE(secret.ok()) << secret.status().message();
    EXPECT_TRUE(SameBytes(*secret, k.secrets[i])) << (*parsed)[i].name;
  }
}

TEST(UnsealerStoreKeystore, ResealOpensOnlyUnderTheNewKey) {
  SeededRng rng(2);
  const Keystore k = MakeKeystore(rng);
  const secmem::SecureBytes other = DeriveKey(GenerateMasterKey(rng), KeyPurpose::kKeystore, kId);
  const Result<KeyEntry> resealed = ResealEntry(k.key, other, kId, k.entries[0], rng);
  ASSERT_TRUE(resealed.ok());
  EXPECT_FALSE(OpenEntry(k.key, kId, *resealed).ok());
  const Result<secmem::SecureBytes> secret = OpenEntry(other, kId, *resealed);
  ASSERT_TRUE(secret.ok());
  EXPECT_TRUE(SameBytes(*secret, k.secrets[0]));
}

// The associated data binds the unsealer, name, kind and public key: any of them changed, the
// entry no longer opens (Corrupt naming it).
TEST(UnsealerStoreKeystore, AssociatedDataBindsNameKindPublicKeyAndUnsealer) {
  SeededRng rng(3);
  const Keystore k = MakeKeystore(rng);
  const std::vector<std::function<void(KeyEntry&)>> changes = {
      [](KeyEntry& e) { e.name = "renamed"; },
      [](KeyEntry& e) { e.kind = keys::KeyKind::kRandom; },
      [](KeyEntry& e) { e.public_key[0] = e.public_key[0] == '0' ? '1' : '0'; },
  };
  ASSERT_TRUE(OpenEntry(k.key, kId, k.entries[0]).ok());
  for (std::size_t i = 0; i < changes.size(); ++i) {
    KeyEntry e = k.entries[0];
    changes[i](e);
    const Result<secmem::SecureBytes> opened = OpenEntry(k.key, kId, e);
    ASSERT_FALSE(opened.ok()) << "change " << i;
    EXPECT_EQ(opened.status().kind(), ErrorKind::kCorrupt);
    EXPECT_NE(opened.status().message().find(e.name), std::string::npos);
  }
  EXPECT_FALSE(OpenEntry(k.key, "fedcba9876543210", k.entries[0]).ok());
  // The open parts that are not bound (holder, pool) can change: the pool is allocated openly.
  KeyEntry held = k.entries[0];
  held.holder = "someone";
  held.pool = !held.pool;
  EXPECT_TRUE(OpenEntry(k.key, kId, held).ok());
}

std::string LineOf(const std::string& text, std::size_t n) {  // 1-based, without newline
  std::size_t start = 0;
  for (std::size_t i = 1; i < n; ++i) start = text.find('\n', start) + 1;
  return text.substr(start, text.find('\n', start) - start);
}

TEST(UnsealerStoreKeystore, ParseRefusesRepeatsCountsTruncationAndOtherUnsealers) {
  SeededRng rng(4);
  const Keystore k = MakeKeystore(rng);
  std::vector<KeyEntry> twice = k.entries;
  twice[3].name = twice[1].name;
  const auto repeated = ParseKeystore(FormatKeystore(kId, 1, twice), "ks", kId);
  ASSERT_FALSE(repeated.ok());
  EXPECT_NE(repeated.status().message().find("ks line 5: repeats name key-2"), std::string::npos)
      << repeated.status().message();

  const std::string text = FormatKeystore(kId, 1, k.entries);
  const std::string short_by_one = text.substr(0, text.size() - LineOf(text, 5).size() - 1);
  const auto counted = ParseKeystore(short_by_one, "ks", kId);
  ASSERT_FALSE(counted.ok());
  EXPECT_NE(counted.status().message().find("holds 3 entries, its header says 4"),
            std::string::npos);

  const auto truncated = ParseKeystore(text.substr(0, text.size() - 1), "ks", kId);
  ASSERT_FALSE(truncated.ok());
  EXPECT_NE(truncated.status().message().find("line 5: truncated"), std::string::npos);

  const auto other = ParseKeystore(text, "ks", "fedcba9876543210");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().kind(), ErrorKind::kMismatch);
}

std::filesystem::path WriteTemp(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() /
                    (name + "-" + std::to_string(::getpid()) + ".jsonl");
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// The file reader (one pass: lines to the parser, bytes to the digest) agrees with the whole-text
// parser and with the digest of the text; kPublic keeps everything but the sealed values.
TEST(UnsealerStoreKeystore, StreamedFileReadMatchesTextParseAndDigest) {
  SeededRng rng(5);
  Keystore k = MakeKeystore(rng);
  const std::string text = FormatKeystore(kId, 3, k.entries);
  const auto path = WriteTemp("unsealer_store_ks", text);
  for (const auto keep : {KeystoreReader::Keep::kAll, KeystoreReader::Keep::kPublic}) {
    KeystoreReader reader(path.string(), kId, text.size(), keep);
    const Result<ScannedFile> scanned =
        ScanLines(path.string(), path.string(),
                  [&reader](std::string_view line, bool complete) {
                    return reader.Line(line, complete);
                  });
    ASSERT_TRUE(scanned.ok());
    ASSERT_TRUE(scanned->lines.ok()) << scanned->lines.message();
    EXPECT_EQ(scanned->sha256, Sha256(text));
    const Result<std::vector<KeyEntry>> entries = reader.Finish();
    ASSERT_TRUE(entries.ok());
    std::vector<KeyEntry> expected = k.entries;
    if (keep == KeystoreReader::Keep::kPublic) {
      for (KeyEntry& e : expected) e.sealed.clear();
    }
    EXPECT_EQ(*entries, expected);
  }
  std::filesystem::remove(path);
}

// Lines cut across the reader's blocks arrive whole; a bad line stops the lines, not the digest.
TEST(UnsealerStoreLineFile, LongLinesAcrossBlocksAndDigestPastAnError) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += std::string(20000 + i, static_cast<char>('a' + i % 26)) + "\n";
  const auto path = WriteTemp("unsealer_store_lines", text);
  std::vector<std::size_t> sizes;
  const auto scanned = ScanLines(path.string(), "lines", [&sizes](std::string_view line, bool) {
    sizes.push_back(line.size());
    return sizes.size() == 30 ? InvalidInput("stop") : OkStatus();
  });
  std::filesystem::remove(path);
  ASSERT_TRUE(scanned.ok());
  EXPECT_EQ(scanned->lines.message(), "stop");
  ASSERT_EQ(sizes.size(), 30u);
  for (std::size_t i = 0; i < sizes.size(); ++i) EXPECT_EQ(sizes[i], 20000 + i);
  EXPECT_EQ(scanned->sha256, Sha256(text));
}

// ---- audit log ----

std::string MakeLog(std::size_t records) {
  std::string log;
  for (std::uint64_t seq = 1; seq <= records; ++seq) {
    const AuditRecord r{seq, kCreated + static_cast<std::int64_t>(seq), "keystore add",
                        {{"name", "key-" + std::to_string(seq)}}, AuditHead(log)};
    log += FormatAuditRecord(r);
  }
  return log;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = text.find('\n', at);
    out.push_back(text.substr(at, end - at + 1));
    at = end + 1;
  }
  return out;
}

std::string Join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l;
  return out;
}

std::string AuditError(const std::string& text) {
  const Result<std::uint64_t> checked = CheckAuditLog(text, "audit");
  return checked.ok() ? "" : checked.status().message();
}

TEST(UnsealerStoreAudit, IntactChainChecksAndHeadIsLastLineHash) {
  const std::string log = MakeLog(5);
  const Result<std::vector<AuditRecord>> records = ParseAuditLog(log, "audit");
  ASSERT_TRUE(records.ok()) << records.status().message();
  ASSERT_EQ(records->size(), 5u);
  EXPECT_EQ((*records)[2].details, (AuditDetails{{"name", "key-3"}}));
  EXPECT_EQ(AuditHead(log), AuditLineHash(Lines(log).back()));
  AuditChain chain("audit");
  for (const std::string& line : Lines(log)) {
    ASSERT_TRUE(chain.Line(std::string_view(line).substr(0, line.size() - 1), true).ok());
  }
  EXPECT_EQ(chain.count(), 5u);
  EXPECT_EQ(chain.head(), AuditHead(log));
}

TEST(UnsealerStoreAudit, EditIsNamedAtTheNextLine) {
  std::vector<std::string> lines = Lines(MakeLog(5));
  const std::size_t at = lines[1].find("key-2");
  ASSERT_NE(at, std::string::npos);
  lines[1].replace(at, 5, "key-9");
  const std::string error = AuditError(Join(lines));
  EXPECT_NE(error.find("audit line 3: does not follow the line before it"), std::string::npos)
      << error;
}

TEST(UnsealerStoreAudit, DeletionIsNamed) {
  std::vector<std::string> lines = Lines(MakeLog(5));
  lines.erase(lines.begin() + 2);
  const std::string error = AuditError(Join(lines));
  EXPECT_NE(error.find("audit line 3: sequence number out of order"), std::string::npos) << error;
}

TEST(UnsealerStoreAudit, ReorderingIsNamed) {
  std::vector<std::string> lines = Lines(MakeLog(5));
  std::swap(lines[1], lines[2]);
  const std::string error = AuditError(Join(lines));
  EXPECT_NE(error.find("audit line 2: sequence number out of order"), std::string::npos) << error;
}

// A log cut at a line boundary is a valid shorter log: the store catches it by the count and head
// recorded in the signed state; cut inside a line, the line is named.
TEST(UnsealerStoreAudit, TruncationChangesCountAndHeadOrIsNamed) {
  const std::string log = MakeLog(5);
  std::vector<std::string> lines = Lines(log);
  lines.pop_back();
  const std::string shorter = Join(lines);
  const Result<std::uint64_t> count = CheckAuditLog(shorter, "audit");
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 4u);
  EXPECT_NE(AuditHead(shorter), AuditHead(log));
  const std::string error = AuditError(log.substr(0, log.size() - 10));
  EXPECT_NE(error.find("audit line 5: truncated (no final newline)"), std::string::npos) << error;
}

// ---- signed state ----

UnsealerState MakeState(const SigningKey& key) {
  UnsealerState s;
  s.id = std::string(kId);
  s.generation = 4;
  s.created = kCreated;
  s.changed = kCreated + 60;
  s.keyrite_version = "0.1.0";
  s.shards.threshold = 2;
  s.shards.dir = "shards-1";
  s.shards.custodians.push_back({1, "Alice <a@example.org>", std::string(40, 'A'), "1.asc", {}});
  s.shards.custodians.push_back({2, "Bob <b@example.org>", std::string(40, 'B'), "2.asc", {}});
  s.master_check = std::string(64, 'c');
  s.signing_public_key = key.public_hex;
  s.signing_key_sealed = "c2VhbGVk";
  s.keystore = {"keystore-000004.jsonl", Sha256("keystore"), 3};
  s.audit = {"audit-000004.jsonl", Sha256("audit"), 4};
  s.audit_head = std::string(64, 'd');
  s.signature = SignMessage(key, StateSigningMessage(s));
  return s;
}

TEST(UnsealerStoreState, AnyChangeBreaksTheSignature) {
  SeededRng rng(6);
  const SigningKey key = GenerateSigningKey(rng);
  const UnsealerState state = MakeState(key);
  ASSERT_TRUE(
      VerifySignature(key.public_hex, StateSigningMessage(state), state.signature, "state").ok());
  const std::vector<std::function<void(UnsealerState&)>> changes = {
      [](UnsealerState& s) { s.generation += 1; },
      [](UnsealerState& s) { s.changed += 1; },
      [](UnsealerState& s) { s.keyrite_version = "0.1.1"; },
      [](UnsealerState& s) { s.shards.threshold = 1; },
      [](UnsealerState& s) { s.shards.custodians.pop_back(); },
      [](UnsealerState& s) { s.shards.custodians[0].fingerprint[0] = 'F'; },
      [](UnsealerState& s) { s.retired_sets.push_back("KR1-x"); },
      [](UnsealerState& s) { s.master_check[0] = 'e'; },
      [](UnsealerState& s) { s.keystore.sha256[0] ^= 1; },
      [](UnsealerState& s) { s.keystore.count += 1; },
      [](UnsealerState& s) { s.audit.file = "audit-000003.jsonl"; },
      [](UnsealerState& s) { s.audit_head[0] = 'e'; },
      [](UnsealerState& s) { s.pending = Pending{}; },
  };
  for (std::size_t i = 0; i < changes.size(); ++i) {
    UnsealerState changed = state;
    changes[i](changed);
    const Status verified =
        VerifySignature(key.public_hex, StateSigningMessage(changed), changed.signature, "state");
    EXPECT_FALSE(verified.ok()) << "change " << i << " kept the signature valid";
    EXPECT_EQ(verified.kind(), ErrorKind::kCorrupt) << i;
  }
}

TEST(UnsealerStoreState, AnotherKeysSignatureIsRefused) {
  SeededRng rng(7);
  const SigningKey key = GenerateSigningKey(rng);
  const SigningKey other = GenerateSigningKey(rng);
  const UnsealerState state = MakeState(key);
  EXPECT_FALSE(
      VerifySignature(other.public_hex, StateSigningMessage(state), state.signature, "state").ok());
}

}  // namespace
}  // namespace keyrite::unsealer
