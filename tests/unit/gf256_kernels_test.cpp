// Tests for the gf256 kernels: each kernel against a reference built from gf256::Mul (itself
// checked against an independent multiply in gf256_test.cpp), for every scalar, every length
// 0..4096 and every start offset 0..63, with guard bytes around the output to catch overruns.
// A kernel the CPU cannot run is skipped, saying so.

#include "gf256/gf256_kernels.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "base/rng.h"
#include "gf256/gf256.h"

namespace keyrite::gf256 {

// Names the kernel in failure messages instead of dumping its bytes.
void PrintTo(const Kernel& kernel, std::ostream* os) { *os << kernel.name; }

namespace {

constexpr std::size_t kMaxLength = 4096;
constexpr std::size_t kAlign = 64;
constexpr std::uint8_t kGuard = 0xA5;

// All 65,536 products, from gf256::Mul.
const std::array<std::array<std::uint8_t, 256>, 256>& Products() {
  static const auto table = [] {
    std::array<std::array<std::uint8_t, 256>, 256> t{};
    for (unsigned a = 0; a < 256; ++a) {
      for (unsigned b = 0; b < 256; ++b) {
        t[a][b] = Mul(static_cast<std::uint8_t>(a), static_cast<std::uint8_t>(b));
      }
    }
    return t;
  }();
  return table;
}

// A buffer whose data() starts `offset` bytes after a 64-byte boundary, with guard bytes
// before and after the `size` bytes in use.
class Placed {
 public:
  Placed(std::size_t size, std::size_t offset) : storage_(size + 3 * kAlign, kGuard), size_(size) {
    const auto base = reinterpret_cast<std::uintptr_t>(storage_.data());
    start_ = (kAlign - base % kAlign) % kAlign + kAlign + offset;
  }
  std::uint8_t* data() { return storage_.data() + start_; }
  std::span<std::uint8_t> span() { return {data(), size_}; }
  bool GuardsIntact() const {
    for (std::size_t i = 0; i < storage_.size(); ++i) {
      if ((i < start_ || i >= start_ + size_) && storage_[i] != kGuard) return false;
    }
    return true;
  }

 private:
  std::vector<std::uint8_t> storage_;
  std::size_t start_ = 0;
  std::size_t size_;
};

Placed RandomPlaced(std::size_t size, std::size_t offset, Rng& rng) {
  Placed p(size, offset);
  rng.Fill(p.span());
  return p;
}

class KernelTest : public ::testing::TestWithParam<Kernel> {
 protected:
  void SetUp() override {
    if (!GetParam().supported()) {
      GTEST_SKIP() << "this CPU cannot run the " << GetParam().name << " kernel";
    }
  }

  // One MulAdd on buffers placed at the given offsets, checked against the table.
  void CheckMulAdd(std::size_t len, std::size_t acc_offset, std::size_t x_offset,
                   std::uint8_t scalar, Rng& rng) {
    Placed acc = RandomPlaced(len, acc_offset, rng);
    Placed x = RandomPlaced(len, x_offset, rng);
    std::vector<std::uint8_t> expected(acc.data(), acc.data() + len);
    for (std::size_t k = 0; k < len; ++k) expected[k] ^= Products()[scalar][x.data()[k]];
    GetParam().mul_add(acc.data(), x.data(), len, scalar);
    ASSERT_EQ(std::vector<std::uint8_t>(acc.data(), acc.data() + len), expected)
        << "length " << len << ", offsets " << acc_offset << "/" << x_offset << ", scalar "
        << int{scalar};
    ASSERT_TRUE(acc.GuardsIntact()) << "wrote outside acc, length " << len;
    ASSERT_TRUE(x.GuardsIntact()) << "wrote to x, length " << len;
  }

  // One LinearCombination of `count` inputs, each at its own offset.
  void CheckLinearCombination(std::size_t len, std::size_t count, std::size_t offset, Rng& rng) {
    std::vector<Placed> inputs;
    std::vector<const std::uint8_t*> pointers;
    std::vector<std::uint8_t> scalars(count);
    rng.Fill(scalars);
    for (std::size_t i = 0; i < count; ++i) {
      inputs.push_back(RandomPlaced(len, (offset + 11 * i) % kAlign, rng));
      pointers.push_back(inputs.back().data());
    }
    std::vector<std::uint8_t> expected(len, 0);
    for (std::size_t i = 0; i < count; ++i) {
      for (std::size_t k = 0; k < len; ++k) expected[k] ^= Products()[scalars[i]][pointers[i][k]];
    }
    Placed out = RandomPlaced(len, offset, rng);  // overwritten, whatever it held
    GetParam().linear_combination(out.data(), pointers.data(), scalars.data(), count, len);
    ASSERT_EQ(std::vector<std::uint8_t>(out.data(), out.data() + len), expected)
        << "length " << len << ", " << count << " terms, offset " << offset;
    ASSERT_TRUE(out.GuardsIntact()) << "wrote outside out, length " << len;
  }
};

TEST_P(KernelTest, MulAddEveryLengthUpTo4096) {
  SeededRng rng(101);
  for (std::size_t len = 0; len <= kMaxLength; ++len) {
    // The offsets and the scalar walk through all their values as the length grows.
    const auto scalar = static_cast<std::uint8_t>(len * 151);
    CheckMulAdd(len, len % kAlign, (len * 37) % kAlign, scalar, rng);
    if (HasFatalFailure()) return;
  }
}

TEST_P(KernelTest, MulAddEveryScalarAtEveryOffset) {
  SeededRng rng(102);
  for (unsigned scalar = 0; scalar < 256; ++scalar) {
    for (std::size_t offset = 0; offset < kAlign; ++offset) {
      // 200 bytes: several full vectors and a tail, both at every alignment.
      CheckMulAdd(200, offset, (offset * 5 + scalar) % kAlign, static_cast<std::uint8_t>(scalar),
                  rng);
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(KernelTest, MulAddEveryScalarOnEveryByte) {
  Placed x(256, 3);
  for (unsigned v = 0; v < 256; ++v) x.data()[v] = static_cast<std::uint8_t>(v);
  for (unsigned scalar = 0; scalar < 256; ++scalar) {
    Placed acc(256, 7);
    for (unsigned v = 0; v < 256; ++v) acc.data()[v] = 0;
    GetParam().mul_add(acc.data(), x.data(), 256, static_cast<std::uint8_t>(scalar));
    for (unsigned v = 0; v < 256; ++v) {
      ASSERT_EQ(acc.data()[v], Products()[scalar][v]) << "scalar " << scalar << ", byte " << v;
    }
  }
}

TEST_P(KernelTest, LinearCombinationEveryLengthUpTo4096) {
  SeededRng rng(103);
  for (std::size_t len = 0; len <= kMaxLength; ++len) {
    CheckLinearCombination(len, 1 + len % 5, len % kAlign, rng);
    if (HasFatalFailure()) return;
  }
}

TEST_P(KernelTest, LinearCombinationEveryScalarAsEveryTerm) {
  SeededRng rng(104);
  // Three terms whose scalars are s, s + 85, s + 170: every scalar in every position.
  for (unsigned s = 0; s < 256; ++s) {
    std::array<std::uint8_t, 3> scalars = {static_cast<std::uint8_t>(s),
                                           static_cast<std::uint8_t>(s + 85),
                                           static_cast<std::uint8_t>(s + 170)};
    std::vector<Placed> inputs;
    std::array<const std::uint8_t*, 3> pointers{};
    for (std::size_t i = 0; i < 3; ++i) {
      inputs.push_back(RandomPlaced(99, (s + i) % kAlign, rng));
      pointers[i] = inputs[i].data();
    }
    Placed out(99, s % kAlign);
    GetParam().linear_combination(out.data(), pointers.data(), scalars.data(), 3, 99);
    for (std::size_t k = 0; k < 99; ++k) {
      std::uint8_t want = 0;
      for (std::size_t i = 0; i < 3; ++i) want ^= Products()[scalars[i]][pointers[i][k]];
      ASSERT_EQ(out.data()[k], want) << "scalars from " << s << ", byte " << k;
    }
  }
}

TEST_P(KernelTest, LinearCombinationManyTerms) {
  SeededRng rng(105);
  for (const std::size_t count : {2u, 7u, 16u, 64u, 254u, 255u}) {
    for (const std::size_t len : {1u, 31u, 32u, 33u, 1000u}) {
      CheckLinearCombination(len, count, (count + len) % kAlign, rng);
      if (HasFatalFailure()) return;
    }
  }
}

std::string KernelName(const ::testing::TestParamInfo<Kernel>& info) {
  return std::string(info.param.name);
}

INSTANTIATE_TEST_SUITE_P(Gf256Kernels, KernelTest, ::testing::ValuesIn(AllKernels()), KernelName);

TEST(Gf256KernelsTest, ActiveIsTheLastSupportedKernel) {
  const Kernel* last = nullptr;
  for (const Kernel& k : AllKernels()) {
    if (k.supported()) last = &k;
  }
  ASSERT_NE(last, nullptr);
  EXPECT_EQ(ActiveKernel().name, last->name);
  EXPECT_EQ(AllKernels().front().name, "portable");
  std::printf("gf256 kernels: active %s\n", std::string(ActiveKernel().name).c_str());
}

// c[0] + c[1] x + c[2] x^2 + ... for one byte position, term by term with Mul.
std::uint8_t EvaluateByHand(const std::vector<std::vector<std::uint8_t>>& c, std::size_t k,
                            std::uint8_t x) {
  std::uint8_t sum = 0, power = 1;
  for (const auto& coefficient : c) {
    sum ^= Mul(coefficient[k], power);
    power = Mul(power, x);
  }
  return sum;
}

TEST(Gf256KernelsTest, EvaluatePolynomialsMatchesTermByTerm) {
  SeededRng rng(106);
  for (const std::size_t terms : {1u, 2u, 3u, 5u, 255u}) {
    const std::size_t len = 77;
    std::vector<std::vector<std::uint8_t>> c(terms, std::vector<std::uint8_t>(len));
    for (auto& v : c) rng.Fill(v);
    const std::vector<std::uint8_t> xs = {0, 1, 2, 3, 200, 255};
    std::vector<std::vector<std::uint8_t>> out(xs.size(), std::vector<std::uint8_t>(len));
    std::vector<std::span<const std::uint8_t>> c_spans(c.begin(), c.end());
    std::vector<std::span<std::uint8_t>> out_spans(out.begin(), out.end());
    EvaluatePolynomials(out_spans, xs, c_spans);
    for (std::size_t p = 0; p < xs.size(); ++p) {
      for (std::size_t k = 0; k < len; ++k) {
        ASSERT_EQ(out[p][k], EvaluateByHand(c, k, xs[p])) << terms << " terms, x " << int{xs[p]};
      }
    }
  }
}

TEST(Gf256KernelsTest, LinearCombinationThroughTheDispatcher) {
  SeededRng rng(107);
  std::vector<std::uint8_t> a(50), b(50), out(50);
  rng.Fill(a);
  rng.Fill(b);
  const std::array<std::span<const std::uint8_t>, 2> inputs = {a, b};
  const std::array<std::uint8_t, 2> scalars = {0x57, 0x83};
  LinearCombination(out, inputs, scalars);
  for (std::size_t k = 0; k < 50; ++k) EXPECT_EQ(out[k], Mul(a[k], 0x57) ^ Mul(b[k], 0x83));
}

TEST(Gf256KernelsDeathTest, LinearCombinationRejectsMismatchedSizes) {
  std::vector<std::uint8_t> a(4), out(5);
  const std::array<std::span<const std::uint8_t>, 1> inputs = {a};
  const std::array<std::uint8_t, 1> scalars = {1};
  EXPECT_DEATH(LinearCombination(out, inputs, scalars), "size");
  const std::array<std::uint8_t, 2> two_scalars = {1, 2};
  EXPECT_DEATH(LinearCombination(std::span(out).first(4), inputs, two_scalars), "size");
}

}  // namespace
}  // namespace keyrite::gf256
