// HashiCorp Vault unseal-key shares: split and combine both ways against an independent tiny
// implementation (Python, written from Vault's documented scheme), the check value, bad input,
// and a PGP-encrypted share (as `vault operator init -pgp-keys` writes it) decrypted by gpg.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/rng.h"
#include "legacy/vault.h"
#include "legacy/vault_check.h"
#include "ops/legacy_formats.h"
#include "support/gpg_fixture.h"

namespace keyrite::legacy {
namespace {

namespace fs = std::filesystem;

// Vault's scheme, independently: GF(2^8) with the AES polynomial by shift-and-add, a random
// polynomial per byte with the secret byte as constant term, distinct random non-zero x, share =
// y bytes + x, base64. "split SECRET_HEX T N SEED" prints shares; "combine" reads base64 lines
// on stdin and prints the secret in hex.
constexpr const char* kPythonVault = R"PY(
import base64, random, sys
def mul(a, b):
    r = 0
    while b:
        if b & 1: r ^= a
        a <<= 1
        if a & 0x100: a ^= 0x11B
        b >>= 1
    return r
def inv(a):
    return next(b for b in range(1, 256) if mul(a, b) == 1)
if sys.argv[1] == 'split':
    secret, t, n = bytes.fromhex(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    rnd = random.Random(int(sys.argv[5]))
    xs = rnd.sample(range(1, 256), n)
    coeffs = [[s] + [rnd.randrange(256) for _ in range(t - 1)] for s in secret]
    for x in xs:
        ys = []
        for c in coeffs:
            y = 0
            for k in reversed(c): y = mul(y, x) ^ k
            ys.append(y)
        print(base64.b64encode(bytes(ys + [x])).decode())
else:
    shares = [base64.b64decode(l.strip()) for l in sys.stdin if l.strip()]
    out = []
    for i in range(len(shares[0]) - 1):
        s = 0
        for a in shares:
            num = den = 1
            for b in shares:
                if b is a: continue
                num = mul(num, b[-1]); den = mul(den, a[-1] ^ b[-1])
            s ^= mul(a[i], mul(num, inv(den)))
        out.append(s)
    print(bytes(out).hex())
)PY";

bool HavePython() { return std::system("command -v python3 >/dev/null 2>&1") == 0; }

std::string RunPython(const std::string& args, const std::string& input = "") {
  const fs::path dir = fs::temp_directory_path() / ("kr-vault-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "v.py") << kPythonVault;
  std::ofstream(dir / "in.txt") << input;
  const std::string cmd = "python3 " + (dir / "v.py").string() + " " + args + " < " +
                          (dir / "in.txt").string() + " > " + (dir / "out.txt").string();
  const int rc = std::system(cmd.c_str());
  std::stringstream out;
  out << std::ifstream(dir / "out.txt").rdbuf();
  fs::remove_all(dir);
  return rc == 0 ? out.str() : "";
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

std::string Hex(std::span<const std::uint8_t> b) {
  static const char* d = "0123456789abcdef";
  std::string s;
  for (const std::uint8_t c : b) s += {d[c >> 4], d[c & 15]};
  return s;
}

std::vector<std::uint8_t> TestKey(std::size_t n, std::uint64_t seed) {
  std::vector<std::uint8_t> key(n);
  SeededRng(seed).Fill(key);
  return key;
}

TEST(VaultShares, PythonSplitCombinesInKeyrite) {
  if (!HavePython()) GTEST_SKIP() << "python3 is not installed";
  const std::vector<std::uint8_t> key = TestKey(32, 1);
  const std::vector<std::string> lines = Lines(RunPython("split " + Hex(key) + " 3 5 42"));
  ASSERT_EQ(lines.size(), 5u);
  for (const std::vector<int>& pick :
       std::vector<std::vector<int>>{{0, 1, 2}, {4, 3, 1}, {0, 2, 4}}) {
    std::vector<VaultShare> shares;
    for (const int i : pick) shares.push_back(std::move(ParseVaultShare(lines[i], "k")).value());
    Result<secmem::SecureBytes> secret = CombineVault(shares, 3);
    ASSERT_TRUE(secret.ok()) << secret.status().message();
    EXPECT_EQ(Hex(secret->span()), Hex(key));
  }
}

TEST(VaultShares, KeyriteSplitCombinesInPython) {
  if (!HavePython()) GTEST_SKIP() << "python3 is not installed";
  const std::vector<std::uint8_t> key = TestKey(32, 2);
  SeededRng rng(7);
  Result<std::vector<VaultShare>> shares = SplitVault(key, 3, 5, rng);
  ASSERT_TRUE(shares.ok());
  std::string input;
  for (const int i : {4, 0, 2})
    input += std::string(FormatVaultShare((*shares)[i], VaultEncoding::kBase64).view()) + "\n";
  EXPECT_EQ(RunPython("combine", input), Hex(key) + "\n");
}

TEST(VaultShares, RoundTripEverySubsetBothEncodings) {
  const std::vector<std::uint8_t> key = TestKey(33, 3);
  SeededRng rng(8);
  Result<std::vector<VaultShare>> shares = SplitVault(key, 3, 5, rng);
  ASSERT_TRUE(shares.ok());
  std::vector<std::uint8_t> xs;
  for (const VaultShare& s : *shares) {
    ASSERT_EQ(s.bytes.size(), 34u);
    xs.push_back(s.bytes[33]);
  }
  EXPECT_NE(xs, (std::vector<std::uint8_t>{1, 2, 3, 4, 5}));  // random x, as Vault draws them
  for (int mask = 0; mask < 32; ++mask) {
    if (__builtin_popcount(static_cast<unsigned>(mask)) != 3) continue;
    std::vector<VaultShare> some;
    for (int i = 0; i < 5; ++i) {
      if (!(mask & (1 << i))) continue;
      const VaultEncoding e = i % 2 ? VaultEncoding::kHex : VaultEncoding::kBase64;
      some.push_back(
          std::move(ParseVaultShare(FormatVaultShare((*shares)[i], e).view(), "s")).value());
    }
    Result<secmem::SecureBytes> secret = CombineVault(some, 0);
    ASSERT_TRUE(secret.ok());
    EXPECT_EQ(Hex(secret->span()), Hex(key));
  }
}

TEST(VaultShares, BadInputNamesTheShare) {
  for (const char* bad : {"AQ==", "not base64!", "AAEAAA==", "abc",
                          "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g!"}) {
    Result<VaultShare> s = ParseVaultShare(bad, "keys.txt line 2");
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.status().message().rfind("keys.txt line 2: ", 0), 0u) << s.status().message();
  }
  auto share = [](const char* hex, const char* origin) {
    return std::move(ParseVaultShare(hex, origin)).value();
  };
  std::vector<VaultShare> mixed;
  mixed.push_back(share("0a0b01", "a"));
  mixed.push_back(share("0a0b0c02", "b"));
  EXPECT_EQ(CombineVault(mixed, 0).status().kind(), ErrorKind::kMismatch);
  std::vector<VaultShare> dup;
  dup.push_back(share("0a0b01", "a"));
  dup.push_back(share("0c0d01", "b"));
  Result<secmem::SecureBytes> r = CombineVault(dup, 0);
  EXPECT_EQ(r.status().kind(), ErrorKind::kMismatch);
  EXPECT_NE(r.status().message().find("b: "), std::string::npos);
  std::vector<VaultShare> one;
  one.push_back(share("0a0b01", "a"));
  EXPECT_EQ(CombineVault(one, 0).status().kind(), ErrorKind::kInsufficient);
  one.push_back(share("0a0b02", "b"));
  EXPECT_EQ(CombineVault(one, 3).status().kind(), ErrorKind::kInsufficient);
}

TEST(VaultCheck, MatchesOnlyItsKeyAndParsesBack) {
  const std::vector<std::uint8_t> key = TestKey(32, 4);
  SeededRng rng(9);
  const VaultCheck check = MakeVaultCheck(key, 3, 5, rng);
  Result<VaultCheck> parsed = ParseVaultCheck(FormatVaultCheck(check), "c.json");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_TRUE(VerifyVaultCheck(*parsed, key, "c.json").ok());
  std::vector<std::uint8_t> other = key;
  other[31] ^= 1;
  EXPECT_EQ(VerifyVaultCheck(*parsed, other, "c.json").kind(), ErrorKind::kCorrupt);
  other.pop_back();
  EXPECT_EQ(VerifyVaultCheck(*parsed, other, "c.json").kind(), ErrorKind::kCorrupt);
  std::string v2 = FormatVaultCheck(check);
  v2.replace(v2.find("\"version\": 1"), 12, "\"version\": 2");
  EXPECT_EQ(ParseVaultCheck(v2, "c.json").status().kind(), ErrorKind::kUnsupported);
  EXPECT_EQ(ParseVaultCheck("{}", "c.json").status().kind(), ErrorKind::kInvalidInput);
  // The salt makes two checks of one key differ (nothing links two splits of it).
  EXPECT_NE(MakeVaultCheck(key, 3, 5, rng).digest, check.digest);
}

// A share encrypted as Vault does it (its hex form, binary OpenPGP, base64), decrypted in a
// throwaway keyring and combined with two plain shares, through the ops layer.
TEST(VaultShares, PgpEncryptedShareDecryptsAndCombines) {
  test_support::GpgFixture gpg;
  const test_support::Identity alice =
      gpg.MakeIdentity("alice", test_support::Algo::kEd25519Cv25519, "");
  const std::vector<std::uint8_t> key = TestKey(32, 5);
  SeededRng rng(10);
  Result<std::vector<VaultShare>> shares = SplitVault(key, 3, 5, rng);
  ASSERT_TRUE(shares.ok());
  const fs::path dir = gpg.base_dir() / "work";
  fs::create_directories(dir);
  std::ofstream(dir / "plain.txt") << FormatVaultShare((*shares)[1], VaultEncoding::kHex).view();
  const test_support::GpgRun enc =
      gpg.Gpg(alice, {"--trust-model", "always", "--encrypt", "-r", alice.fingerprint, "--output",
                      (dir / "share.gpg").string(), (dir / "plain.txt").string()});
  ASSERT_EQ(enc.exit_code, 0) << enc.err;
  std::stringstream binary;
  binary << std::ifstream(dir / "share.gpg", std::ios::binary).rdbuf();
  const std::string raw = binary.str();
  std::ofstream(dir / "keys.txt")
      << "Unseal Key 1: " << FormatVaultShare((*shares)[0], VaultEncoding::kBase64).view() << "\n"
      << "Unseal Key 2: "
      << FormatVaultShare(VaultShare{"", secmem::SecureBytes::CopyOf(raw)}, VaultEncoding::kBase64)
             .view()
      << "\n"
      << FormatVaultShare((*shares)[4], VaultEncoding::kBase64).view() << "\n";
  ops::CombineRequest request;
  request.inputs = {(dir / "keys.txt").string()};
  request.output = (dir / "key.bin").string();
  request.gnupghome = alice.home.string();
  Result<ops::LegacyCombineReport> r =
      ops::CombineLegacy(request, {ops::ShareFormat::kVault, 3, true, ""});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->warnings.size(), 1u);  // no --check
  std::stringstream out;
  out << std::ifstream(dir / "key.bin", std::ios::binary).rdbuf();
  EXPECT_EQ(out.str(), std::string(key.begin(), key.end()));
}

}  // namespace
}  // namespace keyrite::legacy
