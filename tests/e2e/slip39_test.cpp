// End-to-end: keyrite split / combine --format slip39 on real files, standard input and a real
// terminal (tmux), the bad inputs that must be refused, and interop with an independent SLIP-39
// implementation (the slip39 npm package) when node and that package are installed.

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <sstream>
#include <thread>

#include "e2e_util.h"

namespace keyrite::testing {
namespace {

std::string ToHexString(const std::string& bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (const unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

std::string SlipShare(const std::string& dir, int i, int n) {
  return dir + "/slip39-share-" + std::to_string(i) + "-of-" + std::to_string(n) + ".txt";
}

std::string GroupShare(const std::string& dir, int g, int gn, int i, int n) {
  return dir + "/slip39-group-" + std::to_string(g) + "-of-" + std::to_string(gn) + "-share-" +
         std::to_string(i) + "-of-" + std::to_string(n) + ".txt";
}

std::string FirstLine(const std::string& file) {
  const std::string text = ReadFileOrEmpty(file);
  return text.substr(0, text.find('\n'));
}

class Slip39Test : public ::testing::Test {
 protected:
  void SetUp() override {
    secret_ = TestBytes(32, 39);
    WriteFileOrDie(dir_ / "secret.bin", secret_);
  }
  RunResult Split(std::vector<std::string> args, const std::string& out) {
    args.insert(args.begin(), {"split", "--format", "slip39", "--in", dir_ / "secret.bin"});
    args.push_back("--out");
    args.push_back(out);
    return Keyrite(args);
  }
  RunResult Combine(std::vector<std::string> files, const std::string& out,
                    const std::string& stdin_data = "") {
    files.insert(files.begin(), {"combine", "--format", "slip39"});
    files.push_back("--out");
    files.push_back(out);
    return Keyrite(files, {stdin_data, "", {}});
  }

  TempDir dir_;
  std::string secret_;
};

TEST_F(Slip39Test, TwoOfThreeEveryPairRecovers) {
  const RunResult s = Split({"-t", "2", "-n", "3"}, dir_ / "s");
  ASSERT_EQ(s.exit_code, 0) << s.err;
  for (int i = 1; i <= 3; ++i) {
    struct stat st {};
    ASSERT_EQ(stat(SlipShare(dir_ / "s", i, 3).c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    const std::string line = FirstLine(SlipShare(dir_ / "s", i, 3));
    EXPECT_EQ(std::count(line.begin(), line.end(), ' '), 32);  // 33 words for a 256-bit secret
  }
  int n = 0;
  for (int a = 1; a <= 3; ++a) {
    for (int b = a + 1; b <= 3; ++b) {
      const std::string out = dir_ / ("out-" + std::to_string(++n));
      const RunResult r = Combine({SlipShare(dir_ / "s", a, 3), SlipShare(dir_ / "s", b, 3)}, out);
      ASSERT_EQ(r.exit_code, 0) << r.err;
      EXPECT_EQ(ReadFileOrEmpty(out), secret_);
    }
  }
}

TEST_F(Slip39Test, TwoLevelGroupsFromStandardInput) {
  const RunResult s =
      Split({"--groups", "2of3,3of5", "--group-threshold", "2", "--json"}, dir_ / "g");
  ASSERT_EQ(s.exit_code, 0) << s.err;
  EXPECT_NE(s.out.find("\"group_threshold\":2"), std::string::npos) << s.out;
  const std::string input = ReadFileOrEmpty(GroupShare(dir_ / "g", 2, 2, 5, 5)) + "\n# note\n" +
                            ReadFileOrEmpty(GroupShare(dir_ / "g", 1, 2, 3, 3)) +
                            ReadFileOrEmpty(GroupShare(dir_ / "g", 2, 2, 1, 5)) +
                            ReadFileOrEmpty(GroupShare(dir_ / "g", 1, 2, 1, 3)) +
                            ReadFileOrEmpty(GroupShare(dir_ / "g", 2, 2, 2, 5));
  const RunResult r = Combine({"-"}, dir_ / "out", input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadFileOrEmpty(dir_ / "out"), secret_);
  // One group short of its threshold: refused, nothing written.
  const RunResult short_group =
      Combine({GroupShare(dir_ / "g", 1, 2, 1, 3), GroupShare(dir_ / "g", 1, 2, 2, 3),
               GroupShare(dir_ / "g", 2, 2, 1, 5)},
              dir_ / "out2");
  EXPECT_NE(short_group.exit_code, 0);
  EXPECT_NE(short_group.err.find("group 2 has 1 of the 3 shares"), std::string::npos)
      << short_group.err;
  EXPECT_FALSE(access((dir_ / "out2").c_str(), F_OK) == 0);
}

TEST_F(Slip39Test, BadSetsAreRefusedAndNothingIsWritten) {
  ASSERT_EQ(Split({"-t", "2", "-n", "3"}, dir_ / "a").exit_code, 0);
  ASSERT_EQ(Split({"-t", "2", "-n", "3"}, dir_ / "b").exit_code, 0);
  const std::string a1 = SlipShare(dir_ / "a", 1, 3);
  // Below threshold.
  RunResult r = Combine({a1}, dir_ / "out");
  EXPECT_EQ(r.exit_code != 0, true);
  EXPECT_NE(r.err.find("1 of the 2 shares"), std::string::npos) << r.err;
  // Mixed sets.
  r = Combine({a1, SlipShare(dir_ / "b", 2, 3)}, dir_ / "out");
  EXPECT_NE(r.err.find("different SLIP-39 sets"), std::string::npos) << r.err;
  // Duplicate.
  r = Combine({a1, a1}, dir_ / "out");
  EXPECT_NE(r.err.find("repeats member 1 of group 1"), std::string::npos) << r.err;
  // A wrong word, named with the file and its position.
  std::string line = FirstLine(SlipShare(dir_ / "a", 2, 3));
  const std::size_t third = line.find(' ', line.find(' ') + 1) + 1;
  line.replace(third, line.find(' ', third) - third, "qwerty");
  WriteFileOrDie(dir_ / "typo.txt", line + "\n");
  r = Combine({a1, dir_ / "typo.txt"}, dir_ / "out");
  EXPECT_NE(r.err.find("typo.txt: word 3 \"qwerty\" is not in the SLIP-39 word list"),
            std::string::npos)
      << r.err;
  // Two words swapped: the checksum.
  std::istringstream words(FirstLine(SlipShare(dir_ / "a", 2, 3)));
  std::vector<std::string> w;
  for (std::string x; words >> x;) w.push_back(x);
  std::size_t at = 7;  // two neighbouring words that differ, so the swap changes the share
  while (at + 2 < w.size() && w[at] == w[at + 1]) ++at;
  std::swap(w[at], w[at + 1]);
  std::string swapped;
  for (const std::string& x : w) swapped += (swapped.empty() ? "" : " ") + x;
  WriteFileOrDie(dir_ / "swapped.txt", swapped + "\n");
  r = Combine({a1, dir_ / "swapped.txt"}, dir_ / "out");
  EXPECT_NE(r.err.find("swapped.txt: the checksum"), std::string::npos) << r.err;
  EXPECT_FALSE(access((dir_ / "out").c_str(), F_OK) == 0);
}

TEST_F(Slip39Test, UnencodableParametersAreRefused) {
  EXPECT_NE(Split({"-t", "2", "-n", "3", "--iteration-exponent", "16"}, dir_ / "x").exit_code, 0);
  EXPECT_NE(Split({"-t", "1", "-n", "3"}, dir_ / "x").exit_code, 0);
  EXPECT_NE(Split({"-t", "2", "-n", "17"}, dir_ / "x").exit_code, 0);
  EXPECT_NE(Split({"--groups", "2of3,3of5", "--group-threshold", "3"}, dir_ / "x").exit_code, 0);
  RunResult r = Keyrite({"split", "-t", "2", "-n", "3", "--groups", "2of3", "--in",
                         dir_ / "secret.bin", "--out", dir_ / "x"});
  EXPECT_NE(r.err.find("go with --format slip39"), std::string::npos) << r.err;
  WriteFileOrDie(dir_ / "odd.bin", TestBytes(17, 1));
  r = Keyrite({"split", "--format", "slip39", "-t", "2", "-n", "3", "--in", dir_ / "odd.bin",
               "--out", dir_ / "x"});
  EXPECT_NE(r.err.find("even number of bytes"), std::string::npos) << r.err;
  EXPECT_FALSE(access((dir_ / "x").c_str(), F_OK) == 0);
}

TEST_F(Slip39Test, ExistingFilesAreNotOverwritten) {
  ASSERT_EQ(Split({"-t", "2", "-n", "3"}, dir_ / "s").exit_code, 0);
  const std::string before = ReadFileOrEmpty(SlipShare(dir_ / "s", 2, 3));
  const RunResult r = Split({"-t", "2", "-n", "3"}, dir_ / "s");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("already exists"), std::string::npos) << r.err;
  EXPECT_EQ(ReadFileOrEmpty(SlipShare(dir_ / "s", 2, 3)), before);
}

// ---- at a real terminal (tmux) ---------------------------------------------------------

class Tmux {
 public:
  explicit Tmux(const std::string& command) {
    static int sessions = 0;
    name_ = "keyrite-slip39-" + std::to_string(getpid()) + "-" + std::to_string(++sessions);
    ok_ = RunProgram({"tmux", "-L", name_, "new-session", "-d", "-s", name_, "-x", "250", "-y",
                      "50", command})
              .exit_code == 0;
  }
  ~Tmux() { RunProgram({"tmux", "-L", name_, "kill-server"}); }
  bool ok() const { return ok_; }
  void Type(const std::string& text) {
    if (!text.empty()) RunProgram({"tmux", "-L", name_, "send-keys", "-t", name_, "-l", text});
    RunProgram({"tmux", "-L", name_, "send-keys", "-t", name_, "Enter"});
  }
  std::string Screen() {
    return RunProgram({"tmux", "-L", name_, "capture-pane", "-p", "-t", name_, "-S", "-100"}).out;
  }
  bool WaitFor(const std::string& text, int count = 1) {
    for (int i = 0; i < 150; ++i) {
      const std::string screen = Screen();
      int seen = 0;
      for (std::size_t p = screen.find(text); p != std::string::npos;
           p = screen.find(text, p + 1)) {
        ++seen;
      }
      if (seen >= count) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

 private:
  std::string name_;
  bool ok_ = false;
};

TEST_F(Slip39Test, PassphraseAndTypedWordsAtATerminal) {
  if (RunProgram({"tmux", "-V"}).exit_code != 0) GTEST_SKIP() << "tmux is not installed";
  const std::string bin = KeyriteBinary();
  {
    Tmux split(bin + " split --format slip39 -t 2 -n 3 --passphrase --in " + (dir_ / "secret.bin") +
               " --out " + (dir_ / "s") + " --allow-online; sleep 30");
    ASSERT_TRUE(split.ok());
    ASSERT_TRUE(split.WaitFor("SLIP-39 passphrase")) << split.Screen();
    split.Type("open sesame");
    ASSERT_TRUE(split.WaitFor("The same passphrase again")) << split.Screen();
    split.Type("open sesame");
    ASSERT_TRUE(split.WaitFor("wrote")) << split.Screen();
    EXPECT_EQ(split.Screen().find("sesame"), std::string::npos) << "the passphrase was echoed";
  }
  std::string line = FirstLine(SlipShare(dir_ / "s", 3, 3));
  const std::size_t cut = line.find(' ', line.size() / 2);
  Tmux combine(bin + " combine --format slip39 " + SlipShare(dir_ / "s", 1, 3) +
               " --typed --passphrase --out " + (dir_ / "out") + " --allow-online; sleep 30");
  ASSERT_TRUE(combine.ok());
  ASSERT_TRUE(combine.WaitFor("typed share 1: type the words")) << combine.Screen();
  combine.Type(line.substr(0, cut) + " zzzz");  // a word not in the list, named at once
  ASSERT_TRUE(combine.WaitFor("\"zzzz\" is not in the SLIP-39 word list")) << combine.Screen();
  combine.Type(line.substr(cut + 1));
  // Only once the next prompt is there: keyrite discards input typed ahead of a prompt.
  ASSERT_TRUE(combine.WaitFor("(empty when done)", 2)) << combine.Screen();
  combine.Type("");
  ASSERT_TRUE(combine.WaitFor("accepted")) << combine.Screen();
  ASSERT_TRUE(combine.WaitFor("SLIP-39 passphrase")) << combine.Screen();
  combine.Type("open sesame");
  ASSERT_TRUE(combine.WaitFor("Wrote")) << combine.Screen();
  EXPECT_EQ(ReadFileOrEmpty(dir_ / "out"), secret_);
  EXPECT_EQ(combine.Screen().find(line.substr(0, 20)), std::string::npos) << "typed words echoed";
}

// ---- interop with slip39-js (npm package "slip39") --------------------------------------

// The node_modules directory holding the slip39 package, or "" (then the test skips).
std::string Slip39JsModules() {
  if (RunProgram({"node", "--version"}).exit_code != 0) return "";
  std::vector<std::string> candidates;
  for (const char* var : {"KEYRITE_NODE_PATH", "NODE_PATH"}) {
    if (const char* v = std::getenv(var); v != nullptr && *v != '\0') candidates.push_back(v);
  }
  candidates.push_back(std::string(KEYRITE_SOURCE_ROOT) + "/build/npm/node_modules");
  for (const std::string& dir : candidates) {
    const RunResult r =
        RunProgram({"node", "-e", "require('slip39')"}, {"", "", {{"NODE_PATH", dir}}});
    if (r.exit_code == 0) return dir;
  }
  return "";
}

RunResult Node(const std::string& modules, std::vector<std::string> args, const std::string& in) {
  args.insert(args.begin(),
              {"node", std::string(KEYRITE_SOURCE_ROOT) + "/tests/e2e/slip39_interop.js"});
  return RunProgram(args, {in, "", {{"NODE_PATH", modules}}});
}

TEST_F(Slip39Test, OursRecombineInSlip39JsAndTheirsInOurs) {
  const std::string modules = Slip39JsModules();
  if (modules.empty()) {
    GTEST_SKIP() << "node or the slip39 npm package is absent (npm install --prefix build/npm "
                    "slip39@0.1.9, or set KEYRITE_NODE_PATH)";
  }
  // Ours there: a two-level split, a quorum of exactly the thresholds (as slip39-js wants).
  ASSERT_EQ(Split({"--groups", "2of3,3of5", "--group-threshold", "2"}, dir_ / "g").exit_code, 0);
  const std::string quorum = ReadFileOrEmpty(GroupShare(dir_ / "g", 1, 2, 3, 3)) +
                             ReadFileOrEmpty(GroupShare(dir_ / "g", 1, 2, 1, 3)) +
                             ReadFileOrEmpty(GroupShare(dir_ / "g", 2, 2, 2, 5)) +
                             ReadFileOrEmpty(GroupShare(dir_ / "g", 2, 2, 4, 5)) +
                             ReadFileOrEmpty(GroupShare(dir_ / "g", 2, 2, 5, 5));
  const RunResult there = Node(modules, {"recover"}, quorum);
  ASSERT_EQ(there.exit_code, 0) << there.err;
  EXPECT_EQ(there.out, ToHexString(secret_) + "\n");
  // Theirs here: all eight shares of their split (extendable), every one checked.
  const RunResult theirs = Node(modules, {"split", ToHexString(secret_)}, "");
  ASSERT_EQ(theirs.exit_code, 0) << theirs.err;
  const RunResult here = Combine({"-"}, dir_ / "out", theirs.out);
  ASSERT_EQ(here.exit_code, 0) << here.err;
  EXPECT_EQ(ReadFileOrEmpty(dir_ / "out"), secret_);
}

}  // namespace
}  // namespace keyrite::testing
