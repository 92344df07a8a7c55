// ssss shares: parsing, the diffusion layer, and recombination of shares made by the real
// ssss-split (Debian package "ssss"), run through a pipe with the secret on its standard input.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "base/rng.h"
#include "legacy/binary_field.h"
#include "legacy/ssss.h"
#include "legacy/ssss_diffusion.h"

namespace keyrite::legacy {
namespace {

bool HaveSsss() { return std::system("command -v ssss-split >/dev/null 2>&1") == 0; }

// Runs argv with `input` on its standard input; returns its standard output ("" on failure).
std::string RunWithInput(const std::vector<std::string>& argv, const std::string& input) {
  int in[2], out[2];
  if (pipe(in) != 0 || pipe(out) != 0) return "";
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    close(in[1]);
    close(out[0]);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  const ssize_t wrote = write(in[1], input.data(), input.size());
  close(in[1]);
  std::string result;
  char buf[4096];
  for (ssize_t n; (n = read(out[0], buf, sizeof(buf))) > 0;)
    result.append(buf, static_cast<std::size_t>(n));
  close(out[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (wrote != static_cast<ssize_t>(input.size()) || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return "";
  return result;
}

// A printable secret (ssss reads one text line): no newline, no blank at either end.
std::string PrintableSecret(std::size_t n, std::uint64_t seed) {
  SeededRng rng(seed);
  std::string s(n, 'x');
  for (char& c : s) c = static_cast<char>('!' + rng.Uniform(94));
  return s;
}

struct SsssRun {
  std::string token;
  bool diffusion = true;
};

std::vector<std::string> SsssSplit(const std::string& secret, const SsssRun& run) {
  std::vector<std::string> argv = {"ssss-split", "-t", "3", "-n", "5", "-q"};
  if (!run.token.empty()) argv.insert(argv.end(), {"-w", run.token});
  if (!run.diffusion) argv.push_back("-D");
  const std::string out = RunWithInput(argv, secret + "\n");
  std::vector<std::string> lines;
  for (std::size_t at = 0; at < out.size();) {
    const std::size_t end = out.find('\n', at);
    lines.push_back(out.substr(at, end - at));
    at = end == std::string::npos ? out.size() : end + 1;
  }
  return lines;
}

std::vector<SsssShare> Parse(const std::vector<std::string>& lines, std::vector<int> pick) {
  std::vector<SsssShare> shares;
  for (const int i : pick) {
    Result<SsssShare> s =
        ParseSsssShare(lines.at(static_cast<std::size_t>(i)), "line " + std::to_string(i + 1));
    EXPECT_TRUE(s.ok()) << s.status().message();
    if (s.ok()) shares.push_back(std::move(s).value());
  }
  return shares;
}

std::string Combine(const std::vector<SsssShare>& shares, const SsssCombineOptions& options) {
  Result<secmem::SecureBytes> secret = CombineSsss(shares, options);
  EXPECT_TRUE(secret.ok()) << secret.status().message();
  return secret.ok() ? std::string(secret->view()) : "";
}

TEST(SsssInterop, ThreeOfFiveAtSeveralSizesWithAndWithoutDiffusionAndToken) {
  if (!HaveSsss()) GTEST_SKIP() << "ssss-split is not installed (Debian package ssss)";
  const std::vector<SsssRun> runs = {{"", true}, {"", false}, {"backup-key", true}, {"t", false}};
  const std::vector<std::vector<int>> picks = {{0, 1, 2}, {4, 2, 0}, {1, 3, 4}};
  for (const std::size_t size : {1, 7, 8, 9, 16, 32, 64, 128}) {
    for (const SsssRun& run : runs) {
      const std::string secret = PrintableSecret(size, size * 7 + run.token.size());
      const std::vector<std::string> lines = SsssSplit(secret, run);
      ASSERT_EQ(lines.size(), 5u) << "ssss-split failed for " << size << " bytes";
      for (const std::vector<int>& pick : picks) {
        EXPECT_EQ(Combine(Parse(lines, pick), {3, run.diffusion}), secret)
            << size << " bytes, token '" << run.token << "', diffusion " << run.diffusion;
      }
    }
  }
}

// One secret of every length ssss takes: every field polynomial of the table is exercised.
TEST(SsssInterop, EveryFieldSize) {
  if (!HaveSsss()) GTEST_SKIP() << "ssss-split is not installed (Debian package ssss)";
  for (std::size_t size = 1; size <= 128; ++size) {
    const std::string secret = PrintableSecret(size, 1000 + size);
    const std::vector<std::string> lines = SsssSplit(secret, {});
    ASSERT_EQ(lines.size(), 5u);
    EXPECT_EQ(Combine(Parse(lines, {3, 0, 4}), {3, true}), secret) << size << " bytes";
  }
}

TEST(SsssInterop, ExtraSharesAreCheckedAndAWrongThresholdIsCaught) {
  if (!HaveSsss()) GTEST_SKIP() << "ssss-split is not installed (Debian package ssss)";
  const std::string secret = PrintableSecret(24, 5);
  const std::vector<std::string> lines = SsssSplit(secret, {});
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(Combine(Parse(lines, {0, 1, 2, 3, 4}), {3, true}), secret);
  Result<secmem::SecureBytes> wrong_t = CombineSsss(Parse(lines, {0, 1, 2, 3}), {2, true});
  ASSERT_FALSE(wrong_t.ok());
  EXPECT_EQ(wrong_t.status().kind(), ErrorKind::kCorrupt);
  EXPECT_NE(wrong_t.status().message().find("line 3"), std::string::npos);
  // A changed digit in an extra share is caught too.
  std::vector<std::string> damaged = lines;
  damaged[4].back() = damaged[4].back() == '0' ? '1' : '0';
  Result<secmem::SecureBytes> r = CombineSsss(Parse(damaged, {0, 1, 2, 4}), {3, true});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("line 5"), std::string::npos) << r.status().message();
}

TEST(SsssParse, TokenIndexAndValue) {
  Result<SsssShare> s = ParseSsssShare("  my-token-03-0a1B\r\n", "f line 1");
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->token, "my-token");
  EXPECT_EQ(s->index, 3u);
  ASSERT_EQ(s->y.size(), 2u);
  EXPECT_EQ(s->y[0], 0x0a);
  EXPECT_EQ(s->y[1], 0x1b);
  Result<SsssShare> plain = ParseSsssShare("2-ff", "x");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->token, "");
}

TEST(SsssParse, BadSharesNameTheShare) {
  for (const char* bad :
       {"abcdef", "x-0a1b", "0-0a1b", "1-0a1", "1-0g1b", "1-", "-0a1b", "300-0a"}) {
    Result<SsssShare> s = ParseSsssShare(bad, "shares.txt line 4");
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.status().kind(), ErrorKind::kInvalidInput) << bad;
    EXPECT_EQ(s.status().message().rfind("shares.txt line 4: ", 0), 0u) << s.status().message();
  }
}

std::vector<SsssShare> Shares(std::initializer_list<const char*> lines) {
  std::vector<SsssShare> out;
  int n = 0;
  for (const char* l : lines)
    out.push_back(std::move(ParseSsssShare(l, "share " + std::to_string(++n))).value());
  return out;
}

TEST(SsssCombine, RefusesBadSets) {
  const struct {
    std::vector<SsssShare> shares;
    unsigned t;
    ErrorKind kind;
    const char* names;
  } cases[] = {
      {Shares({"1-0a0b", "2-0c0d"}), 3, ErrorKind::kInsufficient, "only 2"},
      {Shares({"1-0a0b", "2-0c0d", "3-0e"}), 3, ErrorKind::kMismatch, "share 3"},
      {Shares({"1-0a0b", "2-0c0d", "1-0e0f"}), 3, ErrorKind::kMismatch, "share 3"},
      {Shares({"a-1-0a0b", "b-2-0c0d", "a-3-0e0f"}), 3, ErrorKind::kMismatch, "share 2"},
      {Shares({"1-0a0b", "2-0c0d", "3-0e0f"}), 0, ErrorKind::kInvalidArgument, "-t"},
  };
  for (const auto& c : cases) {
    Result<secmem::SecureBytes> r = CombineSsss(c.shares, {c.t, true});
    ASSERT_FALSE(r.ok()) << c.names;
    EXPECT_EQ(r.status().kind(), c.kind) << r.status().message();
    EXPECT_NE(r.status().message().find(c.names), std::string::npos) << r.status().message();
  }
}

TEST(SsssDiffusion, IsInvertibleAndSpreadsOneByte) {
  for (const std::size_t n : {8, 9, 15, 16, 33, 128}) {
    std::vector<std::uint8_t> a(n, 0), b(n, 0);
    b[n / 2] = 1;
    Diffuse(a);
    Diffuse(b);
    std::size_t differ = 0;
    for (std::size_t i = 0; i < n; ++i) differ += a[i] != b[i];
    EXPECT_GT(differ, n / 2) << n;  // one changed input byte changes most output bytes
    Undiffuse(b);
    for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(b[i], i == n / 2 ? 1 : 0) << n;
  }
}

// x * x^(-1) = 1 in every field of the table, and Mul agrees with repeated MulByX (x^k).
TEST(BinaryField, InverseInEveryField) {
  for (unsigned bits = 8; bits <= 1024; bits += 8) {
    Result<BinaryField> f = BinaryField::ForBits(bits);
    ASSERT_TRUE(f.ok());
    const FieldElement a = f->FromUint(0xA7);
    FieldElement product;
    f->Mul(a, f->Inverse(a), product);
    EXPECT_EQ(product.limbs, f->FromUint(1).limbs) << bits;
  }
  EXPECT_FALSE(BinaryField::ForBits(12).ok());
  EXPECT_FALSE(BinaryField::ForBits(1032).ok());
}

// In GF(2^8) ssss's polynomial is the AES one (x^8 + x^4 + x^3 + x + 1): FIPS-197 section 4.2
// gives {57} * {83} = {c1}.
TEST(BinaryField, Fips197Product) {
  Result<BinaryField> f = BinaryField::ForBits(8);
  ASSERT_TRUE(f.ok());
  FieldElement p;
  f->Mul(f->FromUint(0x57), f->FromUint(0x83), p);
  EXPECT_EQ(p.limbs[0], 0xC1u);
}

}  // namespace
}  // namespace keyrite::legacy
