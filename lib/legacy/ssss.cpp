// ssss's sharing, as its documentation describes it: the secret s (after the diffusion layer) is
// the constant term of f(x) = x^t + c[t-1] x^(t-1) + ... + c[1] x + s over GF(2^n), with random
// c[i]; share i is f(i). So g(x) = f(x) - x^t has degree t-1 and g(0) = s: we add x_i^t to each
// y_i (public) and interpolate g at 0 with Lagrange coefficients computed from the public x_i.
#include "legacy/ssss.h"

#include <algorithm>
#include <vector>

#include "legacy/binary_field.h"
#include "legacy/ct_codec.h"
#include "legacy/ssss_diffusion.h"

namespace keyrite::legacy {
namespace {

constexpr std::size_t kMaxTokenBytes = 128;
constexpr std::uint32_t kMaxIndex = 65535;

std::string_view Trim(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

Result<std::uint32_t> ParseIndex(std::string_view digits, const std::string& origin) {
  if (digits.empty() || digits.size() > 5 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return InvalidInput(origin + ": \"" + std::string(digits) +
                        "\" is not a share number; an ssss share reads N-HEX or TOKEN-N-HEX");
  }
  const std::uint32_t index = static_cast<std::uint32_t>(std::stoul(std::string(digits)));
  if (index == 0 || index > kMaxIndex) {
    return InvalidInput(origin + ": share number " + std::to_string(index) +
                        " is out of range; ssss numbers shares from 1");
  }
  return index;
}

Result<secmem::SecureBytes> ParseValue(std::string_view hex, std::uint32_t index,
                                       const std::string& origin) {
  if (hex.size() % 2 != 0 || hex.size() < 2 || hex.size() > kMaxFieldBits / 4) {
    return InvalidInput(origin + ": the value has " + std::to_string(hex.size()) +
                        " hex digits; ssss writes an even number, 2 to 256");
  }
  Result<secmem::SecureBytes> y = DecodeSecretHex(hex);
  if (!y.ok()) return InvalidInput(origin + ": the value is " + y.status().message());
  if (4 * hex.size() < 32 && (index >> (4 * hex.size())) != 0) {
    return InvalidInput(origin + ": share number " + std::to_string(index) +
                        " does not fit a field of " + std::to_string(4 * hex.size()) + " bits");
  }
  return y;
}

}  // namespace

Result<SsssShare> ParseSsssShare(std::string_view line, std::string origin) {
  const std::string_view text = Trim(line);
  const std::size_t last = text.rfind('-');
  if (last == std::string_view::npos) {
    return InvalidInput(origin + ": no '-'; an ssss share reads N-HEX or TOKEN-N-HEX");
  }
  const std::string_view head = text.substr(0, last);
  const std::size_t before = head.rfind('-');
  SsssShare share;
  share.token = before == std::string_view::npos ? "" : std::string(head.substr(0, before));
  if (share.token.size() > kMaxTokenBytes) {
    return InvalidInput(origin + ": the token is longer than ssss allows (128 characters)");
  }
  const std::string_view digits = before == std::string_view::npos ? head : head.substr(before + 1);
  KR_ASSIGN_OR_RETURN(share.index, ParseIndex(digits, origin));
  KR_ASSIGN_OR_RETURN(share.y, ParseValue(text.substr(last + 1), share.index, origin));
  share.origin = std::move(origin);
  return share;
}

namespace {

using SecretElement = secmem::Wiped<FieldElement>;

Status CheckSet(std::span<const SsssShare> shares, const SsssCombineOptions& options) {
  if (options.threshold < 2) {
    return InvalidArgument(
        "ssss shares do not record their threshold: give -t T, the -t given to ssss-split (2 or "
        "more)");
  }
  if (shares.size() < options.threshold) {
    return Insufficient("-t " + std::to_string(options.threshold) + " needs " +
                        std::to_string(options.threshold) + " shares, but only " +
                        std::to_string(shares.size()) + " were given");
  }
  const SsssShare& first = shares.front();
  for (std::size_t i = 1; i < shares.size(); ++i) {
    const SsssShare& s = shares[i];
    if (s.y.size() != first.y.size()) {
      return Mismatch(s.origin + ": a " + std::to_string(8 * s.y.size()) + "-bit share, but " +
                      first.origin + " is " + std::to_string(8 * first.y.size()) +
                      "-bit: shares of different secrets");
    }
    if (s.token != first.token) {
      return Mismatch(s.origin + ": token \"" + s.token + "\", but " + first.origin + " has \"" +
                      first.token + "\": shares of different secrets");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (shares[j].index == s.index) {
        return Mismatch(s.origin + ": share number " + std::to_string(s.index) +
                        " was already given by " + shares[j].origin + "; give distinct shares");
      }
    }
  }
  return OkStatus();
}

// l_i(at) = prod over j != i of (at - x_j) / (x_i - x_j), for the first t x coordinates (public).
std::vector<FieldElement> LagrangeAt(const BinaryField& field, std::span<const FieldElement> xs,
                                     const FieldElement& at) {
  std::vector<FieldElement> out;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    FieldElement num = field.FromUint(1);
    FieldElement den = field.FromUint(1);
    for (std::size_t j = 0; j < xs.size(); ++j) {
      if (j == i) continue;
      FieldElement a = at;
      BinaryField::AddInto(a, xs[j]);
      FieldElement b = xs[i];
      BinaryField::AddInto(b, xs[j]);
      field.Mul(num, a, num);
      field.Mul(den, b, den);
    }
    field.Mul(num, field.Inverse(den), num);
    out.push_back(num);
  }
  return out;
}

// sum of l_i * g_i: constant time in the g_i.
void Evaluate(const BinaryField& field, std::span<const FieldElement> coefficients,
              std::span<const SecretElement> g, FieldElement& out) {
  SecretElement term;
  out = FieldElement();
  for (std::size_t i = 0; i < coefficients.size(); ++i) {
    field.Mul(coefficients[i], g[i].value, term.value);
    BinaryField::AddInto(out, term.value);
  }
}

bool EqualElements(const FieldElement& a, const FieldElement& b) {
  std::uint64_t diff = 0;
  for (std::size_t i = 0; i < kFieldLimbs; ++i) diff |= a.limbs[i] ^ b.limbs[i];
  return diff == 0;
}

// Every share beyond the first t must lie on their polynomial.
Status CheckExtras(const BinaryField& field, std::span<const SsssShare> shares,
                   std::span<const FieldElement> xs, std::span<const SecretElement> g, unsigned t) {
  SecretElement expected;
  for (std::size_t e = t; e < shares.size(); ++e) {
    Evaluate(field, LagrangeAt(field, xs.first(t), xs[e]), g.first(t), expected.value);
    if (!EqualElements(expected.value, g[e].value)) {
      return Corrupt(shares[e].origin + ": does not lie on the polynomial of the first " +
                     std::to_string(t) +
                     " shares: a wrong -t, a damaged share, or a share of another secret");
    }
  }
  return OkStatus();
}

}  // namespace

Result<secmem::SecureBytes> CombineSsss(std::span<const SsssShare> shares,
                                        const SsssCombineOptions& options) {
  if (shares.empty()) return Insufficient("no ssss shares given");
  KR_RETURN_IF_ERROR(CheckSet(shares, options));
  KR_ASSIGN_OR_RETURN(const BinaryField field,
                      BinaryField::ForBits(static_cast<unsigned>(8 * shares.front().y.size())));
  const unsigned t = options.threshold;
  std::vector<FieldElement> xs;
  std::vector<SecretElement> g(shares.size());
  for (std::size_t i = 0; i < shares.size(); ++i) {
    xs.push_back(field.FromUint(shares[i].index));
    field.Import(shares[i].y.span(), g[i].value);
    BinaryField::AddInto(g[i].value, field.Pow(xs[i], t));  // g(x_i) = f(x_i) - x_i^t
  }
  KR_RETURN_IF_ERROR(CheckExtras(field, shares, xs, g, t));
  SecretElement s;
  Evaluate(field, LagrangeAt(field, std::span(xs).first(t), FieldElement()), std::span(g).first(t),
           s.value);
  secmem::SecureBytes secret(field.bytes());
  field.Export(s.value, secret.span());
  if (options.diffusion && secret.size() >= kMinDiffusionBytes) Undiffuse(secret.span());
  return secret;
}

}  // namespace keyrite::legacy
