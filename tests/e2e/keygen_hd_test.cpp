// End-to-end: keygen with BIP-39 mnemonics, BIP-32/SLIP-10 derivation, dice and replay entropy.
// Known answer: the Ethereum addresses of "abandon ... about" at m/44'/60'/0'/0/i, as ethers
// 6.17.0 computes them (see tests/unit/bip32_test.cpp).

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "e2e_util.h"
#include "tmux_session.h"

namespace keyrite::testing {
namespace {

constexpr const char* kAbandon =
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

nlohmann::json JsonOf(const RunResult& r) { return nlohmann::json::parse(r.out); }

std::size_t WordCount(const std::string& text) {
  std::istringstream in(text);
  std::size_t n = 0;
  for (std::string w; in >> w;) ++n;
  return n;
}

TEST(KeygenHd, FromMnemonicGivesTheWellKnownAddresses) {
  TempDir dir;
  WriteFileOrDie(dir / "m.txt", std::string(kAbandon) + "\n");
  const RunResult r = Keyrite({"keygen", "--kind", "secp256k1", "--from-mnemonic", dir / "m.txt",
                               "--path", "m/44'/60'/0'/0/1", "--out", dir / "k", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(JsonOf(r).at("ethereum_address"), "0x6Fac4D18c912343BF86fa7049364Dd4E424Ab9C0");
  EXPECT_EQ(JsonOf(r).at("path"), "m/44'/60'/0'/0/1");
  struct stat st {};
  ASSERT_EQ(stat((dir / "k").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(st.st_size, 32);
  // The default path is the first Ethereum account.
  const RunResult d = Keyrite({"keygen", "--kind", "secp256k1", "--from-mnemonic", dir / "m.txt",
                               "--out", dir / "k0"});
  ASSERT_EQ(d.exit_code, 0) << d.err;
  EXPECT_NE(d.out.find("0x9858EfFD232B4033E47d90003D41EC34EcaEda94"), std::string::npos) << d.out;
}

TEST(KeygenHd, AMnemonicSplitsRecombinesAndDerives) {
  TempDir dir;
  const RunResult r = Keyrite({"keygen", "--kind", "bip39", "--words", "24", "--split", "2of3",
                               "--out", dir / "s", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(JsonOf(r).at("kind"), "bip39");
  EXPECT_EQ(JsonOf(r).at("words"), 24);
  const RunResult c = Keyrite({"combine", SharePath(dir / "s", 1, 3), SharePath(dir / "s", 3, 3),
                               "--out", dir / "m.txt"});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  const std::string mnemonic = ReadFileOrEmpty(dir / "m.txt");
  EXPECT_EQ(WordCount(mnemonic), 24u);
  EXPECT_EQ(r.out.find(mnemonic.substr(0, 20)), std::string::npos);  // never printed unasked
  const RunResult k = Keyrite({"keygen", "--kind", "ed25519", "--from-mnemonic", dir / "m.txt",
                               "--out", dir / "tz"});
  ASSERT_EQ(k.exit_code, 0) << k.err;
  EXPECT_NE(k.out.find("tz1"), std::string::npos) << k.out;
}

TEST(KeygenHd, AMnemonicIsShownOnlyWhenAsked) {
  const RunResult r = Keyrite({"keygen", "--kind", "bip39", "--words", "12", "--show"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string last = r.out.substr(r.out.rfind('\n', r.out.size() - 2) + 1);
  EXPECT_EQ(WordCount(last), 12u) << r.out;
  EXPECT_EQ(Keyrite({"keygen", "--kind", "bip39", "--words", "13", "--show"}).exit_code, 2);
}

TEST(KeygenHd, EntropyFileReplaysWithALoudWarning) {
  TempDir dir;
  WriteFileOrDie(dir / "entropy", TestBytes(64, 3));
  WriteFileOrDie(dir / "other", TestBytes(64, 4));
  auto run = [&](const std::string& file, const std::string& out) {
    return Keyrite({"keygen", "--kind", "secp256k1", "--entropy-file", dir / file, "--out",
                    dir / out, "--json"});
  };
  const RunResult a = run("entropy", "a"), b = run("entropy", "b"), c = run("other", "c");
  ASSERT_EQ(a.exit_code, 0) << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.err;
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_NE(a.err.find("REPLAY MODE"), std::string::npos) << a.err;
  EXPECT_EQ(JsonOf(a).at("entropy"), "entropy-file");
  EXPECT_EQ(JsonOf(a).at("ethereum_address"), JsonOf(b).at("ethereum_address"));
  EXPECT_NE(JsonOf(a).at("ethereum_address"), JsonOf(c).at("ethereum_address"));
  EXPECT_EQ(ReadFileOrEmpty(dir / "a"), ReadFileOrEmpty(dir / "b"));
  WriteFileOrDie(dir / "short", "too short");
  const RunResult s = run("short", "s");
  EXPECT_EQ(s.exit_code, 3) << s.err;
  EXPECT_NE(access((dir / "s").c_str(), F_OK), 0);
}

TEST(KeygenHd, BadInputsAreNamedAndLeaveNothing) {
  TempDir dir;
  WriteFileOrDie(dir / "m.txt", kAbandon);
  const RunResult normal = Keyrite({"keygen", "--kind", "ed25519", "--from-mnemonic",
                                    dir / "m.txt", "--path", "m/44'/1729'/0'/0", "--out", dir / "k"});
  EXPECT_EQ(normal.exit_code, 2) << normal.err;
  EXPECT_NE(normal.err.find("m/44'/1729'/0'/0"), std::string::npos) << normal.err;
  std::string typo = kAbandon;
  typo.replace(typo.find("about"), 5, "abuot");
  WriteFileOrDie(dir / "typo.txt", typo);
  const RunResult bad = Keyrite({"keygen", "--kind", "secp256k1", "--from-mnemonic",
                                 dir / "typo.txt", "--out", dir / "k"});
  EXPECT_EQ(bad.exit_code, 3) << bad.err;
  EXPECT_NE(bad.err.find("typo.txt"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("word 12"), std::string::npos) << bad.err;
  EXPECT_EQ(bad.err.find("abuot"), std::string::npos) << bad.err;
  EXPECT_NE(access((dir / "k").c_str(), F_OK), 0);
  EXPECT_EQ(Keyrite({"keygen", "--kind", "secp256k1", "--path", "m/0", "--out", dir / "k"}).exit_code, 2);
  EXPECT_EQ(Keyrite({"keygen", "--kind", "random", "--from-mnemonic", dir / "m.txt", "--out",
                     dir / "k"}).exit_code, 2);
  EXPECT_EQ(Keyrite({"keygen", "--kind", "random", "--words", "12", "--out", dir / "k"}).exit_code, 2);
}

// Dice typed at a real terminal (tmux): the count is reported, the rolls are never echoed.
TEST(KeygenHd, DiceAreTypedAtTheTerminalAndCounted) {
  if (!HaveTmux()) GTEST_SKIP() << "tmux is not installed";
  TempDir dir;
  TmuxSession tmux(KeyriteBinary() + " keygen --kind bip39 --words 12 --dice --out " + (dir / "m.txt") +
                   " --allow-online; sleep 30");
  ASSERT_TRUE(tmux.ok());
  EXPECT_TRUE(tmux.WaitFor("at least 50 times")) << tmux.Screen();
  tmux.Type("1 2 3 4 5 6");  // too few: asked again
  EXPECT_TRUE(tmux.WaitFor("roll 44 more")) << tmux.Screen();
  const std::string rolls = "3141526535 2356246264 3343256124 1111166666 5252525252 61";
  tmux.Type(rolls);
  EXPECT_TRUE(tmux.WaitFor("Wrote the private part")) << tmux.Screen();
  const std::string shown = tmux.Screen();
  EXPECT_NE(shown.find("dice rolls         52"), std::string::npos) << shown;
  EXPECT_EQ(shown.find("3141526535"), std::string::npos) << "rolls were echoed:\n" << shown;
  EXPECT_EQ(WordCount(ReadFileOrEmpty(dir / "m.txt")), 12u);
}

}  // namespace
}  // namespace keyrite::testing
