// Tests for the share_v1 module: share codec v1 (docs/formats/share-v1.md).
#include "share/share_v1.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstring>
#include <string>
#include <vector>

#include "base/base32.h"
#include "base/digest.h"
#include "base/rng.h"

namespace keyrite::share {
namespace {

using secmem::SecureBytes;

// Golden lines guard format stability. They were produced by FormatShareV1 and, independently,
// by the Python reference implementation in docs/formats/share-v1.md (appendix); the first is the
// spec's worked example.
constexpr std::string_view kExampleLine = "KR1-JNJCG-2RCFR-JVHTB-CAQBQ-YD76J-4UK5U-LFDQD";
constexpr std::string_view kGoldenLine =
    "KR1-AERUJ-KZ4JE-VPG65-6AYFN-AAISH-EM2ET-KVTHN-PCEZX-VK54Y-ZXPO4-75NDV-MYPI2-LYF";
constexpr std::string_view kChecksumMessage =
    "the share fails its checksum: a character is wrong or two groups are swapped";
constexpr std::string_view kSubstitutes = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567-0";

Share MakeShare(const SetId& set_id, int threshold, int index, std::vector<std::uint8_t> payload) {
  Share share;
  share.set_id = set_id;
  share.threshold = static_cast<std::uint8_t>(threshold);
  share.index = static_cast<std::uint8_t>(index);
  share.payload = SecureBytes::CopyOf(payload);
  return share;
}

Share ExampleShare() {
  return MakeShare({0x4b, 0x52, 0x2d, 0x44, 0x45, 0x4d, 0x4f, 0x31}, 2, 1, {0xc0, 0xff, 0xee});
}

Share GoldenShare() {
  return MakeShare({0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef}, 3, 5,
                   {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc,
                    0xdd, 0xee, 0xff, 0x5a});
}

Share RandomShare(Rng& rng, std::size_t payload_bytes) {
  Share share;
  rng.Fill(share.set_id);
  share.threshold = static_cast<std::uint8_t>(rng.Uniform(255) + 1);
  share.index = static_cast<std::uint8_t>(rng.Uniform(255) + 1);
  share.payload = SecureBytes(payload_bytes);
  rng.Fill(share.payload.span());
  return share;
}

// Test lines are throwaway data, so plain strings are fine here.
std::string Line(const Share& share) { return std::string(FormatShareV1(share).view()); }

void ExpectSameShare(const Share& got, const Share& want) {
  EXPECT_EQ(got.set_id, want.set_id);
  EXPECT_EQ(got.threshold, want.threshold);
  EXPECT_EQ(got.index, want.index);
  EXPECT_TRUE(secmem::ConstantTimeEqual(got.payload.span(), want.payload.span()));
}

// The group (1-based) holding line position `pos`, or 0 for the prefix and the separators.
std::size_t GroupOfPosition(std::size_t pos) {
  if (pos < kShareV1Prefix.size()) return 0;
  const std::size_t q = pos - kShareV1Prefix.size();
  if (q % (kShareV1GroupChars + 1) == kShareV1GroupChars) return 0;
  return q / (kShareV1GroupChars + 1) + 1;
}

// True when `message` says "group N" for exactly this N (not "group 12" for 1).
bool NamesGroup(const std::string& message, std::size_t group) {
  const std::string needle = "group " + std::to_string(group);
  for (std::size_t at = message.find(needle); at != std::string::npos;
       at = message.find(needle, at + 1)) {
    const std::size_t end = at + needle.size();
    if (end == message.size() || !std::isdigit(static_cast<unsigned char>(message[end]))) {
      return true;
    }
  }
  return false;
}

std::vector<std::string> Groups(std::string_view line) {
  std::vector<std::string> groups;
  std::string_view rest = line.substr(kShareV1Prefix.size());
  for (std::size_t dash = rest.find('-'); dash != std::string_view::npos; dash = rest.find('-')) {
    groups.emplace_back(rest.substr(0, dash));
    rest.remove_prefix(dash + 1);
  }
  groups.emplace_back(rest);
  return groups;
}

std::string JoinGroups(const std::vector<std::string>& groups) {
  std::string line(kShareV1Prefix);
  for (std::size_t g = 0; g < groups.size(); ++g) line += (g ? "-" : "") + groups[g];
  return line;
}

// No message may repeat share characters: no 4 data characters of any group appear in it.
void ExpectNoShareText(const std::string& message, std::string_view line) {
  for (const std::string& group : Groups(line)) {
    if (group.size() < kShareV1GroupChars) continue;
    EXPECT_EQ(message.find(group.substr(0, 4)), std::string::npos) << message;
  }
}

// An independent encoder built from the spec's steps, for bodies FormatShareV1 refuses to write.
std::string LineFromBody(std::vector<std::uint8_t> covered) {
  std::string message(kShareV1CheckTag);
  message.append(reinterpret_cast<const char*>(covered.data()), covered.size());
  const Sha256Digest digest = Sha256(message);
  covered.insert(covered.end(), digest.begin(), digest.begin() + kShareV1CheckBytes);
  const std::string data = Base32EncodePublic(covered);
  std::vector<std::string> groups;
  for (std::size_t at = 0; at < data.size(); at += kShareV1GroupDataChars) {
    const std::string part = data.substr(at, kShareV1GroupDataChars);
    groups.push_back(part + ShareV1CheckChar(part, groups.size() + 1));
  }
  return JoinGroups(groups);
}

std::vector<std::uint8_t> CoveredBytes(const Share& share) {
  std::vector<std::uint8_t> covered(share.set_id.begin(), share.set_id.end());
  covered.push_back(share.threshold);
  covered.push_back(share.index);
  covered.insert(covered.end(), share.payload.span().begin(), share.payload.span().end());
  return covered;
}

// Slow reference multiply: schoolbook carry-less product, then reduce by x^5 + x^2 + 1.
unsigned SlowGf32Mul(unsigned a, unsigned b) {
  unsigned product = 0;
  for (int i = 0; i < 5; ++i) {
    if ((b >> i) & 1) product ^= a << i;
  }
  for (int bit = 8; bit >= 5; --bit) {
    if ((product >> bit) & 1) product ^= 0x25u << (bit - 5);
  }
  return product;
}

char SlowCheckChar(std::string_view data, std::size_t group) {
  unsigned sum = 1;
  for (std::size_t i = 0; i < group % 31; ++i) sum = SlowGf32Mul(sum, 2);
  for (std::size_t j = 0; j < data.size(); ++j) {
    const auto value = static_cast<unsigned>(kBase32Alphabet.find(data[j]));
    sum ^= SlowGf32Mul(2u << j, value);
  }
  return kBase32Alphabet[sum];
}

TEST(ShareV1Gf32Test, MatchesSlowReferenceAndIsAField) {
  for (unsigned a = 0; a < 32; ++a) {
    bool has_inverse = a == 0;
    for (unsigned b = 0; b < 32; ++b) {
      ASSERT_EQ(Gf32Mul(a, b), SlowGf32Mul(a, b)) << a << "*" << b;
      ASSERT_EQ(Gf32Mul(a, b), Gf32Mul(b, a));
      has_inverse = has_inverse || Gf32Mul(a, b) == 1;
      for (unsigned c = 0; c < 32; ++c) {
        ASSERT_EQ(Gf32Mul(Gf32Mul(a, b), c), Gf32Mul(a, Gf32Mul(b, c)));
        ASSERT_EQ(Gf32Mul(a, b ^ c), Gf32Mul(a, b) ^ Gf32Mul(a, c));
      }
    }
    EXPECT_EQ(Gf32Mul(a, 1), a);
    EXPECT_TRUE(has_inverse) << a;
  }
}

// The detection argument needs alpha = x to have order 31: weights and position terms distinct.
TEST(ShareV1Gf32Test, AlphaIsPrimitive) {
  unsigned power = 1;
  for (int k = 1; k <= 31; ++k) {
    power = Gf32Mul(power, 2);
    EXPECT_EQ(power == 1, k == 31) << k;
  }
}

TEST(ShareV1Test, CheckCharMatchesSlowReference) {
  SeededRng rng(7);
  for (std::size_t group = 1; group <= 70; ++group) {
    for (std::size_t length = 1; length <= kShareV1GroupDataChars; ++length) {
      for (int trial = 0; trial < 40; ++trial) {
        std::string data;
        for (std::size_t i = 0; i < length; ++i) data += kBase32Alphabet[rng.Uniform(32)];
        ASSERT_EQ(ShareV1CheckChar(data, group), SlowCheckChar(data, group))
            << data << " " << group;
      }
    }
  }
}

TEST(ShareV1Test, RoundTripsPayloadSizes) {
  SeededRng rng(1);
  std::vector<std::size_t> sizes = {1000, 65552};
  for (std::size_t n = 1; n <= 80; ++n) sizes.push_back(n);
  for (const std::size_t n : sizes) {
    const Share share = RandomShare(rng, n);
    const SecureBytes line = FormatShareV1(share);
    ASSERT_EQ(line.size(), ShareV1LineChars(n));
    const Result<Share> parsed = ParseShareV1(line.view());
    ASSERT_TRUE(parsed.ok()) << n << ": " << parsed.status().message();
    ExpectSameShare(*parsed, share);
    EXPECT_EQ(FormatShareV1(*parsed).view(), line.view());
  }
}

TEST(ShareV1Test, GoldenLinesAreStable) {
  EXPECT_EQ(Line(ExampleShare()), kExampleLine);
  EXPECT_EQ(Line(GoldenShare()), kGoldenLine);
  const Result<Share> example = ParseShareV1(kExampleLine);
  ASSERT_TRUE(example.ok()) << example.status().message();
  ExpectSameShare(*example, ExampleShare());
  const Result<Share> golden = ParseShareV1(kGoldenLine);
  ASSERT_TRUE(golden.ok()) << golden.status().message();
  ExpectSameShare(*golden, GoldenShare());
}

TEST(ShareV1Test, EncoderMatchesIndependentEncoding) {
  SeededRng rng(2);
  for (std::size_t n = 1; n <= 40; ++n) {
    const Share share = RandomShare(rng, n);
    EXPECT_EQ(Line(share), LineFromBody(CoveredBytes(share))) << n;
  }
}

void ExpectSubstitutionsRejected(const std::string& line) {
  for (std::size_t pos = 0; pos < line.size(); ++pos) {
    const std::size_t group = GroupOfPosition(pos);
    for (const char sub : kSubstitutes) {
      if (sub == line[pos]) continue;
      std::string bad = line;
      bad[pos] = sub;
      const Result<Share> parsed = ParseShareV1(bad);
      ASSERT_FALSE(parsed.ok()) << bad;
      const std::string message = parsed.status().message();
      ExpectNoShareText(message, line);
      if (group == 0) continue;
      EXPECT_TRUE(NamesGroup(message, group)) << bad << ": " << message;
      if (Base32Value(sub) >= 0) {
        EXPECT_EQ(parsed.status().kind(), ErrorKind::kCorrupt);
        EXPECT_EQ(message,
                  "group " + std::to_string(group) + " fails its check: retype it from the paper");
      }
    }
  }
}

TEST(ShareV1Test, RejectsEverySingleSubstitution) {
  SeededRng rng(3);
  ExpectSubstitutionsRejected(std::string(kExampleLine));
  ExpectSubstitutionsRejected(std::string(kGoldenLine));
  ExpectSubstitutionsRejected(Line(RandomShare(rng, 41)));
}

// Any two characters of one group swapped (adjacent ones included) fail that group's check.
TEST(ShareV1Test, RejectsEveryTranspositionInsideAGroup) {
  for (const std::string_view good : {kExampleLine, kGoldenLine}) {
    const std::string line(good);
    int tried = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      for (std::size_t j = i + 1; j < line.size(); ++j) {
        const std::size_t group = GroupOfPosition(i);
        if (group == 0 || GroupOfPosition(j) != group || line[i] == line[j]) continue;
        std::string bad = line;
        std::swap(bad[i], bad[j]);
        const Result<Share> parsed = ParseShareV1(bad);
        ASSERT_FALSE(parsed.ok()) << bad;
        EXPECT_EQ(parsed.status().kind(), ErrorKind::kCorrupt);
        EXPECT_EQ(parsed.status().message(),
                  "group " + std::to_string(group) + " fails its check: retype it from the paper");
        ++tried;
      }
    }
    EXPECT_GT(tried, 60);
  }
}

// Groups fewer than 31 apart fail the first one's check; 31 apart, the 4-byte checksum.
TEST(ShareV1Test, RejectsSwappedGroups) {
  SeededRng rng(4);
  const std::string line = Line(RandomShare(rng, 100));
  const std::vector<std::string> groups = Groups(line);
  const std::size_t full = groups.size() - 1;
  ASSERT_GT(full, kShareV1GroupPeriod);
  int checksum_cases = 0;
  for (std::size_t a = 0; a < full; ++a) {
    for (std::size_t b = a + 1; b < full; ++b) {
      if (groups[a] == groups[b]) continue;
      std::vector<std::string> swapped = groups;
      std::swap(swapped[a], swapped[b]);
      const Result<Share> parsed = ParseShareV1(JoinGroups(swapped));
      ASSERT_FALSE(parsed.ok());
      EXPECT_EQ(parsed.status().kind(), ErrorKind::kCorrupt);
      if ((b - a) % kShareV1GroupPeriod != 0) {
        EXPECT_TRUE(NamesGroup(parsed.status().message(), a + 1)) << parsed.status().message();
      } else {
        EXPECT_EQ(parsed.status().message(), kChecksumMessage);
        ++checksum_cases;
      }
    }
  }
  EXPECT_GT(checksum_cases, 0);
}

// Two wrong characters in one group can pass its check; the 4-byte checksum still catches them.
TEST(ShareV1Test, ChecksumCatchesWhatGroupChecksMiss) {
  std::vector<std::string> groups = Groups(kGoldenLine);
  for (std::size_t g = 0; g + 1 < groups.size(); ++g) {
    std::vector<std::string> bad = groups;
    std::string data = bad[g].substr(0, kShareV1GroupDataChars);
    data[1] = data[1] == 'Q' ? 'R' : 'Q';
    bad[g] = data + ShareV1CheckChar(data, g + 1);
    const Result<Share> parsed = ParseShareV1(JoinGroups(bad));
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.status().kind(), ErrorKind::kCorrupt);
    EXPECT_EQ(parsed.status().message(), kChecksumMessage);
  }
}

TEST(ShareV1Test, AcceptsLowercaseAndSpaces) {
  std::string typed = " \t";
  for (const char c : kGoldenLine) {
    typed += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (c == '-' || c == 'Z') typed += " ";
  }
  typed += "\r\n";
  EXPECT_EQ(NormalizeShareV1Text(typed).view(), kGoldenLine);
  const Result<Share> parsed = ParseShareV1(typed);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  ExpectSameShare(*parsed, GoldenShare());
}

TEST(ShareV1Test, RejectsUnknownVersion) {
  const std::string rest(kGoldenLine.substr(3));
  for (char version = '2'; version <= '9'; ++version) {
    const Result<Share> parsed = ParseShareV1(std::string("KR") + version + rest);
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.status().kind(), ErrorKind::kUnsupported);
    EXPECT_EQ(parsed.status().message(),
              std::string("share version ") + version +
                  " is not supported by this keyrite (it reads version 1)");
  }
  EXPECT_EQ(ParseShareV1("KR0" + rest).status().kind(), ErrorKind::kUnsupported);
}

TEST(ShareV1Test, RejectsEmptyAndForeignLines) {
  const std::string not_ours = "not a keyrite share (expected it to start with KR1-)";
  const struct {
    std::string_view line;
    ErrorKind kind;
    std::string message;
  } cases[] = {
      {"", ErrorKind::kInvalidInput, "empty share line"},
      {" \t\r\n", ErrorKind::kInvalidInput, "empty share line"},
      {"hello world", ErrorKind::kInvalidInput, not_ours},
      {"KRX-ABCD", ErrorKind::kInvalidInput, not_ours},
      {"KR-ABCD", ErrorKind::kInvalidInput, not_ours},
      {"K", ErrorKind::kInvalidInput, not_ours},
      {"KR1", ErrorKind::kInvalidInput, "expected '-' after KR1 (a share line starts with KR1-)"},
      {"KR1-", ErrorKind::kInvalidInput, "the share line ends after KR1-: its groups are missing"},
      {"KR1-JNJCG-", ErrorKind::kInvalidInput, "the line ends with '-' after group 1"},
      {"KR1-JNJCG--2RCFR", ErrorKind::kInvalidInput, "group 2 is empty (two '-' in a row?)"},
  };
  for (const auto& c : cases) {
    const Result<Share> parsed = ParseShareV1(c.line);
    ASSERT_FALSE(parsed.ok()) << c.line;
    EXPECT_EQ(parsed.status().kind(), c.kind) << c.line;
    EXPECT_EQ(parsed.status().message(), c.message);
  }
}

TEST(ShareV1Test, NamesTheGroupWithAWrongShape) {
  std::vector<std::string> groups = Groups(kExampleLine);
  std::string missing_dash = JoinGroups(groups);
  missing_dash.erase(missing_dash.find("-JVHTB"), 1);  // groups 2 and 3 run together
  EXPECT_EQ(ParseShareV1(missing_dash).status().message(),
            "group 2 has 10 characters; each group but the last has 5 (is a '-' missing?)");
  groups[3].pop_back();
  EXPECT_EQ(ParseShareV1(JoinGroups(groups)).status().message(),
            "group 4 has 4 characters; each group but the last has 5 (is a character missing?)");
  groups = Groups(kExampleLine);
  groups.back() += "A";
  EXPECT_EQ(ParseShareV1(JoinGroups(groups)).status().message(),
            "group 7 has 6 characters; the last group has 2 to 5 (is a character extra?)");
}

TEST(ShareV1Test, AsksAboutLookAlikeDigits) {
  std::vector<std::string> groups = Groups(kGoldenLine);
  const struct {
    char typed;
    std::string hint;
  } cases[] = {{'0', "did you mean 'O'?"},
               {'1', "did you mean 'I' or 'L'?"},
               {'8', "did you mean 'B'?"},
               {'@', "letters A-Z and digits 2-7"}};
  for (const auto& c : cases) {
    std::vector<std::string> bad = groups;
    bad[4][1] = c.typed;
    const Result<Share> parsed = ParseShareV1(JoinGroups(bad));
    EXPECT_EQ(parsed.status().kind(), ErrorKind::kInvalidInput);
    EXPECT_EQ(parsed.status().message(), std::string("group 5, character 2: '") + c.typed +
                                             "' is not in the alphabet (" + c.hint + ")");
  }
  groups[2][0] = '\x07';
  EXPECT_EQ(ParseShareV1(JoinGroups(groups)).status().message(),
            "group 3, character 1: byte 0x07 is not in the alphabet (letters A-Z and digits 2-7)");
}

TEST(ShareV1Test, RejectsEveryTruncation) {
  for (const std::string_view line : {kExampleLine, kGoldenLine}) {
    for (std::size_t n = 0; n < line.size(); ++n) {
      EXPECT_FALSE(ParseShareV1(line.substr(0, n)).ok()) << line.substr(0, n);
    }
  }
}

// Even a group with a correct check character for its place is caught by the checksum.
TEST(ShareV1Test, RejectsAppendedGroups) {
  for (const std::string_view line : {kExampleLine, kGoldenLine}) {
    const std::size_t next = Groups(line).size() + 1;
    for (const std::string data : {"A", "QR", "ABC", "WXYZ", "2345"}) {
      const std::string longer = std::string(line) + "-" + data + ShareV1CheckChar(data, next);
      EXPECT_FALSE(ParseShareV1(longer).ok()) << longer;
    }
    EXPECT_FALSE(ParseShareV1(std::string(line) + "-AAAAA").ok());
  }
  const std::string data = "WXYZ";
  const Result<Share> parsed =
      ParseShareV1(std::string(kExampleLine) + "-" + data + ShareV1CheckChar(data, 8));
  EXPECT_EQ(parsed.status().message(), kChecksumMessage);
}

TEST(ShareV1Test, RejectsBadHeaderAndEmptyPayload) {
  std::vector<std::uint8_t> covered = CoveredBytes(GoldenShare());
  covered[kSetIdBytes] = 0;
  const Result<Share> no_threshold = ParseShareV1(LineFromBody(covered));
  EXPECT_EQ(no_threshold.status().kind(), ErrorKind::kInvalidInput);
  EXPECT_NE(no_threshold.status().message().find("threshold 0"), std::string::npos);
  covered = CoveredBytes(GoldenShare());
  covered[kSetIdBytes + 1] = 0;
  const Result<Share> no_index = ParseShareV1(LineFromBody(covered));
  EXPECT_EQ(no_index.status().kind(), ErrorKind::kInvalidInput);
  EXPECT_NE(no_index.status().message().find("index 0"), std::string::npos);
  covered.resize(kShareV1HeaderBytes);
  covered[kSetIdBytes + 1] = 1;
  const Result<Share> empty = ParseShareV1(LineFromBody(covered));
  EXPECT_EQ(empty.status().kind(), ErrorKind::kInvalidInput);
  EXPECT_EQ(empty.status().message(), "the share carries no payload");
}

TEST(ShareV1Test, AcceptsTheLargestPayloadAndNoMore) {
  SeededRng rng(5);
  const Share largest = RandomShare(rng, kShareV1MaxPayloadBytes);
  const SecureBytes line = FormatShareV1(largest);
  EXPECT_EQ(line.size(), kShareV1MaxLineChars);
  const Result<Share> parsed = ParseShareV1(line.view());
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  ExpectSameShare(*parsed, largest);
  std::vector<std::uint8_t> covered = CoveredBytes(largest);
  covered.push_back(0x42);
  const Result<Share> too_long = ParseShareV1(LineFromBody(covered));
  EXPECT_EQ(too_long.status().kind(), ErrorKind::kInvalidInput);
  EXPECT_NE(too_long.status().message().find("too long"), std::string::npos);
}

TEST(ShareV1Test, RejectsLargeGarbageQuickly) {
  SeededRng rng(6);
  std::string random_bytes(200'000, '\0');
  rng.Fill(std::span(reinterpret_cast<std::uint8_t*>(random_bytes.data()), random_bytes.size()));
  std::string shaped(kShareV1Prefix);
  while (shaped.size() < 200'000) {
    for (std::size_t i = 0; i < kShareV1GroupChars; ++i) shaped += kBase32Alphabet[rng.Uniform(32)];
    shaped += '-';
  }
  shaped.pop_back();
  const std::string all_a = std::string(kShareV1Prefix) + std::string(200'000, 'A');
  const auto start = std::chrono::steady_clock::now();
  for (const std::string_view garbage :
       {std::string_view(random_bytes), std::string_view(shaped), std::string_view(all_a)}) {
    EXPECT_FALSE(ParseShareV1(garbage).ok());
  }
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_LT(elapsed, std::chrono::seconds(2));
}

TEST(ShareV1Test, ChecksOneTypedGroupAtItsNumber) {
  const std::vector<std::string> groups = Groups(kGoldenLine);
  for (std::size_t g = 1; g <= groups.size(); ++g) {
    const std::string& group = groups[g - 1];
    EXPECT_TRUE(CheckGroupV1(group, g).ok()) << group;
    const Status wrong_place = CheckGroupV1(group, g + 1);
    EXPECT_EQ(wrong_place.kind(), ErrorKind::kCorrupt);
    EXPECT_EQ(wrong_place.message(),
              "group " + std::to_string(g + 1) + " fails its check: retype it from the paper");
  }
  std::string typed = groups[0];
  for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_TRUE(CheckGroupV1(" " + typed.substr(0, 2) + " " + typed.substr(2) + "\n", 1).ok());
  EXPECT_EQ(CheckGroupV1("ABCDEF", 3).message(),
            "group 3 has 6 characters; a group has 5 (2 to 5 for the last one)");
  EXPECT_EQ(CheckGroupV1("A", 3).message(),
            "group 3 has 1 character; a group has 5 (2 to 5 for the last one)");
  EXPECT_EQ(CheckGroupV1(" ", 3).message(), "group 3 is empty");
  EXPECT_EQ(CheckGroupV1("A0CDE", 3).message(),
            "group 3, character 2: '0' is not in the alphabet (did you mean 'O'?)");
}

// People compare sets by the id; the first three groups of every share of a set show it.
TEST(ShareV1Test, SetIdStartsEveryLineOfTheSet) {
  const std::string id = FormatSetId(GoldenShare().set_id);
  ASSERT_EQ(id.size(), Base32EncodedLength(kSetIdBytes));
  const std::vector<std::string> groups = Groups(kGoldenLine);
  std::string data;
  for (const std::string& group : groups) data += group.substr(0, group.size() - 1);
  EXPECT_EQ(data.substr(0, 12), id.substr(0, 12));
  EXPECT_EQ(id, "AERUKZ4JVPG66");
}

TEST(ShareV1DeathTest, RefusesToFormatAnImpossibleShare) {
  Share share = GoldenShare();
  share.threshold = 0;
  EXPECT_DEATH(FormatShareV1(share), "threshold");
}

}  // namespace
}  // namespace keyrite::share
