#include "share/share_v1.h"

#include <array>
#include <cstring>
#include <span>

#include "base/check.h"
#include "base/digest.h"

// Timing model: the characters' values are secret. The class of each character (whitespace,
// '-', in the alphabet or not) is the public shape of the line, so code may branch on it; it
// never branches on, or indexes by, a character's base32 value. A failing group's position is
// public too, as is whether a complete line passes (a valid one always does).

namespace keyrite::share {
namespace {

using secmem::SecureBytes;

constexpr std::size_t kMinBodyBytes = ShareV1BodyBytes(kShareV1MinPayloadBytes);
// Typed text may carry a space between every character.
constexpr std::size_t kMaxTypedChars = 2 * kShareV1MaxLineChars;
constexpr std::size_t kMaxTypedGroupChars = 64;
constexpr unsigned kAlpha = 2;  // the element x

// All-ones when lo <= c <= hi, else zero, without a branch.
unsigned InRangeMask(int c, int lo, int hi) {
  return ~static_cast<unsigned>(((c - lo) | (hi - c)) >> 31);
}

char UpperCase(char ch) {
  const int c = static_cast<unsigned char>(ch);
  const unsigned flip = 0x20u & InRangeMask(c, 'a', 'z');
  return static_cast<char>(static_cast<unsigned>(c) ^ flip);
}

bool IsWhitespace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

bool IsInnerSpace(char c) { return c == ' ' || c == '\t'; }

std::string_view TrimWhitespace(std::string_view text) {
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && IsWhitespace(text[begin])) ++begin;
  while (end > begin && IsWhitespace(text[end - 1])) --end;
  return text.substr(begin, end - begin);
}

std::span<char> CharSpan(SecureBytes& bytes) {
  return {reinterpret_cast<char*>(bytes.data()), bytes.size()};
}

// alpha^(g mod 31): differs for any two groups less than 31 apart, so swapping them is caught.
unsigned GroupPositionTerm(std::size_t group_number) {
  unsigned term = 1;
  for (std::size_t i = 0; i < group_number % kShareV1GroupPeriod; ++i) term = Gf32Mul(term, kAlpha);
  return term;
}

// Weight of data position j (0-based) is alpha^(j+1); the check character has weight 1.
unsigned DataWeight(std::size_t j) { return kAlpha << j; }

// h(g) + sum w_j d_j over the data characters; values must already be known to be valid.
unsigned DataSum(std::string_view data_chars, std::size_t group_number) {
  unsigned sum = GroupPositionTerm(group_number);
  for (std::size_t j = 0; j < data_chars.size(); ++j) {
    sum ^= Gf32Mul(DataWeight(j), static_cast<unsigned>(Base32Value(data_chars[j])) & 31u);
  }
  return sum;
}

std::string GroupName(std::size_t group_number) { return "group " + std::to_string(group_number); }

std::string DescribeChar(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte > 0x20 && byte < 0x7f) return std::string("'") + c + "'";
  static constexpr char kHex[] = "0123456789ABCDEF";
  return std::string("byte 0x") + kHex[byte >> 4] + kHex[byte & 15];
}

std::string LookAlikeHint(char c) {
  switch (c) {
    case '0':
      return "did you mean 'O'?";
    case '1':
      return "did you mean 'I' or 'L'?";
    case '8':
      return "did you mean 'B'?";
    default:
      return "letters A-Z and digits 2-7";
  }
}

Status CheckAlphabet(std::string_view group, std::size_t group_number) {
  for (std::size_t i = 0; i < group.size(); ++i) {
    if (Base32Value(group[i]) >= 0) continue;
    return InvalidInput(GroupName(group_number) + ", character " + std::to_string(i + 1) + ": " +
                        DescribeChar(group[i]) + " is not in the alphabet (" +
                        LookAlikeHint(group[i]) + ")");
  }
  return OkStatus();
}

// A normalized group of 2..5 characters: alphabet first, then its check character.
Status CheckGroupCharacters(std::string_view group, std::size_t group_number) {
  KR_RETURN_IF_ERROR(CheckAlphabet(group, group_number));
  const std::string_view data = group.substr(0, group.size() - 1);
  const unsigned check = static_cast<unsigned>(Base32Value(group.back())) & 31u;
  const unsigned syndrome = DataSum(data, group_number) ^ check;
  if (syndrome != 0) {
    return Corrupt(GroupName(group_number) + " fails its check: retype it from the paper");
  }
  return OkStatus();
}

std::string CharacterCount(std::size_t size) {
  return std::to_string(size) + (size == 1 ? " character" : " characters");
}

std::string LengthHint(std::size_t size) {
  if (size >= 2 * kShareV1GroupChars - 1) return " (is a '-' missing?)";
  return size < kShareV1GroupChars ? " (is a character missing?)" : " (is a character extra?)";
}

Status CheckGroupShape(std::string_view group, std::size_t group_number, bool last) {
  const std::string name = GroupName(group_number);
  if (group.empty() && last && group_number == 1) {
    return InvalidInput("the share line ends after KR1-: its groups are missing");
  }
  if (group.empty() && last) {
    return InvalidInput("the line ends with '-' after group " + std::to_string(group_number - 1));
  }
  if (group.empty()) return InvalidInput(name + " is empty (two '-' in a row?)");
  const bool fits = last ? group.size() >= 2 && group.size() <= kShareV1GroupChars
                         : group.size() == kShareV1GroupChars;
  if (fits) return OkStatus();
  const std::string expected = last ? "the last group has 2 to 5" : "each group but the last has 5";
  return InvalidInput(name + " has " + CharacterCount(group.size()) + "; " + expected +
                      LengthHint(group.size()));
}

// Where the groups start, after a prefix that is exactly "KR1-". The version is rejected here
// and nowhere else.
Result<std::size_t> CheckPrefix(std::string_view text) {
  if (text.substr(0, kShareV1Magic.size()) != kShareV1Magic) {
    return InvalidInput("not a keyrite share (expected it to start with KR1-)");
  }
  const std::size_t at = kShareV1Magic.size();
  if (at >= text.size() || InRangeMask(text[at], '0', '9') == 0) {
    return InvalidInput("not a keyrite share (expected it to start with KR1-)");
  }
  if (text[at] != kShareV1VersionDigit) {
    return Unsupported(std::string("share version ") + text[at] +
                       " is not supported by this keyrite (it reads version 1)");
  }
  if (at + 1 >= text.size() || text[at + 1] != kShareV1GroupSeparator) {
    return InvalidInput("expected '-' after KR1 (a share line starts with KR1-)");
  }
  return kShareV1Prefix.size();
}

// The data characters of all groups, in order, after checking each group in turn.
struct GroupData {
  SecureBytes chars;
  std::size_t count = 0;
  std::size_t groups = 0;
};

Result<GroupData> ReadGroups(std::string_view text) {
  GroupData out{SecureBytes(text.size()), 0, 0};
  std::size_t pos = 0;
  for (std::size_t g = 1;; ++g) {
    const std::size_t dash = text.find(kShareV1GroupSeparator, pos);
    const bool last = dash == std::string_view::npos;
    const std::string_view group = text.substr(pos, last ? std::string_view::npos : dash - pos);
    KR_RETURN_IF_ERROR(CheckGroupShape(group, g, last));
    KR_RETURN_IF_ERROR(CheckGroupCharacters(group, g));
    std::memcpy(out.chars.data() + out.count, group.data(), group.size() - 1);
    out.count += group.size() - 1;
    if (last) {
      out.groups = g;
      return out;
    }
    pos = dash + 1;
  }
}

// Decodes the data characters into the body, checking the lengths the groups imply.
Result<SecureBytes> DecodeBody(const GroupData& data) {
  const std::string_view chars = data.chars.view().substr(0, data.count);
  const std::size_t bytes = Base32DecodedLength(chars.size());
  const std::string last = "the last group (" + GroupName(data.groups) + ")";
  if (chars.size() * 5 - bytes * 8 >= 5) {
    return InvalidInput(last + " has a character too many or too few");
  }
  if (bytes < kMinBodyBytes - kShareV1MinPayloadBytes) {
    return InvalidInput("the share line is too short (" + std::to_string(data.groups) +
                        " groups; a share has at least 6)");
  }
  if (bytes < kMinBodyBytes) return InvalidInput("the share carries no payload");
  SecureBytes body(bytes);
  if (!Base32Decode(chars, body.span()).ok()) {
    return Corrupt(last + " has stray bits at its end: a character in it is wrong");
  }
  return body;
}

// First kShareV1CheckBytes of SHA-256(tag || covered), written to `out`.
void ComputeCheck(std::span<const std::uint8_t> covered, std::span<std::uint8_t> out) {
  KR_CHECK(out.size() == kShareV1CheckBytes);
  SecureBytes message(kShareV1CheckTag.size() + covered.size());
  std::memcpy(message.data(), kShareV1CheckTag.data(), kShareV1CheckTag.size());
  if (!covered.empty()) {
    std::memcpy(message.data() + kShareV1CheckTag.size(), covered.data(), covered.size());
  }
  secmem::Wiped<Sha256Digest> digest;
  digest.value = Sha256(message.span());
  std::memcpy(out.data(), digest.value.data(), out.size());
}

Status VerifyCheck(const SecureBytes& body) {
  const std::size_t covered = body.size() - kShareV1CheckBytes;
  secmem::Wiped<std::array<std::uint8_t, kShareV1CheckBytes>> expected;
  ComputeCheck(body.span().first(covered), expected.value);
  if (!secmem::ConstantTimeEqual(expected.value, body.span().subspan(covered))) {
    return Corrupt("the share fails its checksum: a character is wrong or two groups are swapped");
  }
  return OkStatus();
}

Result<Share> ShareFromBody(const SecureBytes& body) {
  Share share;
  std::memcpy(share.set_id.data(), body.data(), kSetIdBytes);
  share.threshold = body[kSetIdBytes];
  share.index = body[kSetIdBytes + 1];
  if (share.threshold == 0) {
    return InvalidInput(
        "the share says threshold 0 (1 to 255 is possible): it was not made by keyrite");
  }
  if (share.index == 0) {
    return InvalidInput(
        "the share says index 0 (1 to 255 is possible): it was not made by keyrite");
  }
  const std::size_t payload = body.size() - kShareV1HeaderBytes - kShareV1CheckBytes;
  share.payload = body.Slice(kShareV1HeaderBytes, payload);
  return share;
}

Status CheckLineLength(std::size_t chars) {
  if (chars <= kShareV1MaxLineChars) return OkStatus();
  return InvalidInput("the share line is too long (" + std::to_string(chars) +
                      " characters; a version 1 share has at most " +
                      std::to_string(kShareV1MaxLineChars) + ")");
}

SecureBytes EncodeBody(const Share& share) {
  const std::size_t payload = share.payload.size();
  SecureBytes body(ShareV1BodyBytes(payload));
  std::memcpy(body.data(), share.set_id.data(), kSetIdBytes);
  body[kSetIdBytes] = share.threshold;
  body[kSetIdBytes + 1] = share.index;
  std::memcpy(body.data() + kShareV1HeaderBytes, share.payload.data(), payload);
  const std::size_t covered = kShareV1HeaderBytes + payload;
  ComputeCheck(body.span().first(covered), body.span().subspan(covered));
  return body;
}

// "KR1-" then the data characters in groups of 4, each followed by its check character.
SecureBytes GroupLine(std::string_view data) {
  const std::size_t groups = ShareV1GroupCount(data.size());
  SecureBytes line(kShareV1Prefix.size() + data.size() + 2 * groups - 1);
  std::memcpy(line.data(), kShareV1Prefix.data(), kShareV1Prefix.size());
  std::size_t o = kShareV1Prefix.size();
  for (std::size_t g = 1; g <= groups; ++g) {
    if (g > 1) line[o++] = kShareV1GroupSeparator;
    const std::string_view part =
        data.substr((g - 1) * kShareV1GroupDataChars, kShareV1GroupDataChars);
    std::memcpy(line.data() + o, part.data(), part.size());
    o += part.size();
    line[o++] = static_cast<std::uint8_t>(ShareV1CheckChar(part, g));
  }
  KR_CHECK(o == line.size());
  return line;
}

}  // namespace

unsigned Gf32Mul(unsigned a, unsigned b) {
  unsigned product = 0;
  a &= 31u;
  for (int bit = 0; bit < 5; ++bit) {
    product ^= a & (0u - ((b >> bit) & 1u));  // add a when this bit of b is set
    a <<= 1;
    a ^= kShareV1Gf32Polynomial & (0u - (a >> 5));  // x^5 = x^2 + 1
  }
  return product;
}

char ShareV1CheckChar(std::string_view data_chars, std::size_t group_number) {
  KR_CHECK(!data_chars.empty() && data_chars.size() <= kShareV1GroupDataChars);
  return Base32Char(DataSum(data_chars, group_number));
}

SecureBytes NormalizeShareV1Text(std::string_view text) {
  const std::string_view trimmed = TrimWhitespace(text);
  std::size_t kept = 0;
  for (const char c : trimmed) kept += IsInnerSpace(c) ? 0 : 1;
  SecureBytes out(kept);
  std::size_t o = 0;
  for (const char c : trimmed) {
    if (!IsInnerSpace(c)) out[o++] = static_cast<std::uint8_t>(UpperCase(c));
  }
  return out;
}

Status CheckGroupV1(std::string_view group_text, std::size_t group_number) {
  KR_CHECK(group_number >= 1);
  const std::string name = GroupName(group_number);
  // Typed groups are a few characters; the bound keeps a stray paste out of locked memory.
  if (group_text.size() > kMaxTypedGroupChars) return InvalidInput(name + " is far too long");
  const SecureBytes group = NormalizeShareV1Text(group_text);
  if (group.empty()) return InvalidInput(name + " is empty");
  if (group.size() < 2 || group.size() > kShareV1GroupChars) {
    return InvalidInput(name + " has " + CharacterCount(group.size()) +
                        "; a group has 5 (2 to 5 for the last one)");
  }
  return CheckGroupCharacters(group.view(), group_number);
}

Result<Share> ParseShareV1(std::string_view line) {
  if (line.size() > kMaxTypedChars) return CheckLineLength(line.size());
  const SecureBytes text = NormalizeShareV1Text(line);
  if (text.empty()) return InvalidInput("empty share line");
  KR_ASSIGN_OR_RETURN(const std::size_t groups_start, CheckPrefix(text.view()));
  KR_RETURN_IF_ERROR(CheckLineLength(text.size()));
  KR_ASSIGN_OR_RETURN(const GroupData data, ReadGroups(text.view().substr(groups_start)));
  KR_ASSIGN_OR_RETURN(const SecureBytes body, DecodeBody(data));
  KR_RETURN_IF_ERROR(VerifyCheck(body));
  return ShareFromBody(body);
}

secmem::SecureBytes FormatShareV1(const Share& share) {
  KR_CHECK(share.threshold >= 1 && share.index >= 1);
  KR_CHECK(share.payload.size() >= kShareV1MinPayloadBytes &&
           share.payload.size() <= kShareV1MaxPayloadBytes);
  const SecureBytes body = EncodeBody(share);
  SecureBytes chars(Base32EncodedLength(body.size()));
  Base32Encode(body.span(), CharSpan(chars));
  return GroupLine(chars.view());
}

std::string FormatSetId(const SetId& set_id) { return Base32EncodePublic(set_id); }

}  // namespace keyrite::share
