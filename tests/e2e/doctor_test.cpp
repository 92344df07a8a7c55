// End-to-end: keyrite doctor reports the machine and its own digest, which matches sha256sum.

#include <gtest/gtest.h>

#include <filesystem>

#include "e2e_util.h"

namespace keyrite::testing {
namespace {

// Both files keyrite runs as: the engine (self) and the launcher beside it.
TEST(Doctor, PrintsBothProgramDigestsAsSha256sumSeesThem) {
  const std::string engine =
      std::filesystem::path(KeyriteBinary()).parent_path() / "keyrite-engine";
  const RunResult sum = RunProgram({"sha256sum", engine, KeyriteBinary()});
  ASSERT_EQ(sum.exit_code, 0);
  const std::string engine_digest = sum.out.substr(0, 64);
  const std::string launcher_digest = sum.out.substr(sum.out.find('\n') + 1, 64);
  ASSERT_NE(engine_digest, launcher_digest);
  const RunResult r = RunKeyrite({"doctor"});
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 11) << r.err;
  const std::size_t self = r.out.find("self digest\n"), launcher = r.out.find("launcher digest\n");
  ASSERT_NE(self, std::string::npos) << r.out;
  ASSERT_NE(launcher, std::string::npos) << r.out;
  EXPECT_EQ(r.out.find(engine_digest), r.out.find("sha256", self) + 13) << r.out;
  EXPECT_EQ(r.out.find(launcher_digest), r.out.find("sha256", launcher) + 13) << r.out;
}

TEST(Doctor, JsonNamesEveryCheck) {
  const RunResult r = RunKeyrite({"--json", "doctor"});
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 11) << r.err;
  for (const char* key : {"\"network\"", "\"swap\"", "\"core_dumps\"", "\"memlock\"", "\"rng\"",
                          "\"sha256\"", "\"words\"", "\"libsodium\""}) {
    EXPECT_NE(r.out.find(key), std::string::npos) << key << "\n" << r.out;
  }
}

TEST(Doctor, FailsExactlyWhenANonLoopbackInterfaceIsUp) {
  // IFF_UP is bit 0x1 of /sys/class/net/NAME/flags.
  const RunResult up = RunProgram({"sh", "-c",
      "for i in /sys/class/net/*; do [ \"${i##*/}\" = lo ] && continue; "
      "[ $(( $(cat $i/flags) & 1 )) -eq 1 ] && echo ${i##*/}; done"});
  const RunResult r = RunKeyrite({"doctor"});
  if (up.out.empty()) GTEST_SKIP() << "this machine is offline";
  EXPECT_EQ(r.exit_code, 11) << r.out;
  EXPECT_NE(r.out.find(up.out.substr(0, up.out.find('\n'))), std::string::npos) << r.out;
}

}  // namespace
}  // namespace keyrite::testing
