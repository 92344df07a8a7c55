// Tests for the sys module: the offline guard (sys/network.h), /proc/swaps parsing and dm-crypt
// detection (sys/swaps.h) and keyrite doctor's judgements and renderings (sys/doctor.h). Every
// input is injected (fake interfaces, /proc/swaps text, a fake sysfs tree in a temp directory),
// except the last tests, which run on the real machine.

#include "sys/doctor.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "base/digest.h"
#include "base/hex.h"
#include "base/words.h"

namespace keyrite::sys {
namespace {

namespace fs = std::filesystem;

constexpr char kSwapsHeader[] = "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n";

class TempDir {
 public:
  TempDir() {
    std::string pattern = ::testing::TempDir() + "keyrite_doctor_XXXXXX";
    KR_CHECK(mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

  void Write(const fs::path& relative, const std::string& text) const {
    fs::create_directories((path_ / relative).parent_path());
    std::ofstream(path_ / relative) << text;
  }

 private:
  fs::path path_;
};

// A fake dm device NAME with dm uuid UUID whose slaves are SLAVES (as sysfs lays them out).
void AddDmDevice(const TempDir& sysfs, const std::string& name, const std::string& uuid,
                 const std::vector<std::string>& slaves) {
  const fs::path dev = fs::path("class/block") / name;
  sysfs.Write(dev / "dm/uuid", uuid + "\n");
  fs::create_directories(sysfs.path() / dev / "slaves");
  for (const auto& s : slaves) {
    fs::create_directories(sysfs.path() / "class/block" / s);
    fs::create_directory_symlink(sysfs.path() / "class/block" / s,
                                 sysfs.path() / dev / "slaves" / s);
  }
}

class DoctorTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_.Write("keyrite-exe", "pretend program bytes\n"); }

  // A machine that passes every check; each test changes one thing.
  DoctorInputs Healthy() const {
    DoctorInputs in;
    in.interfaces = {{"eth0", false, false}, {"lo", true, true}};
    in.proc_swaps = kSwapsHeader;
    in.sysfs_root = sysfs_.path().string();
    in.self_exe = (dir_.path() / "keyrite-exe").string();
    in.process = {{0, 0}, true, {8U << 20, 8U << 20}, false, true};
    return in;
  }

  DoctorReport Run(const DoctorInputs& in) const {
    Result<DoctorReport> report = RunDoctor(in);
    EXPECT_TRUE(report.ok()) << report.status().message();
    return report.ok() ? *report : DoctorReport{};
  }

  TempDir dir_;    // holds the pretend self executable
  TempDir sysfs_;  // a fake /sys
};

const Check& FindCheck(const DoctorReport& r, const std::string& key) {
  const auto it =
      std::find_if(r.checks.begin(), r.checks.end(), [&](const Check& c) { return c.key == key; });
  KR_CHECK(it != r.checks.end());
  return *it;
}

// --- the offline guard ---

TEST(OfflineTest, LoopbackOnlyIsOffline) {
  EXPECT_TRUE(CheckOffline({{"lo", true, true}}, false).ok());
  EXPECT_TRUE(CheckOffline({}, false).ok());
}

TEST(OfflineTest, DownInterfaceIsOffline) {
  EXPECT_TRUE(CheckOffline({{"lo", true, true}, {"eth0", false, false}}, false).ok());
}

TEST(OfflineTest, UpInterfaceRefusesNamingIt) {
  const Status s = CheckOffline({{"lo", true, true}, {"eth0", true, false}}, false);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.kind(), ErrorKind::kRefused);
  EXPECT_EQ(s.message(),
            "network interface eth0 is up: keyrite handles secrets only offline; take it down or "
            "pass --allow-online (recorded)");
}

TEST(OfflineTest, SeveralUpInterfacesAreAllNamed) {
  const Status s = CheckOffline({{"eth0", true, false}, {"wlan0", true, false}}, false);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("network interfaces eth0, wlan0 are up"), std::string::npos);
}

TEST(OfflineTest, AllowOnlinePasses) {
  EXPECT_TRUE(CheckOffline({{"lo", true, true}, {"eth0", true, false}}, true).ok());
}

TEST(OfflineTest, OnlineInterfacesSkipsLoopbackAndDown) {
  const auto online =
      OnlineInterfaces({{"lo", true, true}, {"eth0", false, false}, {"wlan0", true, false}});
  ASSERT_EQ(online.size(), 1U);
  EXPECT_EQ(online[0].name, "wlan0");
}

TEST(OfflineTest, RealInterfacesAreListedOncePerName) {
  const std::vector<Interface> interfaces = ListInterfaces();
  for (std::size_t i = 1; i < interfaces.size(); ++i) {
    EXPECT_LT(interfaces[i - 1].name, interfaces[i].name);
  }
  for (const auto& i : interfaces) EXPECT_FALSE(i.name.empty());
}

// --- /proc/swaps and dm-crypt ---

TEST_F(DoctorTest, HealthyMachineIsOk) {
  const DoctorReport r = Run(Healthy());
  ASSERT_EQ(r.checks.size(), 5U);
  for (const Check& c : r.checks) {
    EXPECT_EQ(c.verdict, Verdict::kOk) << c.key << ": " << c.finding;
    EXPECT_TRUE(c.advice.empty()) << c.key;
  }
  EXPECT_EQ(r.overall, Verdict::kOk);
}

TEST_F(DoctorTest, NetworkInterfaceUpFails) {
  DoctorInputs in = Healthy();
  in.interfaces[0].up = true;
  const DoctorReport r = Run(in);
  EXPECT_EQ(FindCheck(r, "network").verdict, Verdict::kFail);
  EXPECT_NE(FindCheck(r, "network").finding.find("eth0"), std::string::npos);
  EXPECT_NE(FindCheck(r, "network").advice.find("ip link set eth0 down"), std::string::npos);
  EXPECT_EQ(r.overall, Verdict::kFail);
}

TEST_F(DoctorTest, NoSwapLinesMeansNoSwap) {
  DoctorInputs in = Healthy();
  in.proc_swaps = "";
  EXPECT_TRUE(Run(in).swaps.empty());
  EXPECT_EQ(FindCheck(Run(in), "swap").verdict, Verdict::kOk);
}

TEST_F(DoctorTest, PlainPartitionSwapFails) {
  DoctorInputs in = Healthy();
  in.proc_swaps += "/dev/sda2                               partition\t8388604\t\t0\t\t-2\n";
  const DoctorReport r = Run(in);
  ASSERT_EQ(r.swaps.size(), 1U);
  EXPECT_EQ(r.swaps[0].path, "/dev/sda2");
  EXPECT_EQ(r.swaps[0].type, "partition");
  EXPECT_TRUE(r.swaps[0].on_disk);
  EXPECT_FALSE(r.swaps[0].encrypted);
  EXPECT_EQ(FindCheck(r, "swap").verdict, Verdict::kFail);
  EXPECT_NE(FindCheck(r, "swap").finding.find("/dev/sda2"), std::string::npos);
  EXPECT_EQ(r.overall, Verdict::kFail);
}

TEST_F(DoctorTest, ZramSwapIsNotOnDisk) {
  DoctorInputs in = Healthy();
  in.proc_swaps += "/dev/zram0                              partition\t4194300\t\t0\t\t100\n";
  const DoctorReport r = Run(in);
  ASSERT_EQ(r.swaps.size(), 1U);
  EXPECT_FALSE(r.swaps[0].on_disk);
  EXPECT_EQ(FindCheck(r, "swap").verdict, Verdict::kOk);
  EXPECT_NE(FindCheck(r, "swap").finding.find("not on disk"), std::string::npos);
}

TEST_F(DoctorTest, DmCryptSwapIsEncrypted) {
  AddDmDevice(sysfs_, "dm-3", "CRYPT-PLAIN-cryptswap", {"sda3"});
  DoctorInputs in = Healthy();
  in.proc_swaps += "/dev/dm-3 partition 2097148 0 -2\n";
  const DoctorReport r = Run(in);
  ASSERT_EQ(r.swaps.size(), 1U);
  EXPECT_TRUE(r.swaps[0].encrypted);
  EXPECT_EQ(FindCheck(r, "swap").verdict, Verdict::kOk);
}

TEST_F(DoctorTest, LvmOnLuksSwapIsEncrypted) {
  AddDmDevice(sysfs_, "dm-0", "CRYPT-LUKS2-0123456789abcdef-sda3_crypt", {"sda3"});
  AddDmDevice(sysfs_, "dm-2", "LVM-abcdefABCDEF0123", {"dm-0"});
  EXPECT_TRUE(IsEncryptedBlockDevice(sysfs_.path().string(), "dm-2"));
  DoctorInputs in = Healthy();
  in.proc_swaps += "/dev/dm-2 partition 2097148 0 -2\n";
  EXPECT_EQ(FindCheck(Run(in), "swap").verdict, Verdict::kOk);
}

TEST_F(DoctorTest, LvmOnPlainDiskSwapFails) {
  AddDmDevice(sysfs_, "dm-1", "LVM-abcdefABCDEF0123", {"sda3"});
  EXPECT_FALSE(IsEncryptedBlockDevice(sysfs_.path().string(), "dm-1"));
  DoctorInputs in = Healthy();
  in.proc_swaps += "/dev/dm-1 partition 2097148 0 -2\n";
  EXPECT_EQ(FindCheck(Run(in), "swap").verdict, Verdict::kFail);
}

TEST_F(DoctorTest, EscapedSwapPathIsDecoded) {
  DoctorInputs in = Healthy();
  in.proc_swaps += "/swap\\040file file 1048572 0 -3\n";
  const DoctorReport r = Run(in);
  ASSERT_EQ(r.swaps.size(), 1U);
  EXPECT_EQ(r.swaps[0].path, "/swap file");
  EXPECT_EQ(FindCheck(r, "swap").verdict, Verdict::kFail);  // its device cannot be confirmed
}

TEST_F(DoctorTest, MalformedSwapsLineIsCorrupt) {
  DoctorInputs in = Healthy();
  in.proc_swaps += "/dev/sda2 partition\n";
  const Result<DoctorReport> r = RunDoctor(in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().kind(), ErrorKind::kCorrupt);
  EXPECT_NE(r.status().message().find("line 2"), std::string::npos);
}

// --- process facts ---

TEST_F(DoctorTest, CoreDumpsPossibleFails) {
  DoctorInputs in = Healthy();
  in.process.core = {kUnlimited, kUnlimited};
  in.process.non_dumpable = false;
  const DoctorReport r = Run(in);
  EXPECT_EQ(FindCheck(r, "core_dumps").verdict, Verdict::kFail);
  EXPECT_EQ(r.overall, Verdict::kFail);
}

TEST_F(DoctorTest, OneCoreDumpGuardWarns) {
  DoctorInputs in = Healthy();
  in.process.non_dumpable = false;
  EXPECT_EQ(FindCheck(Run(in), "core_dumps").verdict, Verdict::kWarn);
  in = Healthy();
  in.process.core = {1U << 20, kUnlimited};
  EXPECT_EQ(FindCheck(Run(in), "core_dumps").verdict, Verdict::kWarn);
}

TEST_F(DoctorTest, LowLockLimitWarns) {
  DoctorInputs in = Healthy();
  in.process.memlock = {64U << 10, 64U << 10};
  const DoctorReport r = Run(in);
  EXPECT_FALSE(r.memlock_enough);
  EXPECT_EQ(FindCheck(r, "memlock").verdict, Verdict::kWarn);
  EXPECT_NE(FindCheck(r, "memlock").finding.find("64 KiB"), std::string::npos);
  EXPECT_EQ(r.overall, Verdict::kWarn);
}

TEST_F(DoctorTest, LockLimitIsEnoughForRootOrWithRoomToRaise) {
  DoctorInputs in = Healthy();
  in.process.memlock = {64U << 10, 64U << 10};
  in.process.root = true;
  EXPECT_TRUE(Run(in).memlock_enough);
  in.process.root = false;
  in.process.memlock = {64U << 10, kUnlimited};  // keyrite raises the soft limit itself
  EXPECT_TRUE(Run(in).memlock_enough);
  in.process.memlock = {kMinLockBytes - 1, kMinLockBytes - 1};
  EXPECT_FALSE(Run(in).memlock_enough);
  in.process.memlock = {kMinLockBytes, kMinLockBytes};
  EXPECT_EQ(FindCheck(Run(in), "memlock").verdict, Verdict::kOk);
}

TEST_F(DoctorTest, RngNotReadyFails) {
  DoctorInputs in = Healthy();
  in.process.rng_ready = false;
  const DoctorReport r = Run(in);
  EXPECT_EQ(FindCheck(r, "rng").verdict, Verdict::kFail);
  EXPECT_EQ(r.overall, Verdict::kFail);
}

// --- self digest, versions, renderings ---

TEST_F(DoctorTest, SelfDigestIsTheFileDigest) {
  const DoctorInputs in = Healthy();
  const Result<Sha256Digest> expected = Sha256File(in.self_exe);
  ASSERT_TRUE(expected.ok());
  const DoctorReport r = Run(in);
  EXPECT_EQ(r.self.sha256, ToHex(*expected));
  EXPECT_EQ(r.self.words, DigestWords(*expected));
  EXPECT_EQ(r.self.path, fs::canonical(in.self_exe).string());
}

TEST_F(DoctorTest, MissingSelfExeIsNotFound) {
  DoctorInputs in = Healthy();
  in.self_exe = (dir_.path() / "absent").string();
  const Result<DoctorReport> r = RunDoctor(in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().kind(), ErrorKind::kNotFound);
  EXPECT_NE(r.status().message().find("absent"), std::string::npos);
}

TEST_F(DoctorTest, TheLauncherIsDigestedWhenThereIsOne) {
  dir_.Write("keyrite", "pretend launcher bytes\n");
  DoctorInputs in = Healthy();
  in.launcher = (dir_.path() / "keyrite").string();
  const DoctorReport r = Run(in);
  const Result<Sha256Digest> expected = Sha256File(in.launcher);
  ASSERT_TRUE(expected.ok());
  ASSERT_TRUE(r.launcher.has_value());
  EXPECT_EQ(r.launcher->sha256, ToHex(*expected));
  EXPECT_EQ(r.launcher->words, DigestWords(*expected));
  EXPECT_EQ(r.launcher->path, fs::canonical(in.launcher).string());
  EXPECT_NE(r.launcher->sha256, r.self.sha256);
  const std::string text = FormatDoctorReport(r);
  EXPECT_NE(text.find("\nlauncher digest\n  file         " + r.launcher->path + "\n  sha256       " +
                      r.launcher->sha256 + "\n  words        " + r.launcher->words + "\n"),
            std::string::npos) << text;
  const nlohmann::json j = DoctorReportJson(r);
  EXPECT_EQ(j["launcher"]["sha256"], r.launcher->sha256);
  EXPECT_EQ(j["launcher"]["path"], r.launcher->path);
}

TEST_F(DoctorTest, NoLauncherBesideTheProgramIsNoneReported) {
  DoctorInputs in = Healthy();
  in.launcher = (dir_.path() / "keyrite").string();  // not there
  const DoctorReport r = Run(in);
  EXPECT_FALSE(r.launcher.has_value());
  EXPECT_EQ(FormatDoctorReport(r).find("launcher digest"), std::string::npos);
}

TEST_F(DoctorTest, VersionsAreNamedAndNonEmpty) {
  const DoctorReport r = Run(Healthy());
  std::vector<std::string> names;
  for (const LibraryVersion& v : r.versions) {
    names.push_back(v.name);
    EXPECT_FALSE(v.version.empty()) << v.name;
    EXPECT_NE(v.version, "unknown") << v.name;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"keyrite", "libsodium", "gpgme", "libsecp256k1",
                                             "libqrencode", "cairo", "zbar"}));
}

TEST_F(DoctorTest, JsonHasTheDocumentedKeys) {
  DoctorInputs in = Healthy();
  in.process.core = {0, kUnlimited};
  in.proc_swaps += "/dev/zram0 partition 4194300 0 100\n";
  const DoctorReport r = Run(in);
  const nlohmann::json j = DoctorReportJson(r);
  for (const char* key : {"overall", "checks", "interfaces", "swaps", "core_dumps", "memlock",
                          "rng_ready", "versions", "self", "launcher"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j.size(), 10U);
  EXPECT_TRUE(j["launcher"].is_null());  // Healthy() names none
  EXPECT_EQ(j["overall"], VerdictName(r.overall));
  ASSERT_EQ(j["checks"].size(), 5U);
  EXPECT_EQ(j["checks"][0]["check"], "network");
  EXPECT_TRUE(j["checks"][0].contains("verdict") && j["checks"][0].contains("finding") &&
              j["checks"][0].contains("advice"));
  EXPECT_EQ(j["interfaces"][1], (nlohmann::json{{"name", "lo"}, {"up", true}, {"loopback", true}}));
  EXPECT_EQ(j["swaps"][0]["path"], "/dev/zram0");
  EXPECT_EQ(j["swaps"][0]["on_disk"], false);
  EXPECT_EQ(j["core_dumps"]["soft"], 0);
  EXPECT_TRUE(j["core_dumps"]["hard"].is_null());  // unlimited
  EXPECT_EQ(j["memlock"]["enough"], true);
  EXPECT_EQ(j["versions"]["keyrite"], r.versions[0].version);
  EXPECT_EQ(j["self"]["sha256"], r.self.sha256);
  EXPECT_EQ(j["self"]["words"], r.self.words);
}

TEST_F(DoctorTest, TableShowsEveryCheckAndTheDigest) {
  DoctorInputs in = Healthy();
  in.interfaces[0].up = true;
  const DoctorReport r = Run(in);
  const std::string text = FormatDoctorReport(r);
  for (const Check& c : r.checks) {
    EXPECT_NE(text.find(c.key), std::string::npos) << c.key;
  }
  EXPECT_NE(text.find("network      FAIL   eth0 up\n"), std::string::npos) << text;
  EXPECT_NE(text.find("-> " + FindCheck(r, "network").advice), std::string::npos);
  EXPECT_NE(text.find("overall      FAIL\n"), std::string::npos);
  EXPECT_NE(text.find(r.self.sha256), std::string::npos);
  EXPECT_NE(text.find(r.self.words), std::string::npos);
}

// --- the real machine ---

TEST(DoctorSystemTest, RealMachineRuns) {
  const Result<DoctorInputs> in = DoctorInputs::FromSystem();
  ASSERT_TRUE(in.ok()) << in.status().message();
  const Result<DoctorReport> r = RunDoctor(*in);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->checks.size(), 5U);
  EXPECT_EQ(r->self.sha256.size(), 64U);
  EXPECT_FALSE(r->self.path.empty());
  const Result<Sha256Digest> self = Sha256File("/proc/self/exe");
  ASSERT_TRUE(self.ok());
  EXPECT_EQ(r->self.sha256, ToHex(*self));
}

}  // namespace
}  // namespace keyrite::sys
