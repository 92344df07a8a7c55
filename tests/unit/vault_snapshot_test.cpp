// Tests of InspectVaultSnapshot (lib/snapshot/vault.h): a small well-formed raft snapshot built
// here with the system's tar and gzip, the way Vault lays it out (meta.json, state.bin,
// SHA256SUMS in `sha256sum` format over the first two, SHA256SUMS.sealed), and damaged variants.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "base/digest.h"
#include "base/hex.h"
#include "base/rng.h"
#include "snapshot/vault.h"

namespace keyrite::snapshot {
namespace {

namespace fs = std::filesystem;

void WriteText(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << text;
}

std::string ReadText(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

std::string Quote(const std::string& s) { return "'" + s + "'"; }

class VaultSnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::system("command -v tar >/dev/null && command -v gzip >/dev/null") != 0) {
      GTEST_SKIP() << "tar and gzip are needed to build test archives";
    }
    std::string pattern = ::testing::TempDir() + "keyrite_vault_XXXXXX";
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    std::string state(100'000, '\0');
    SeededRng(5).Fill(std::span(reinterpret_cast<std::uint8_t*>(state.data()), state.size()));
    files_["state.bin"] = state;
    files_["meta.json"] = R"({"Version":1,"ID":"2-30-1700000000000","Index":30,"Term":2,)"
                          R"("Peers":"ka4xLjAuMC4xOjgyMDE=","Configuration":{"Servers":[]},)"
                          R"("ConfigurationIndex":1,"Size":100000})";
    files_["SHA256SUMS.sealed"] = "sealed-by-vault";
    files_["SHA256SUMS"] = Sums(files_["meta.json"], files_["state.bin"]);
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  static std::string Sums(const std::string& meta, const std::string& state) {
    return ToHex(Sha256(meta)) + "  meta.json\n" + ToHex(Sha256(state)) + "  state.bin\n";
  }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  // Writes files_ into a directory and tars `names` (in that order) into NAME, gzip'd.
  std::string Build(const std::string& name,
                    const std::vector<std::string>& names = {"meta.json", "state.bin", "SHA256SUMS",
                                                             "SHA256SUMS.sealed"}) {
    const std::string src = Path(name + ".d");
    fs::create_directory(src);
    for (const auto& [file, text] : files_) WriteText(src + "/" + file, text);
    std::string cmd = "tar -C " + Quote(src) + " -czf " + Quote(Path(name));
    for (const std::string& n : names) cmd += " " + Quote(n);
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
    return Path(name);
  }

  std::string Error(const std::string& path) {
    Result<VaultSnapshotReport> r = InspectVaultSnapshot(path);
    return r.ok() ? "ok" : r.status().message();
  }

  fs::path dir_;
  std::map<std::string, std::string> files_;
};

TEST_F(VaultSnapshotTest, AWellFormedSnapshotChecksOut) {
  Result<VaultSnapshotReport> r = InspectVaultSnapshot(Build("raft.snap"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->members.size(), 4u);
  EXPECT_EQ(r->members[1].name, "state.bin");
  EXPECT_EQ(r->members[1].size, 100'000u);
  EXPECT_EQ(r->members[1].sha256, Sha256(files_["state.bin"]));
  EXPECT_EQ(r->id, "2-30-1700000000000");
  EXPECT_EQ(r->index, 30u);
  EXPECT_EQ(r->term, 2u);
  EXPECT_NE(r->meta_json.find("\"ConfigurationIndex\": 1"), std::string::npos) << r->meta_json;
}

TEST_F(VaultSnapshotTest, AMissingMemberIsNamed) {
  const std::string e = Error(Build("raft.snap", {"meta.json", "state.bin", "SHA256SUMS"}));
  EXPECT_NE(e.find("member 'SHA256SUMS.sealed' is missing"), std::string::npos) << e;
}

TEST_F(VaultSnapshotTest, AnUnknownMemberIsNamed) {
  files_["extra.txt"] = "x";
  const std::string e = Error(Build(
      "raft.snap", {"meta.json", "state.bin", "SHA256SUMS", "SHA256SUMS.sealed", "extra.txt"}));
  EXPECT_NE(e.find("unknown member 'extra.txt'"), std::string::npos) << e;
}

TEST_F(VaultSnapshotTest, ADuplicateMemberIsRefused) {
  const std::string e = Error(Build(
      "raft.snap", {"meta.json", "state.bin", "SHA256SUMS", "SHA256SUMS.sealed", "state.bin"}));
  EXPECT_NE(e.find("'state.bin' appears twice"), std::string::npos) << e;
}

TEST_F(VaultSnapshotTest, AWrongChecksumIsNamed) {
  std::string other = files_["state.bin"];
  other[500] ^= 1;
  files_["SHA256SUMS"] = Sums(files_["meta.json"], other);
  const std::string e = Error(Build("raft.snap"));
  EXPECT_NE(e.find("state.bin: checksum mismatch"), std::string::npos) << e;
  files_["SHA256SUMS"] = "not a checksum line\n";
  EXPECT_NE(Error(Build("raft2.snap")).find("SHA256SUMS: malformed line"), std::string::npos);
}

TEST_F(VaultSnapshotTest, TruncatedGzipIsReported) {
  const std::string good = ReadText(Build("raft.snap"));
  for (const std::size_t keep : {good.size() / 2, good.size() - 20, good.size() - 4,
                                 good.size() - 1, std::size_t{30}}) {
    WriteText(Path("cut.snap"), good.substr(0, keep));
    const std::string e = Error(Path("cut.snap"));
    EXPECT_NE(e, "ok") << "cut to " << keep;
    EXPECT_NE(e.find("truncated"), std::string::npos) << "cut to " << keep << ": " << e;
  }
}

TEST_F(VaultSnapshotTest, BadMetaJsonIsRefused) {
  files_["meta.json"] = "{not json";
  files_["SHA256SUMS"] = Sums(files_["meta.json"], files_["state.bin"]);
  EXPECT_NE(Error(Build("a.snap")).find("meta.json: not a JSON object"), std::string::npos);
  files_["meta.json"] = R"({"ID":"x","Index":1,"Term":1,"Size":5})";
  files_["SHA256SUMS"] = Sums(files_["meta.json"], files_["state.bin"]);
  const std::string e = Error(Build("b.snap"));
  EXPECT_NE(e.find("meta.json: Size 5 but state.bin has 100000 bytes"), std::string::npos) << e;
  files_["meta.json"] = R"({"ID":"x","Term":1,"Size":100000})";
  files_["SHA256SUMS"] = Sums(files_["meta.json"], files_["state.bin"]);
  EXPECT_NE(Error(Build("c.snap")).find("'Index'"), std::string::npos);
}

TEST_F(VaultSnapshotTest, NotAnArchiveAtAll) {
  WriteText(Path("plain.txt"), "hello, this is not a raft snapshot\n");
  EXPECT_NE(Error(Path("plain.txt")), "ok");
  const std::string tar_only = Path("raft.tar");
  Build("x.snap");
  ASSERT_EQ(std::system(("gzip -dc " + Quote(Path("x.snap")) + " > " + Quote(tar_only)).c_str()), 0);
  EXPECT_NE(Error(tar_only).find("not gzip-compressed"), std::string::npos) << Error(tar_only);
  EXPECT_EQ(InspectVaultSnapshot(Path("missing")).status().kind(), ErrorKind::kNotFound);
}

}  // namespace
}  // namespace keyrite::snapshot
