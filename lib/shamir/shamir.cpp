#include "shamir/shamir.h"

#include <algorithm>
#include <array>
#include <string>

#include "base/check.h"
#include "gf256/gf256.h"

namespace keyrite::shamir {
namespace {

// Coefficients are drawn and used one chunk of secret bytes at a time, so the locked memory they
// take stays below 255 * kChunkBytes however long the secret is.
constexpr std::size_t kChunkBytes = 4096;

Status CheckSplitArguments(std::size_t secret_size, unsigned threshold, unsigned count) {
  if (secret_size == 0 || secret_size > kMaxSecretBytes) {
    return InvalidArgument("a secret to split must be 1 to " + std::to_string(kMaxSecretBytes) +
                           " bytes, got " + std::to_string(secret_size));
  }
  if (threshold < 1 || threshold > count) {
    return InvalidArgument("the threshold must be 1 to the share count, got threshold " +
                           std::to_string(threshold) + " of " + std::to_string(count));
  }
  return OkStatus();
}

// out = f(x) for one chunk, by Horner's rule: f(x) = (..(c[t-1] x + c[t-2]) x + ..) x + c[0].
// c[0] is the secret chunk; `random` holds c[1..t-1], each out.size() bytes. Only x is public.
void EvaluateChunk(std::span<const std::uint8_t> secret, std::span<const std::uint8_t> random,
                   std::uint8_t x, std::span<std::uint8_t> out, std::span<std::uint8_t> scratch) {
  const std::size_t len = out.size();
  const std::size_t random_count = random.size() / len;
  auto coefficient = [&](std::size_t j) {
    return j == 0 ? secret : random.subspan((j - 1) * len, len);
  };
  std::ranges::copy(coefficient(random_count), out.begin());
  for (std::size_t j = random_count; j-- > 0;) {
    std::ranges::copy(coefficient(j), scratch.begin());
    gf256::MulAdd(scratch, out, x);  // scratch = c[j] + x * out
    std::ranges::copy(scratch, out.begin());
  }
}

// The Lagrange basis polynomial of points[i] evaluated at at_x. Uses only public x coordinates.
std::uint8_t LagrangeWeight(std::span<const Point> points, std::size_t i, std::uint8_t at_x) {
  std::uint8_t numerator = 1;
  std::uint8_t denominator = 1;
  for (std::size_t j = 0; j < points.size(); ++j) {
    if (j == i) continue;
    numerator = gf256::Mul(numerator, gf256::Add(at_x, points[j].x));
    denominator = gf256::Mul(denominator, gf256::Add(points[i].x, points[j].x));
  }
  return gf256::Mul(numerator, gf256::Inv(denominator));
}

bool DistinctX(std::span<const Point> points) {
  std::array<bool, 256> seen{};
  for (const Point& p : points) {
    if (seen[p.x]) return false;
    seen[p.x] = true;
  }
  return true;
}

}  // namespace

Result<std::vector<Point>> Split(std::span<const std::uint8_t> secret, std::uint8_t threshold,
                                 std::uint8_t count, Rng& rng) {
  KR_RETURN_IF_ERROR(CheckSplitArguments(secret.size(), threshold, count));
  std::vector<Point> points(count);
  for (unsigned i = 0; i < count; ++i) {
    points[i].x = static_cast<std::uint8_t>(i + 1);
    points[i].y = secmem::SecureBytes(secret.size());
  }
  const std::size_t chunk_max = std::min(secret.size(), kChunkBytes);
  secmem::SecureBytes random((threshold - 1u) * chunk_max);
  secmem::SecureBytes scratch(chunk_max);
  for (std::size_t offset = 0; offset < secret.size(); offset += chunk_max) {
    const std::size_t len = std::min(chunk_max, secret.size() - offset);
    const auto chunk_random = random.span().first((threshold - 1u) * len);
    rng.Fill(chunk_random);
    for (Point& p : points) {
      EvaluateChunk(secret.subspan(offset, len), chunk_random, p.x, p.y.span().subspan(offset, len),
                    scratch.span().first(len));
    }
  }
  return points;
}

Result<secmem::SecureBytes> Interpolate(std::span<const Point> points, std::uint8_t at_x) {
  if (points.empty()) return InvalidArgument("no points to interpolate");
  const std::size_t len = points[0].y.size();
  for (const Point& p : points) {
    if (p.y.empty() || p.y.size() != len) {
      return InvalidArgument("points to interpolate must have y values of one non-zero length");
    }
  }
  KR_CHECK(DistinctX(points));
  secmem::SecureBytes out(len);
  for (std::size_t i = 0; i < points.size(); ++i) {
    gf256::MulAdd(out.span(), points[i].y.span(), LagrangeWeight(points, i, at_x));
  }
  return out;
}

}  // namespace keyrite::shamir
