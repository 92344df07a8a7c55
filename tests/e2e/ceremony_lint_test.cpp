// End-to-end: every script in ceremony-scripts/ passes `keyrite ceremony lint`; a broken copy
// fails with exit 3 and one line naming the file, the line and the step; `ceremony list` shows
// every script (text and --json).

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "e2e_util.h"

namespace keyrite::testing {
namespace {

const std::string kScriptsDir = std::string(KEYRITE_SOURCE_ROOT) + "/ceremony-scripts";

std::vector<std::string> ShippedScripts() {
  std::vector<std::string> out;
  for (const std::string& f : FilesBelow(kScriptsDir)) {
    if (f.size() > 5 && f.compare(f.size() - 5, 5, ".toml") == 0) out.push_back(f);
  }
  return out;
}

// `text` with the first `from` replaced; the 1-based line it was on goes to `line`.
std::string Break(const std::string& text, const std::string& from, const std::string& to,
                  int& line) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
  std::string out = text;
  out.replace(at, from.size(), to);
  return out;
}

TEST(CeremonyLintE2e, EveryShippedScriptIsClean) {
  const std::vector<std::string> scripts = ShippedScripts();
  ASSERT_GE(scripts.size(), 7u);
  for (const std::string& s : scripts) {
    const RunResult r = RunKeyrite({"ceremony", "lint", s});
    EXPECT_EQ(r.exit_code, 0) << s << "\n" << r.out << r.err;
    EXPECT_NE(r.out.find("1 script(s) clean"), std::string::npos) << r.out;
  }
}

TEST(CeremonyLintE2e, TheFiveScenariosAreThere) {
  for (const char* name : {"unsealer-init", "unsealer-unseal-for-upgrade", "authority-key-and-snapshot",
                           "blue-green-restore", "validator-key-pool", "organization-root-key",
                           "baker-hsm-passwords-4of7"}) {
    EXPECT_FALSE(ReadFileOrEmpty(kScriptsDir + "/" + name + ".toml").empty()) << name;
  }
}

TEST(CeremonyLintE2e, ABrokenCopyFailsAtTheRightLine) {
  TempDir dir;
  const std::string original = ReadFileOrEmpty(kScriptsDir + "/unsealer-init.toml");
  ASSERT_FALSE(original.empty());
  int line = 0;
  // The init step asks for a threshold above its five certificates.
  const std::string broken = Break(original, "    threshold = \"{threshold}\"", "    threshold = 6", line);
  WriteFileOrDie(dir / "broken.toml", broken);
  const RunResult r = RunKeyrite({"ceremony", "lint", dir / "broken.toml"});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  const std::string where = dir / "broken.toml";
  EXPECT_NE(r.out.find(where + ":"), std::string::npos) << r.out;
  // The finding names the line that was changed.
  EXPECT_NE(r.out.find(where + ":" + std::to_string(line) +
                       ": step unsealer-init: threshold 6 is more than the 5 certificates given"),
            std::string::npos) << r.out;
  EXPECT_NE(r.err.find("finding(s) in 1 script(s)"), std::string::npos) << r.err;
}

TEST(CeremonyLintE2e, AnUnknownKeyNamesItsLine) {
  TempDir dir;
  int line = 0;
  const std::string text = Break(ReadFileOrEmpty(kScriptsDir + "/baker-hsm-passwords-4of7.toml"),
                                 "  action = \"keystore.add\"", "  actoin = \"keystore.add\"", line);
  WriteFileOrDie(dir / "b.toml", text);
  const RunResult r = RunKeyrite({"ceremony", "lint", dir / "b.toml"});
  EXPECT_EQ(r.exit_code, 3);
  const std::string expected = dir / "b.toml" + ":" + std::to_string(line) + ": ";
  EXPECT_EQ(r.out.rfind(expected, 0), 0u) << r.out;
  EXPECT_NE(r.out.find("].actoin: unknown key"), std::string::npos) << r.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
}

TEST(CeremonyLintE2e, ManyScriptsReportEveryFindingAndTheWorstExit) {
  TempDir dir;
  const std::string original = ReadFileOrEmpty(kScriptsDir + "/validator-key-pool.toml");
  int line = 0;
  WriteFileOrDie(dir / "v2.toml", Break(original, "keyrite-ceremony-v1", "keyrite-ceremony-v9", line));
  const RunResult r = RunKeyrite({"ceremony", "lint", kScriptsDir + "/unsealer-init.toml", dir / "v2.toml"});
  EXPECT_EQ(r.exit_code, 10) << r.out << r.err;  // an unknown format version is Unsupported
  EXPECT_NE(r.out.find("keyrite-ceremony-v9 is not keyrite-ceremony-v1"), std::string::npos) << r.out;
  const RunResult missing = RunKeyrite({"ceremony", "lint", dir / "nope.toml"});
  EXPECT_EQ(missing.exit_code, 7) << missing.out;
}

TEST(CeremonyLintE2e, JsonLint) {
  const RunResult r = RunKeyrite({"--json", "ceremony", "lint", kScriptsDir + "/blue-green-restore.toml"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j["ok"].get<bool>());
  EXPECT_EQ(j["findings"].get<int>(), 0);
}

TEST(CeremonyListE2e, ListsEveryScriptWithItsSummary) {
  const RunResult r = RunKeyrite({"ceremony", "list", kScriptsDir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("baker-hsm-passwords-4of7 (version 1, "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("officers (custodian)"), std::string::npos) << r.out;
  const RunResult j = RunKeyrite({"--json", "ceremony", "list", kScriptsDir});
  ASSERT_EQ(j.exit_code, 0) << j.err;
  const nlohmann::json parsed = nlohmann::json::parse(j.out);
  EXPECT_EQ(parsed["scripts"].size(), ShippedScripts().size());
  for (const auto& s : parsed["scripts"]) {
    EXPECT_TRUE(s["ok"].get<bool>()) << s.dump();
    EXPECT_GT(s["steps"].get<int>(), 0);
  }
}

TEST(CeremonyListE2e, DefaultDirectoryIsTheShippedScripts) {
  const RunResult r = RunKeyrite({"--json", "ceremony", "list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["scripts"].size(), ShippedScripts().size());
}

TEST(CeremonyListE2e, ABrokenScriptIsListedWithItsProblem) {
  TempDir dir;
  WriteFileOrDie(dir / "bad.toml", "format = \"keyrite-ceremony-v1\"\nname = 7\n");
  const RunResult r = RunKeyrite({"ceremony", "list", dir.path()});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.out.find("NOT READABLE: " + dir / "bad.toml" + ":2: name: must be a string"),
            std::string::npos) << r.out;
  EXPECT_EQ(RunKeyrite({"ceremony", "list", dir / "none"}).exit_code, 7);
}

}  // namespace
}  // namespace keyrite::testing
