// Tests of lib/snapshot: the v1 container (round trips, every single-byte flip, truncation,
// appended bytes, swapped members, wrong unsealer, wrong keys, empty and large members) and the
// Vault raft snapshot inspector (archives built with tar and gzip, and damaged variants).

#include <gtest/gtest.h>
#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/hex.h"
#include "base/rng.h"
#include "snapshot/chunks.h"
#include "snapshot/digest_work.h"
#include "snapshot/file.h"
#include "snapshot/snapshot.h"
#include "snapshot/vault.h"

namespace keyrite::snapshot {
namespace {

namespace fs = std::filesystem;
using Bytes = std::vector<std::uint8_t>;
using secmem::SecureBytes;

constexpr const char* kId = "0123456789abcdef";
constexpr const char* kOtherId = "fedcba9876543210";

Bytes Random(std::size_t n, std::uint64_t seed) {
  Bytes b(n);
  SeededRng(seed).Fill(b);
  return b;
}

void WriteBytes(const std::string& path, const Bytes& data) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
}

Bytes ReadBytes(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(f), {});
}

// An unsealer's keys as the keystore will hand them over: snapshot key and ed25519 key pair.
struct TestKeys {
  explicit TestKeys(std::uint64_t seed) : snapshot_key(32), signing_key(64) {
    SeededRng rng(seed);
    rng.Fill(snapshot_key.span());
    std::array<std::uint8_t, 32> sign_seed{};
    rng.Fill(sign_seed);
    crypto_sign_seed_keypair(public_key.data(), signing_key.data(), sign_seed.data());
  }
  SealKeys Seal(std::string id = kId) const { return SealKeys{snapshot_key, signing_key, id}; }
  SecureBytes snapshot_key;
  SecureBytes signing_key;
  PublicKey public_key{};
};

class SnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = ::testing::TempDir() + "keyrite_snapshot_XXXXXX";
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  // A snapshot of three members (one of them a file, one empty) at `name`.
  SnapshotInfo Write(const std::string& name, const Bytes& keystore, const TestKeys& keys,
                     std::string id = kId) {
    WriteBytes(Path("keystore.in"), keystore);
    const std::vector<MemberSource> members = {
        {"unsealer.json", "", public_}, {"keystore", Path("keystore.in"), {}}, {"empty", "", {}},
        {"audit.log", "", log_}};
    Result<SnapshotInfo> r =
        WriteSnapshot(Path(name), Kind::kUnsealerSnapshot, members, keys.Seal(id), clock_);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : SnapshotInfo{};
  }

  std::string VerifyError(const std::string& name, const PublicKey& key,
                          std::string_view id = {}) {
    Result<SnapshotInfo> r = VerifySnapshot(Path(name), key, id);
    return r.ok() ? "ok" : r.status().message();
  }

  fs::path dir_;
  FixedClock clock_{1'790'000'000};
  Bytes public_ = Random(300, 11);
  Bytes log_ = Random(1000, 12);
  TestKeys keys_{1};
};

TEST_F(SnapshotTest, RoundTripThroughVerifyTestOpenAndRestore) {
  const Bytes keystore = Random(200'000, 3);  // spans four chunks
  const SnapshotInfo written = Write("s.krsnap", keystore, keys_);
  EXPECT_EQ(written.chunk_count, 4u);
  EXPECT_EQ(written.file_bytes, fs::file_size(Path("s.krsnap")));

  Result<SnapshotInfo> v = VerifySnapshot(Path("s.krsnap"), keys_.public_key, kId);
  ASSERT_TRUE(v.ok()) << v.status().message();
  EXPECT_EQ(v->snapshot_digest, written.snapshot_digest);
  ASSERT_EQ(v->header.members.size(), 4u);
  EXPECT_EQ(v->header.members[1].name, "keystore");
  EXPECT_EQ(v->header.members[1].size, keystore.size());
  EXPECT_EQ(v->header.created, 1'790'000'000);
  EXPECT_EQ(FormatUnsealerId(v->header.unsealer_id), kId);

  Result<SnapshotInfo> t = TestSnapshot(Path("s.krsnap"), keys_.snapshot_key, keys_.public_key, kId);
  ASSERT_TRUE(t.ok()) << t.status().message();

  std::vector<Bytes> got(4);
  std::vector<int> lasts(4, 0);
  const MemberSink sink = [&](const Member& m, std::span<const std::uint8_t> piece, bool last) {
    const auto i = static_cast<std::size_t>(
        std::find_if(v->header.members.begin(), v->header.members.end(),
                     [&](const Member& x) { return x.name == m.name; }) -
        v->header.members.begin());
    got[i].insert(got[i].end(), piece.begin(), piece.end());
    lasts[i] += last ? 1 : 0;
    return OkStatus();
  };
  ASSERT_TRUE(OpenSnapshot(Path("s.krsnap"), keys_.snapshot_key, keys_.public_key, kId, sink).ok());
  EXPECT_EQ(got[0], public_);
  EXPECT_EQ(got[1], keystore);
  EXPECT_TRUE(got[2].empty());
  EXPECT_EQ(got[3], log_);
  EXPECT_EQ(lasts, std::vector<int>({1, 1, 1, 1}));

  fs::create_directory(Path("green"));
  ASSERT_TRUE(RestoreSnapshot(Path("s.krsnap"), keys_.snapshot_key, keys_.public_key, kId,
                              Path("green"))
                  .ok());
  EXPECT_EQ(ReadBytes(Path("green/keystore")), keystore);
  EXPECT_EQ(ReadBytes(Path("green/unsealer.json")), public_);
  EXPECT_EQ(ReadBytes(Path("green/audit.log")), log_);
  EXPECT_TRUE(fs::exists(Path("green/empty")));
  EXPECT_EQ(fs::file_size(Path("green/empty")), 0u);
  EXPECT_EQ(fs::status(Path("green/keystore")).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
}

TEST_F(SnapshotTest, NeverOverwritesAndLeavesNothingOnFailure) {
  WriteBytes(Path("s.krsnap"), {1, 2, 3});
  WriteBytes(Path("keystore.in"), {4});
  Result<SnapshotInfo> r = WriteSnapshot(Path("s.krsnap"), Kind::kUnsealerSnapshot,
                                         {{"keystore", Path("keystore.in"), {}}}, keys_.Seal(),
                                         clock_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().kind(), ErrorKind::kExists);
  EXPECT_EQ(ReadBytes(Path("s.krsnap")), Bytes({1, 2, 3}));

  r = WriteSnapshot(Path("t.krsnap"), Kind::kUnsealerSnapshot,
                    {{"keystore", Path("no-such-file"), {}}}, keys_.Seal(), clock_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().kind(), ErrorKind::kNotFound);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 2);

  // A restore into a directory where one member's name is taken publishes nothing.
  Write("u.krsnap", Random(10, 1), keys_);
  fs::create_directory(Path("green"));
  WriteBytes(Path("green/audit.log"), {9});
  Result<SnapshotInfo> restored = RestoreSnapshot(Path("u.krsnap"), keys_.snapshot_key,
                                                  keys_.public_key, kId, Path("green"));
  ASSERT_FALSE(restored.ok());
  EXPECT_EQ(restored.status().kind(), ErrorKind::kExists);
  EXPECT_EQ(std::distance(fs::directory_iterator(Path("green")), fs::directory_iterator()), 1);
}

TEST_F(SnapshotTest, RejectsBadRequests) {
  const auto write = [&](std::vector<MemberSource> members, SealKeys keys) {
    return WriteSnapshot(Path("x"), Kind::kUnsealerSnapshot, members, keys, clock_).status();
  };
  EXPECT_EQ(write({}, keys_.Seal()).kind(), ErrorKind::kInvalidArgument);
  EXPECT_EQ(write({{"a/b", "", {}}}, keys_.Seal()).kind(), ErrorKind::kInvalidArgument);
  EXPECT_EQ(write({{".hidden", "", {}}}, keys_.Seal()).kind(), ErrorKind::kInvalidArgument);
  EXPECT_EQ(write({{"a", "", {}}, {"a", "", {}}}, keys_.Seal()).kind(),
            ErrorKind::kInvalidArgument);
  EXPECT_EQ(write({{"a", "", {}}}, keys_.Seal("0123")).kind(), ErrorKind::kInvalidArgument);
  EXPECT_FALSE(fs::exists(Path("x")));
}

// Which region of the file a byte belongs to, as verify must name it.
std::string RegionOf(std::size_t offset, const SnapshotInfo& info) {
  const std::uint64_t header = info.header.EncodedBytes();
  const std::uint64_t chunks_end = header + info.header.total_bytes + info.chunk_count * kAeadBytes;
  if (offset < header) return "header";
  if (offset < chunks_end) return "chunk";
  return "trailer";
}

TEST_F(SnapshotTest, EverySingleByteFlipFailsAndNamesTheRegion) {
  public_ = Random(40, 2);
  log_ = Random(20, 3);
  const SnapshotInfo info = Write("s.krsnap", Random(60, 4), keys_);
  const Bytes good = ReadBytes(Path("s.krsnap"));
  ASSERT_EQ(good.size(), info.file_bytes);
  for (std::size_t i = 0; i < good.size(); ++i) {
    Bytes bad = good;
    bad[i] ^= 0x01;
    WriteBytes(Path("bad"), bad);
    const std::string error = VerifyError("bad", keys_.public_key, kId);
    EXPECT_NE(error.find(RegionOf(i, info)), std::string::npos)
        << "byte " << i << " flipped: " << error;
    if (i % 37 == 0) {  // the keyed check refuses it too (sampled: it repeats the same checks)
      EXPECT_FALSE(TestSnapshot(Path("bad"), keys_.snapshot_key, keys_.public_key, kId).ok()) << i;
    }
  }
}

TEST_F(SnapshotTest, AFlipInAnyChunkOfALargeSnapshotNamesThatChunk) {
  const SnapshotInfo info = Write("s.krsnap", Random(300'000, 5), keys_);
  const Bytes good = ReadBytes(Path("s.krsnap"));
  const std::uint64_t header = info.header.EncodedBytes();
  for (std::uint64_t c = 0; c < info.chunk_count; ++c) {
    Bytes bad = good;
    bad[header + c * (kChunkBytes + kAeadBytes) + 1000] ^= 0x80;
    WriteBytes(Path("bad"), bad);
    EXPECT_NE(VerifyError("bad", keys_.public_key).find("chunk " + std::to_string(c + 1) + " of " +
                                                        std::to_string(info.chunk_count)),
              std::string::npos);
  }
}

// Above 64 chunks two threads share the chunk digests (and, with a key, the decryption and the
// member hashes): the altered chunk is still the one named, wherever it is.
TEST_F(SnapshotTest, LargeSnapshotsNameTheAlteredChunkFromEitherThread) {
  const SnapshotInfo info = Write("s.krsnap", Random(100 * kChunkBytes, 15), keys_);
  ASSERT_EQ(info.chunk_count, 101u);
  const Bytes good = ReadBytes(Path("s.krsnap"));
  const std::uint64_t header = info.header.EncodedBytes();
  for (const std::uint64_t c : {std::uint64_t{0}, std::uint64_t{49}, std::uint64_t{50},
                                std::uint64_t{90}, std::uint64_t{100}}) {
    Bytes bad = good;
    bad[header + c * (kChunkBytes + kAeadBytes) + 7] ^= 0x04;
    WriteBytes(Path("bad"), bad);
    const std::string label = "chunk " + std::to_string(c + 1) + " of 101: altered";
    EXPECT_NE(VerifyError("bad", keys_.public_key).find(label), std::string::npos) << c;
    Result<SnapshotInfo> t = TestSnapshot(Path("bad"), keys_.snapshot_key, keys_.public_key);
    ASSERT_FALSE(t.ok());
    EXPECT_NE(t.status().message().find(label), std::string::npos) << t.status().message();
  }
  EXPECT_TRUE(VerifySnapshot(Path("s.krsnap"), keys_.public_key).ok());
  EXPECT_TRUE(TestSnapshot(Path("s.krsnap"), keys_.snapshot_key, keys_.public_key).ok());
}

// With the key, the digests wait for a decryption failure to set their limit; a thread that
// asks for work before then (it once happened under load, when the hashing thread finished
// first) must not use up the first batch, or an altered first chunk goes unnamed.
TEST_F(SnapshotTest, DeferredDigestsClaimNothingBeforeTheirLimit) {
  const SnapshotInfo info = Write("s.krsnap", Random(100 * kChunkBytes, 18), keys_);
  Bytes bad = ReadBytes(Path("s.krsnap"));
  const std::uint64_t header_bytes = info.header.EncodedBytes();
  bad[header_bytes + 3] ^= 0x10;  // chunk 1
  WriteBytes(Path("bad"), bad);
  Result<InputFile> in = OpenInput(Path("bad"));
  ASSERT_TRUE(in.ok()) << in.status().message();
  const std::string path = Path("bad");
  const Digest header_digest{};
  const ChunkSpan span{in->fd.get(), path, info.header, header_bytes, header_digest};
  DigestWork digests(span);
  std::vector<std::uint8_t> buffer;
  digests.Defer();
  EXPECT_FALSE(digests.CheckNext(buffer));
  EXPECT_FALSE(digests.Pending());
  digests.Limit(1);
  EXPECT_TRUE(digests.Pending());
  digests.CheckAll(buffer);
  EXPECT_NE(digests.status().message().find("chunk 1 of 101: altered"), std::string::npos)
      << digests.status().message();
}

// Large enough for the two-thread path: what the sink receives is exactly the members, in
// order, and a sink failure in a late chunk, or a wrong key, stops it with that error.
TEST_F(SnapshotTest, LargeSnapshotsOpenExactlyAndStopOnFailure) {
  const Bytes keystore = Random(150 * kChunkBytes + 77, 16);
  const SnapshotInfo info = Write("s.krsnap", keystore, keys_);
  ASSERT_GT(info.chunk_count, 64u);
  std::map<std::string, Bytes> got;
  std::size_t lasts = 0;
  const MemberSink collect = [&](const Member& m, std::span<const std::uint8_t> piece, bool last) {
    got[m.name].insert(got[m.name].end(), piece.begin(), piece.end());
    lasts += last ? 1 : 0;
    return OkStatus();
  };
  ASSERT_TRUE(
      OpenSnapshot(Path("s.krsnap"), keys_.snapshot_key, keys_.public_key, kId, collect).ok());
  EXPECT_EQ(got["unsealer.json"], public_);
  EXPECT_EQ(got["keystore"], keystore);
  EXPECT_EQ(got["audit.log"], log_);
  EXPECT_TRUE(got["empty"].empty());
  EXPECT_EQ(lasts, 4u);
  std::size_t keystore_bytes = 0;
  const MemberSink stop_late = [&](const Member& m, std::span<const std::uint8_t> piece, bool) {
    if (m.name == "keystore") keystore_bytes += piece.size();
    return keystore_bytes > 100 * kChunkBytes ? Cancelled("stop") : OkStatus();
  };
  const Result<SnapshotInfo> r =
      OpenSnapshot(Path("s.krsnap"), keys_.snapshot_key, keys_.public_key, kId, stop_late);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().kind(), ErrorKind::kCancelled) << r.status().message();
  const Result<SnapshotInfo> w =
      TestSnapshot(Path("s.krsnap"), TestKeys(4).snapshot_key, keys_.public_key);
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.status().kind(), ErrorKind::kMismatch) << w.status().message();
}

// The layout of docs/formats/snapshot-v1.md, recomputed here with libsodium's SHA-256: the
// header digest, each chunk's digest, the signed message and the snapshot digest.
TEST_F(SnapshotTest, EveryDigestIsTheDocumentedSha256) {
  const SnapshotInfo info = Write("s.krsnap", Random(3 * kChunkBytes + 5, 17), keys_);
  const Bytes file = ReadBytes(Path("s.krsnap"));
  const auto sha = [](const std::uint8_t* p, std::size_t n) {
    std::array<std::uint8_t, 32> d{};
    crypto_hash_sha256(d.data(), p, n);
    return d;
  };
  const std::size_t header = info.header.EncodedBytes();
  const std::size_t n = info.chunk_count;
  const std::size_t list_at = file.size() - kTailBytes - n * kDigestBytes;
  const auto header_digest = sha(file.data(), header);
  EXPECT_TRUE(std::equal(header_digest.begin(), header_digest.end(), file.end() - kTailBytes));
  for (std::size_t c = 0, at = header; c < n; ++c) {
    const std::size_t size = info.header.ChunkPlainBytes(c) + kAeadBytes;
    const auto d = sha(file.data() + at, size);
    EXPECT_TRUE(std::equal(d.begin(), d.end(),
                           file.begin() + static_cast<std::ptrdiff_t>(list_at + c * 32)))
        << c;
    at += size;
  }
  const auto list = sha(file.data() + list_at, n * kDigestBytes);
  Bytes message(kSignDomain.begin(), kSignDomain.end());
  message.insert(message.end(), header_digest.begin(), header_digest.end());
  for (int i = 0; i < 8; ++i) message.push_back(static_cast<std::uint8_t>(n >> (8 * i)));
  message.insert(message.end(), list.begin(), list.end());
  const std::uint8_t* sig = file.data() + file.size() - kTailBytes + 40;
  EXPECT_EQ(
      crypto_sign_verify_detached(sig, message.data(), message.size(), keys_.public_key.data()), 0);
  EXPECT_EQ(info.snapshot_digest, sha(message.data(), message.size()));
}

TEST_F(SnapshotTest, TruncationAtEverySixteenthIsReported) {
  const SnapshotInfo info = Write("s.krsnap", Random(400'000, 6), keys_);
  const Bytes good = ReadBytes(Path("s.krsnap"));
  for (std::size_t k = 0; k < 16; ++k) {
    const Bytes cut(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(good.size() * k / 16));
    WriteBytes(Path("cut"), cut);
    const std::string error = VerifyError("cut", keys_.public_key);
    if (k == 0) {
      EXPECT_NE(error.find("not a keyrite snapshot"), std::string::npos) << error;
    } else {
      EXPECT_NE(error.find("truncated in "), std::string::npos) << k << ": " << error;
    }
  }
  WriteBytes(Path("cut"), Bytes(good.begin(), good.begin() + 5000));
  EXPECT_NE(VerifyError("cut", keys_.public_key).find("truncated in chunk 1 of 7"),
            std::string::npos);
  WriteBytes(Path("cut"), Bytes(good.begin(), good.end() - 1));
  EXPECT_NE(VerifyError("cut", keys_.public_key).find("truncated in the trailer"),
            std::string::npos);
  EXPECT_EQ(info.chunk_count, 7u);
}

TEST_F(SnapshotTest, AppendedBytesAreCounted) {
  Write("s.krsnap", Random(100, 7), keys_);
  Bytes bytes = ReadBytes(Path("s.krsnap"));
  bytes.insert(bytes.end(), {0, 0, 0});
  WriteBytes(Path("s.krsnap"), bytes);
  EXPECT_NE(VerifyError("s.krsnap", keys_.public_key).find("3 bytes after the end"),
            std::string::npos);
}

TEST_F(SnapshotTest, SwappedMemberRecordsAreAnAlteredHeader) {
  // Two members with names of the same length, so swapping their records keeps every offset.
  Result<SnapshotInfo> r = WriteSnapshot(Path("s.krsnap"), Kind::kUnsealerSnapshot,
                                         {{"aaaa", "", public_}, {"bbbb", "", log_}},
                                         keys_.Seal(), clock_);
  ASSERT_TRUE(r.ok());
  Bytes bytes = ReadBytes(Path("s.krsnap"));
  const std::size_t record = 1 + 4 + 8 + 32;
  const auto first = bytes.begin() + kFixedHeaderBytes;
  std::swap_ranges(first, first + record, first + record);
  WriteBytes(Path("s.krsnap"), bytes);
  EXPECT_NE(VerifyError("s.krsnap", keys_.public_key).find("header: altered after it was signed"),
            std::string::npos);
}

TEST_F(SnapshotTest, AnotherUnsealersSnapshotIsReportedAsSuch) {
  Write("s.krsnap", Random(100, 8), keys_, kOtherId);
  const std::string expected = std::string("bound to unsealer ") + kOtherId + ", expected " + kId;
  EXPECT_NE(VerifyError("s.krsnap", keys_.public_key, kId).find(expected), std::string::npos);
  // Also when it is signed by the other unsealer's own key.
  const TestKeys other(2);
  Write("o.krsnap", Random(100, 8), other, kOtherId);
  const std::string error = VerifyError("o.krsnap", keys_.public_key, kId);
  EXPECT_NE(error.find(expected), std::string::npos) << error;
  EXPECT_EQ(VerifySnapshot(Path("o.krsnap"), keys_.public_key, kId).status().kind(),
            ErrorKind::kMismatch);
}

TEST_F(SnapshotTest, AWrongPublicKeyIsSignedByAnotherKey) {
  Write("s.krsnap", Random(100, 9), keys_);
  const TestKeys other(3);
  EXPECT_NE(VerifyError("s.krsnap", other.public_key).find("signed by another key"),
            std::string::npos);
  EXPECT_EQ(VerifyError("s.krsnap", keys_.public_key), "ok");
}

TEST_F(SnapshotTest, AWrongSnapshotKeyDoesNotDecrypt) {
  Write("s.krsnap", Random(100, 10), keys_);
  const TestKeys other(4);
  Result<SnapshotInfo> r = TestSnapshot(Path("s.krsnap"), other.snapshot_key, keys_.public_key);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().kind(), ErrorKind::kMismatch);
  EXPECT_NE(r.status().message().find("does not decrypt with this key"), std::string::npos);
  fs::create_directory(Path("green"));
  EXPECT_FALSE(RestoreSnapshot(Path("s.krsnap"), other.snapshot_key, keys_.public_key, kId,
                               Path("green"))
                   .ok());
  EXPECT_TRUE(fs::is_empty(Path("green")));
}

TEST_F(SnapshotTest, ASinkFailureStopsTheOpen) {
  Write("s.krsnap", Random(200'000, 13), keys_);
  int calls = 0;
  const MemberSink sink = [&](const Member& m, std::span<const std::uint8_t>, bool) {
    ++calls;
    return m.name == "keystore" ? Cancelled("stop") : OkStatus();
  };
  Result<SnapshotInfo> r =
      OpenSnapshot(Path("s.krsnap"), keys_.snapshot_key, keys_.public_key, kId, sink);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().kind(), ErrorKind::kCancelled);
  EXPECT_EQ(calls, 2);  // unsealer.json whole, then the first piece of keystore
}

TEST_F(SnapshotTest, UnsealerIdsAreHexInEitherCase) {
  Write("s.krsnap", Random(10, 14), keys_);
  EXPECT_EQ(VerifyError("s.krsnap", keys_.public_key, "0123456789ABCDEF"), "ok");
  EXPECT_EQ(VerifySnapshot(Path("s.krsnap"), keys_.public_key, "01234").status().kind(),
            ErrorKind::kInvalidArgument);
}

TEST_F(SnapshotTest, OnlyAnEmptyMember) {
  Result<SnapshotInfo> r = WriteSnapshot(Path("s.krsnap"), Kind::kUnsealerSnapshot,
                                         {{"empty", "", {}}}, keys_.Seal(), clock_);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->chunk_count, 1u);
  EXPECT_TRUE(TestSnapshot(Path("s.krsnap"), keys_.snapshot_key, keys_.public_key).ok());
}

TEST_F(SnapshotTest, SealsAndOpensAnEmptyFileAndOneOfSeveralMiB) {
  for (const std::size_t size : {std::size_t{0}, std::size_t{5 * 1024 * 1024 + 123}}) {
    const std::string n = std::to_string(size);
    const Bytes data = Random(size, size + 1);
    WriteBytes(Path("raft" + n + ".snap"), data);
    Result<SnapshotInfo> r =
        SealFile(Path("raft" + n + ".snap"), Path("raft" + n + ".krsnap"), keys_.Seal(), clock_);
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ(r->header.kind, Kind::kSealedFile);
    ASSERT_EQ(r->header.members.size(), 1u);
    EXPECT_EQ(r->header.members[0].name, "raft" + n + ".snap");
    EXPECT_EQ(r->header.members[0].sha256, Sha256(data));
    EXPECT_TRUE(VerifySnapshot(Path("raft" + n + ".krsnap"), keys_.public_key, kId).ok());
    ASSERT_TRUE(OpenSealedFile(Path("raft" + n + ".krsnap"), keys_.snapshot_key,
                               keys_.public_key, kId, Path("out" + n))
                    .ok());
    EXPECT_EQ(ReadBytes(Path("out" + n)), data);
    // Opening again refuses to replace the output.
    EXPECT_EQ(OpenSealedFile(Path("raft" + n + ".krsnap"), keys_.snapshot_key, keys_.public_key,
                             kId, Path("out" + n))
                  .status()
                  .kind(),
              ErrorKind::kExists);
  }
}

}  // namespace
}  // namespace keyrite::snapshot
