// End-to-end at a real terminal: `keyrite combine --typed` driven through tmux, as a custodian
// would type at the ceremony laptop. Checks the line is accepted, a typo is named at once, and
// nothing typed is echoed to the screen.

#include <gtest/gtest.h>

#include "e2e_util.h"
#include "tmux_session.h"

namespace keyrite::testing {
namespace {

std::string ShareLine(const std::string& file) {
  const std::string text = ReadFileOrEmpty(file);
  const std::size_t start = text.find("KR1-");
  return text.substr(start, text.find('\n', start) - start);
}

TEST(TypedAtATerminal, CustodiansTypeTheirLinesWithEchoOff) {
  if (!HaveTmux()) GTEST_SKIP() << "tmux is not installed";
  TempDir dir;
  const std::string secret = TestBytes(32, 11);
  ASSERT_EQ(Keyrite({"split", "-t", "3", "-n", "5", "--out", dir / "s"}, {secret, "", {}}).exit_code, 0);
  const std::string line2 = ShareLine(SharePath(dir / "s", 2, 5));
  const std::string line4 = ShareLine(SharePath(dir / "s", 4, 5));
  std::string typo = line4;
  const std::size_t pos = 4 + 6 * 2 + 1;  // second character of group 3
  typo[pos] = typo[pos] == 'A' ? 'B' : 'A';

  const std::string command = KeyriteBinary() + " combine " + SharePath(dir / "s", 1, 5) +
                              " --typed --out " + (dir / "out") + " --allow-online; sleep 30";
  TmuxSession tmux(command);
  ASSERT_TRUE(tmux.ok());
  ASSERT_TRUE(tmux.WaitFor("typed share 1: type the share line")) << tmux.Screen();
  tmux.Type(line2);
  ASSERT_TRUE(tmux.WaitFor("from group")) << tmux.Screen();
  tmux.Type("");
  ASSERT_TRUE(tmux.WaitFor("typed share 2: type the share line")) << tmux.Screen();
  tmux.Type(typo);
  ASSERT_TRUE(tmux.WaitFor("group 3 fails its check")) << tmux.Screen();
  const int prompts = tmux.Count("from group");
  tmux.Type(line4.substr(4 + 6 * 2));  // retype from group 3 on
  ASSERT_TRUE(tmux.WaitForCount("from group", prompts + 1)) << tmux.Screen();
  tmux.Type("");
  ASSERT_TRUE(tmux.WaitFor("Wrote")) << tmux.Screen();
  EXPECT_EQ(ReadFileOrEmpty(dir / "out"), secret);
  const std::string screen = tmux.Screen();
  EXPECT_EQ(screen.find(line2.substr(4, 11)), std::string::npos) << "typed text was echoed:\n" << screen;
  EXPECT_EQ(screen.find(line4.substr(4 + 6 * 3, 11)), std::string::npos) << screen;
}

}  // namespace
}  // namespace keyrite::testing
