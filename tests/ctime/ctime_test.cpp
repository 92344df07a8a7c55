// The constant-time test (after libsecp256k1's src/ctime_tests.c). Run under
// `valgrind --error-exitcode=1`: every secret input is marked undefined, so any branch or memory
// index that depends on a secret is a memcheck error and the run fails. The only bits made
// defined again are the pass/fail results keyrite reveals on purpose (share::RevealHook).
// Outside valgrind the markings do nothing and the program only checks its results.

#include <valgrind/memcheck.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <span>
#include <string>
#include <vector>

#include "base/aes256_ctr.h"
#include "base/blake3.h"
#include "base/rng.h"
#include "gf256/gf256.h"
#include "secmem/secure_bytes.h"
#include "shamir/shamir.h"
#include "share/share_set.h"

namespace keyrite {
namespace {

using secmem::SecureBytes;

void MarkSecret(std::span<std::uint8_t> bytes) {
  VALGRIND_MAKE_MEM_UNDEFINED(bytes.data(), bytes.size());
}

void MarkPublic(const void* data, std::size_t size) { VALGRIND_MAKE_MEM_DEFINED(data, size); }

// Random coefficients are as secret as the secret itself: everything this Rng makes is undefined.
class SecretRng final : public Rng {
 public:
  explicit SecretRng(std::uint64_t seed) : inner_(seed) {}
  void Fill(std::span<std::uint8_t> out) override {
    inner_.Fill(out);
    MarkSecret(out);
  }

 private:
  SeededRng inner_;
};

int g_failures = 0;

void Expect(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "ctime_test: wrong result: %s\n", what);
  ++g_failures;
}

// A defined copy of secret bytes, for checking results after the constant-time work is done.
std::vector<std::uint8_t> Declassified(std::span<const std::uint8_t> bytes) {
  std::vector<std::uint8_t> out(bytes.begin(), bytes.end());
  MarkPublic(out.data(), out.size());
  return out;
}

SecureBytes SecretBytes(std::size_t size, std::uint64_t seed) {
  SecureBytes out(size);
  SecretRng(seed).Fill(out.span());
  return out;
}

void CheckFieldArithmetic() {
  SecureBytes a = SecretBytes(256, 1), b = SecretBytes(256, 2), product(256), inverse(256);
  for (std::size_t i = 0; i < 256; ++i) {
    product[i] = gf256::Mul(a[i], b[i]);
    inverse[i] = gf256::Inv(a[i]);
  }
  const auto p = Declassified(product.span()), inv = Declassified(inverse.span());
  const auto pa = Declassified(a.span()), pb = Declassified(b.span());
  for (std::size_t i = 0; i < 256; ++i) {
    Expect(p[i] == gf256::Mul(pb[i], pa[i]), "Mul");
    Expect(pa[i] == 0 || gf256::Mul(pa[i], inv[i]) == 1, "Inv");
  }
}

void CheckMulAdd() {
  for (std::size_t len : {0u, 1u, 7u, 8u, 9u, 31u, 1000u}) {
    SecureBytes acc = SecretBytes(len, 3 + len), x = SecretBytes(len, 4 + len);
    SecureBytes scalar = SecretBytes(1, 5 + len);
    const auto before = Declassified(acc.span());
    gf256::MulAdd(acc.span(), x.span(), scalar[0]);
    const auto after = Declassified(acc.span()), px = Declassified(x.span());
    const std::uint8_t s = Declassified(scalar.span())[0];
    for (std::size_t i = 0; i < len; ++i) {
      Expect(after[i] == (before[i] ^ gf256::Mul(s, px[i])), "MulAdd");
    }
  }
}

void CheckShamir() {
  const SecureBytes secret = SecretBytes(100, 6);
  SecretRng rng(7);
  auto points = shamir::Split(secret.span(), 3, 5, rng);
  Expect(points.ok(), "Split");
  if (!points.ok()) return;
  std::vector<shamir::Point> quorum;
  for (std::size_t i : {4u, 0u, 2u}) {
    quorum.push_back({(*points)[i].x, SecureBytes::CopyOf((*points)[i].y.span())});
  }
  auto at_zero = shamir::Interpolate(quorum, 0);
  auto at_two = shamir::Interpolate(quorum, 2);
  Expect(at_zero.ok() && Declassified(at_zero->span()) == Declassified(secret.span()),
         "Interpolate at 0");
  Expect(at_two.ok() && Declassified(at_two->span()) == Declassified((*points)[1].y.span()),
         "Interpolate at 2");
}

std::vector<share::SourcedShare> Sourced(const std::vector<share::Share>& shares,
                                         std::initializer_list<std::size_t> which) {
  std::vector<share::SourcedShare> out;
  for (const std::size_t i : which) {
    const share::Share& s = shares[i];
    share::Share copy{s.set_id, s.threshold, s.index, SecureBytes::CopyOf(s.payload.span())};
    MarkSecret(copy.payload.span());
    out.push_back({"share" + std::to_string(s.index), std::move(copy)});
  }
  return out;
}

void CheckShareSet() {
  const SecureBytes secret = SecretBytes(64, 8);
  SecretRng rng(9);
  auto split = share::SplitSecret(secret.span(), 3, 5, rng);
  Expect(split.ok(), "SplitSecret");
  if (!split.ok()) return;
  std::vector<share::Share>& shares = *split;
  for (share::Share& s : shares) MarkPublic(s.set_id.data(), s.set_id.size());
  const auto expected = Declassified(secret.span());
  for (const auto& which : {Sourced(shares, {1, 3, 4}), Sourced(shares, {0, 1, 2, 3, 4})}) {
    auto combined = share::CombineShares(which);
    Expect(combined.ok() && Declassified(combined->span()) == expected, "CombineShares");
  }
  // The failure paths reveal their verdicts the same way: a corrupt share, a conflicting copy.
  auto corrupt = Sourced(shares, {0, 1, 2, 3});
  corrupt[1].share.payload[10] ^= 0x20;
  Expect(share::CombineShares(corrupt).status().kind() == ErrorKind::kCorrupt, "corrupt share");
  auto conflicting = Sourced(shares, {0, 1, 1});
  conflicting[2].share.payload[0] ^= 0x01;
  Expect(share::CombineShares(conflicting).status().kind() == ErrorKind::kCorrupt, "conflict");
}

}  // namespace
}  // namespace keyrite

// Every gf256 kernel this CPU (as valgrind presents it) can run, with its bytes AND its scalars
// secret: MulAdd, LinearCombination, and EvaluatePolynomials on the active kernel. Valgrind 3.19
// offers SSSE3 and AVX2 but not GFNI, so under it the GFNI kernel is skipped (and named).
#include "gf256/gf256_kernels.h"

namespace keyrite {
namespace {

void CheckKernel(const gf256::Kernel& kernel, std::size_t len) {
  SecureBytes acc = SecretBytes(len, 20 + len), a = SecretBytes(len, 21 + len);
  SecureBytes b = SecretBytes(len, 22 + len), scalars = SecretBytes(2, 23 + len), out(len);
  const auto before = Declassified(acc.span());
  kernel.mul_add(acc.data(), a.data(), len, scalars[0]);
  const std::uint8_t* inputs[] = {a.data(), b.data()};
  kernel.linear_combination(out.data(), inputs, scalars.data(), 2, len);
  const auto pa = Declassified(a.span()), pb = Declassified(b.span());
  const auto s = Declassified(scalars.span()), pacc = Declassified(acc.span());
  const auto pout = Declassified(out.span());
  for (std::size_t i = 0; i < len; ++i) {
    Expect(pacc[i] == (before[i] ^ gf256::Mul(s[0], pa[i])), "kernel MulAdd");
    Expect(pout[i] == (gf256::Mul(s[0], pa[i]) ^ gf256::Mul(s[1], pb[i])), "kernel combination");
  }
}

void CheckEvaluatePolynomials() {
  SecureBytes c0 = SecretBytes(100, 30), c1 = SecretBytes(100, 31), xs = SecretBytes(2, 32);
  SecureBytes y0(100), y1(100);
  const std::span<const std::uint8_t> coefficients[] = {c0.span(), c1.span()};
  const std::span<std::uint8_t> outputs[] = {y0.span(), y1.span()};
  gf256::EvaluatePolynomials(outputs, xs.span(), coefficients);
  const auto p0 = Declassified(c0.span()), p1 = Declassified(c1.span());
  const auto px = Declassified(xs.span());
  const auto py0 = Declassified(y0.span()), py1 = Declassified(y1.span());
  for (std::size_t i = 0; i < 100; ++i) {
    Expect(py0[i] == (p0[i] ^ gf256::Mul(p1[i], px[0])), "EvaluatePolynomials");
    Expect(py1[i] == (p0[i] ^ gf256::Mul(p1[i], px[1])), "EvaluatePolynomials");
  }
}

void CheckKernels() {
  for (const gf256::Kernel& kernel : gf256::AllKernels()) {
    if (!kernel.supported()) {
      std::printf("ctime_test: skipped the %.*s kernel (not offered by this CPU%s)\n",
                  static_cast<int>(kernel.name.size()), kernel.name.data(),
                  RUNNING_ON_VALGRIND ? " under valgrind" : "");
      continue;
    }
    for (std::size_t len : {0u, 1u, 15u, 16u, 33u, 100u, 1000u}) CheckKernel(kernel, len);
    std::printf("ctime_test: checked the %.*s kernel\n", static_cast<int>(kernel.name.size()),
                kernel.name.data());
  }
  CheckEvaluatePolynomials();
}

// The coefficient generator of file mode: the key undefined, every length from 0 to 200 (the
// eight-block loop and the cut last block). The counter block is public, as in any use of
// counter mode (here the tile's number); the compiler may count the loop with it.
void CheckAes256Ctr() {
  if (!internal::Aes256CtrSupported()) {
    std::printf("ctime_test: skipped AES-256-CTR (no AES instructions%s)\n",
                RUNNING_ON_VALGRIND ? " under valgrind" : "");
    return;
  }
  SecureBytes key = SecretBytes(32, 40), iv = SecretBytes(16, 41);
  MarkPublic(iv.data(), iv.size());
  SecureBytes whole(200);
  internal::Aes256CtrKeystream(key.data(), iv.data(), whole.data(), whole.size());
  const auto expected = Declassified(whole.span());
  for (std::size_t len = 0; len <= 200; ++len) {
    SecureBytes out(len);
    internal::Aes256CtrKeystream(key.data(), iv.data(), out.data(), len);
    const auto got = Declassified(out.span());
    Expect(std::equal(got.begin(), got.end(), expected.begin()), "AES-256-CTR prefix");
  }
  std::printf("ctime_test: checked AES-256-CTR\n");
}

// BLAKE3 of a secret input, plain and keyed by a secret key, on the portable engine and on the
// best engine this CPU has (under valgrind, which reports no AVX-512, that is AVX2 if the host has
// it): 40000 bytes go through whole-chunk batches, single chunks, the buffered chunk and the
// chaining-value stack; 100 output bytes take two root output blocks. Only the outputs are
// declassified, to compare them.
void CheckBlake3() {
  using Engine = Blake3Stream::Engine;
  SecureBytes input = SecretBytes(40000, 50), key = SecretBytes(32, 51);
  SecureBytes state(Blake3Stream::kStateBytes);
  const Blake3Stream::State lent(state.data(), Blake3Stream::kStateBytes);
  for (const bool keyed : {false, true}) {
    std::vector<std::uint8_t> first;
    for (const Engine engine : {Engine::kPortable, Engine::kBest}) {
      Blake3Stream h =
          keyed ? Blake3Stream(lent, std::span<const std::uint8_t, 32>(key.data(), 32), engine)
                : Blake3Stream(lent, engine);
      h.Update(input.span().first(1));
      h.Update(input.span().subspan(1, 2000));
      h.Update(input.span().subspan(2001));
      SecureBytes out(100);
      h.Final(out.span());
      const auto got = Declassified(out.span());
      if (first.empty()) {
        first = got;
      } else {
        Expect(got == first, keyed ? "keyed BLAKE3 engines agree" : "BLAKE3 engines agree");
      }
    }
  }
  std::printf("ctime_test: checked BLAKE3 (portable and %s)\n", Blake3Stream::BestEngineName());
}

}  // namespace
}  // namespace keyrite

int main() {
  keyrite::share::SetRevealHookForTest(&keyrite::MarkPublic);
  keyrite::CheckFieldArithmetic();
  keyrite::CheckMulAdd();
  keyrite::CheckShamir();
  keyrite::CheckShareSet();
  keyrite::CheckKernels();
  keyrite::CheckAes256Ctr();
  keyrite::CheckBlake3();
  if (keyrite::g_failures != 0) return 2;
  std::printf("ctime_test: ok (%s valgrind)\n", RUNNING_ON_VALGRIND ? "under" : "not under");
  return 0;
}
