// End-to-end: keyrite doctor reports the machine and its own digest, which matches sha256sum.

#include <gtest/gtest.h>

#include "e2e_util.h"

namespace keyrite::testing {
namespace {

TEST(Doctor, PrintsItsOwnDigestAsSha256sumSeesIt) {
  const RunResult sum = RunProgram({"sha256sum", KeyriteBinary()});
  ASSERT_EQ(sum.exit_code, 0);
  const std::string digest = sum.out.substr(0, 64);
  const RunResult r = RunKeyrite({"doctor"});
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 11) << r.err;
  EXPECT_NE(r.out.find(digest), std::string::npos) << r.out;
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
