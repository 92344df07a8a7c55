// Writes the seed corpora of the fuzz targets whose inputs the tests do not keep as files: valid
// manifests, unsealer states, keystores, audit logs, key texts, SLIP-39 and Vault shares, keystore
// v3 files, typed rows, QR parts and snapshots, made with a fixed seed (snapshots: fixed keys) by
// the library's own writers, and each parsed back before it is written.
// Usage: make_seeds OUTDIR (fuzz/corpus/README.md).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "base/check.h"
#include "base/rng.h"
#include "keys/bip39.h"
#include "keys/key_text.h"
#include "keys/keystore_v3.h"
#include "legacy/vault.h"
#include "legacy/vault_check.h"
#include "paper/qr_parts.h"
#include "paper/typed_lines.h"
#include "shards/manifest.h"
#include "share/share_v1.h"
#include "slip39/slip39.h"
#include "snapshot/snapshot.h"
#include "snapshot_keys.h"
#include "stream/share_file_format.h"
#include "transcript/verify.h"
#include "transcript/writer.h"
#include "unsealer/audit_log.h"
#include "unsealer/keystore.h"
#include "unsealer/signing_key.h"
#include "unsealer/state.h"

namespace {

using namespace keyrite;

std::string g_out;

void Write(const std::string& target, const std::string& name, std::string_view bytes) {
  std::ofstream(g_out + "/" + target + "/" + name, std::ios::binary) << bytes;
}

template <typename T>
T Must(Result<T> r) {
  if (!r.ok()) std::fprintf(stderr, "make_seeds: %s\n", r.status().message().c_str());
  KR_CHECK(r.ok());
  return std::move(r).value();
}

Sha256Digest Digest(std::uint8_t fill) {
  Sha256Digest d{};
  d.fill(fill);
  return d;
}

void Manifests() {
  shards::Manifest m{{1, 2, 3, 4, 5, 6, 7, 8}, 2, 3, 1795000000, "0.1.0", Digest(7), {}};
  for (std::uint8_t i = 1; i <= 3; ++i) {
    m.custodians.push_back(
        {i, "Custodian " + std::to_string(i) + " <c" + std::to_string(i) + "@example.org>",
         std::string(40, static_cast<char>('A' + i)), std::string(16, static_cast<char>('0' + i)),
         "shard-" + std::to_string(i) + "-of-3.asc", Digest(i)});
  }
  const std::string text = shards::FormatManifest(m);
  Must(shards::ParseManifest(text, "seed"));
  Write("manifest", "two_of_three.json", text);
}

unsealer::ShardSet SomeShards() {
  unsealer::ShardSet s{{9, 8, 7, 6, 5, 4, 3, 2}, 2, "shards-1", Digest(1), {}};
  for (std::uint8_t i = 1; i <= 2; ++i) {
    s.custodians.push_back({i, "C" + std::to_string(i) + " <c@example.org>", std::string(40, 'B'),
                            "shard-" + std::to_string(i) + "-of-2.asc", Digest(i)});
  }
  return s;
}

void States() {
  unsealer::UnsealerState s;
  s.id = "0123456789abcdef";
  s.generation = 3;
  s.created = 1795000000;
  s.changed = 1795000100;
  s.keyrite_version = "0.1.0";
  s.shards = SomeShards();
  s.retired_sets = {unsealer::SetIdText({1, 1, 2, 3, 5, 8, 13, 21})};
  s.master_check = std::string(64, 'a');
  s.signing_public_key = std::string(64, 'b');
  s.signing_key_sealed = "c2VhbGVk";
  s.keystore = {"keystore-3.jsonl", Digest(2), 2};
  s.audit = {"audit.log", Digest(3), 3};
  s.audit_head = std::string(64, 'c');
  s.signature = std::string(128, 'd');
  const std::string plain = unsealer::FormatState(s);
  Must(unsealer::ParseState(plain, "seed"));
  Write("unsealer_state", "plain.json", plain);
  s.pending = unsealer::Pending{"rotate",     "0011223344556677",
                                SomeShards(), std::string(64, 'e'),
                                "bmV3",       {"keystore-4.jsonl", Digest(4), 2}};
  const std::string pending = unsealer::FormatState(s);
  Must(unsealer::ParseState(pending, "seed"));
  Write("unsealer_state", "pending.json", pending);
}

void Keystores(Rng& rng) {
  const secmem::SecureBytes keystore_key(32);
  std::vector<unsealer::KeyEntry> entries;
  int n = 0;
  for (const keys::KeyKind kind : {keys::KeyKind::kSecp256k1, keys::KeyKind::kEd25519,
                                   keys::KeyKind::kRandom, keys::KeyKind::kPassword}) {
    const keys::KeyMaterial key = Must(keys::GenerateKey(kind, {}, rng));
    entries.push_back(unsealer::SealEntry(keystore_key, "0123456789abcdef",
                                          "key-" + std::to_string(++n), key, 1795000000, rng));
    const keys::NamedKey named{"key-" + std::to_string(n), &key};
    Write("key_text", std::string(keys::KeyKindName(kind)) + ".txt",
          keys::FormatKeyText({named}).view());
  }
  entries[1].pool = true;
  entries[1].holder = "alice";
  const std::string text = unsealer::FormatKeystore("0123456789abcdef", 2, entries);
  Must(unsealer::ParseKeystore(text, "seed", "0123456789abcdef"));
  Write("unsealer_keystore", "four_kinds.jsonl", text);
  Write("key_text", "hex.txt", "0x" + std::string(64, '1'));
  Write("key_text", "password.txt", "correct horse battery staple");
}

void AuditLogs() {
  std::string log;
  std::string prev(unsealer::kAuditGenesis);
  const char* actions[] = {"unsealer init", "keystore add", "keystore allocate"};
  for (std::uint64_t seq = 1; seq <= 3; ++seq) {
    const unsealer::AuditRecord r{seq,
                                  1795000000 + static_cast<std::int64_t>(seq),
                                  actions[seq - 1],
                                  {{"name", "key-1"}, {"kind", "ed25519"}},
                                  prev};
    const std::string line = unsealer::FormatAuditRecord(r);
    prev = unsealer::AuditLineHash(std::string_view(line).substr(0, line.size() - 1));
    log += line;
  }
  Must(unsealer::ParseAuditLog(log, "seed"));
  Write("audit_log", "three.log", log);
}

void ShareFileHeaders() {
  for (const std::uint8_t version :
       {stream::kShareFileVersionSha256, stream::kShareFileVersionBlake3}) {
    const stream::ShareFileHeader h{.version = version,
                                    .set_id = {1, 2, 3, 4, 5, 6, 7, 8},
                                    .threshold = 3,
                                    .index = 2,
                                    .payload_bytes = 16 + 5};
    const auto bytes = stream::EncodeShareFileHeader(h);
    Write("share_file_header", "header-v" + std::to_string(version),
          std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size()) + "hello" +
              std::string(16, '\x5a'));
  }
}

void Slip39(Rng& rng) {
  const std::vector<std::uint8_t> secret(16, 0x42);
  slip39::SplitParameters p{2, {{2, 3}, {1, 1}}, 0, false};
  const slip39::Mnemonics m = Must(slip39::Split(secret, {}, p, rng));
  const std::string a(m[0][0].view()), b(m[0][2].view()), c(m[1][0].view());
  Write("slip39", "one", a);
  Write("slip39", "two_of_group", a + "\n" + b);
  Write("slip39", "complete", a + "\n" + b + "\n" + c);
}

void Legacy(Rng& rng) {
  const std::vector<std::uint8_t> secret = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  const std::vector<legacy::VaultShare> shares = Must(legacy::SplitVault(secret, 2, 3, rng));
  std::string b64, hex;
  for (const legacy::VaultShare& s : shares) {
    b64 += std::string(legacy::FormatVaultShare(s, legacy::VaultEncoding::kBase64).view()) + "\n";
    hex += std::string(legacy::FormatVaultShare(s, legacy::VaultEncoding::kHex).view()) + "\n";
  }
  Write("legacy", "vault_base64", b64);
  Write("legacy", "vault_hex", hex);
  Write("legacy", "vault_check.json",
        legacy::FormatVaultCheck(legacy::MakeVaultCheck(secret, 2, 3, rng)));
}

void Bip39(Rng& rng) {
  for (const std::size_t words : {12, 24}) {
    const secmem::SecureBytes m = Must(keys::GenerateMnemonic(words, rng));
    Write("bip39", std::to_string(words) + "_words", m.view());
  }
  Write("bip39", "path_eth", "m/44'/60'/0'/0/0");
  Write("bip39", "path_tezos", "m/44h/1729H/0'/0'");
}

void KeystoreV3(Rng& rng) {
  const keys::KeyMaterial key = Must(keys::GenerateKey(keys::KeyKind::kSecp256k1, {}, rng));
  const secmem::SecureBytes pass = secmem::SecureBytes::CopyOf(std::string_view("fuzz"));
  const std::string json = Must(keys::EncryptKeystoreV3(key.secret, pass, {1024, 8, 1}, rng));
  Must(keys::DecryptKeystoreV3(json, pass, rng));
  Write("keystore_v3", "scrypt_1024.json", json);
}

void PaperSeeds() {
  const std::string line(
      share::FormatShareV1({{1, 2, 3, 4, 5, 6, 7, 8},
                            2,
                            1,
                            secmem::SecureBytes::CopyOf(std::string_view("0123456789abcdefghij"))})
          .view());
  for (const std::size_t gpl : {std::size_t{2}, std::size_t{5}}) {
    const auto rows = Must(paper::SplitTypedRows(line, gpl));
    const char first = static_cast<char>(gpl - 1);  // the target's groups_per_line, row 1
    Write("typed_lines", "line_" + std::to_string(gpl), first + line);
    Write("typed_lines", "row_" + std::to_string(gpl),
          first + std::string(rows[0].text.view()) + " " + std::string(rows[0].check.view()));
  }
  std::string parts;
  for (const secmem::SecureBytes& p :
       paper::MakeParts("AERUJKZ4JEVPG", 1, secmem::SecureBytes::CopyOf(line).span(), 40)) {
    parts += std::string(p.view()) + "\n";
  }
  Write("qr_parts", "parts", parts);
  Write("qr_parts", "marker", paper::PageMarkerPayload("AERUJKZ4JEVPG", 1, 2).view());
}

// An open transcript with two steps, and the same one closed by a signed checkpoint.
void Transcripts(Rng& rng) {
  FixedClock clock(1795000000);
  const std::string path = g_out + "/transcript/.seed.jsonl";
  std::filesystem::remove(path);
  transcript::TranscriptWriter writer =
      Must(transcript::TranscriptWriter::Create(path, {.ceremony = "unsealer-init"}, clock, rng));
  Must(writer.Append({.step = "1.1", .roles = {"administrator"}, .action = "doctor"}));
  Must(writer.Append({.step = "2.1",
                      .roles = {"auditor"},
                      .action = "split",
                      .params = {{"threshold", "3"}},
                      .outputs = {{"shards/shard-1-of-5.asc", Digest(7)}},
                      .exception = true,
                      .exception_text = "printer jammed; approved by auditor"}));
  const std::string open = Must(transcript::ReadTranscriptFile(path));
  Write("transcript", "open.jsonl", open);
  const unsealer::SigningKey key = unsealer::GenerateSigningKey(rng);
  Must(writer.Checkpoint(key.secret, key.public_hex));
  const std::string closed = Must(transcript::ReadTranscriptFile(path));
  KR_CHECK(transcript::VerifyTranscript(closed, {}).ok());
  Write("transcript", "closed.jsonl", closed);
  std::filesystem::remove(path);
}

// A sealed file and a three-member unsealer snapshot (one member empty), under the fixed keys
// that snapshot_fuzz verifies and decrypts with.
void Snapshots(Rng& rng) {
  FixedClock clock(1795000000);
  const fuzz::SnapshotKeys& keys = fuzz::FixedSnapshotKeys();
  const snapshot::SealKeys seal{keys.snapshot_key, keys.signing_key, fuzz::kSnapshotUnsealerId};
  std::vector<std::uint8_t> state(3000);
  rng.Fill(state);
  const std::string text = "{\"unsealer\": \"seed\"}\n";
  const std::vector<std::uint8_t> json(text.begin(), text.end());
  const std::vector<snapshot::MemberSource> members = {
      {"unsealer.json", "", json}, {"keystore-1.jsonl", "", state}, {"audit.log", "", {}}};
  const std::string dir = g_out + "/snapshot/";
  std::filesystem::remove(dir + "unsealer.krsnap");
  Must(snapshot::WriteSnapshot(dir + "unsealer.krsnap", snapshot::Kind::kUnsealerSnapshot, members,
                               seal, clock));
  Must(snapshot::TestSnapshot(dir + "unsealer.krsnap", keys.snapshot_key, keys.signer));
  const std::string in = dir + "raft.snap";
  std::ofstream(in, std::ios::binary) << "a small external file";
  std::filesystem::remove(dir + "sealed.krsnap");
  Must(snapshot::SealFile(in, dir + "sealed.krsnap", seal, clock));
  Must(snapshot::TestSnapshot(dir + "sealed.krsnap", keys.snapshot_key, keys.signer));
  std::filesystem::remove(in);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_seeds OUTDIR (with one directory per target)\n");
    return 2;
  }
  g_out = argv[1];
  SeededRng rng(20261122);
  Manifests();
  States();
  Keystores(rng);
  AuditLogs();
  ShareFileHeaders();
  Slip39(rng);
  Legacy(rng);
  Bip39(rng);
  KeystoreV3(rng);
  PaperSeeds();
  Transcripts(rng);
  Snapshots(rng);
  return 0;
}
