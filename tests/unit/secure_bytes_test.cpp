// Tests for lib/secmem: SecureBytes and process hardening.

#include "secmem/secure_bytes.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "secmem/hardening.h"

#if defined(__SANITIZE_ADDRESS__)
#define KR_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KR_TEST_ASAN 1
#endif
#endif
#ifdef KR_TEST_ASAN
#include <sanitizer/asan_interface.h>
#endif

namespace keyrite::secmem {
namespace {

std::uintptr_t Address(const SecureBytes& b) { return reinterpret_cast<std::uintptr_t>(b.data()); }

std::size_t PageSize() { return static_cast<std::size_t>(sysconf(_SC_PAGESIZE)); }

// The byte that buffer number `id` holds at `i`: every buffer a different pattern, never 0.
std::uint8_t Pattern(std::size_t id, std::size_t i) {
  return static_cast<std::uint8_t>((id * 131 + i * 7) % 255 + 1);
}

void Fill(SecureBytes& b, std::size_t id) {
  for (std::size_t i = 0; i < b.size(); ++i) b[i] = Pattern(id, i);
}

bool Holds(const SecureBytes& b, std::size_t id) {
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (b[i] != Pattern(id, i)) return false;
  }
  return true;
}

bool AllZero(const SecureBytes& b) {
  return std::all_of(b.data(), b.data() + b.size(), [](std::uint8_t c) { return c == 0; });
}

// Kilobytes this process has locked, as the kernel reports it (VmLck in /proc/self/status).
long VmLckKb() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line)) {
    if (line.rfind("VmLck:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

TEST(SecureBytes, ZeroFilledAndSized) {
  SecureBytes b(100);
  ASSERT_EQ(b.size(), 100u);
  for (std::size_t i = 0; i < b.size(); ++i) EXPECT_EQ(b[i], 0);
}

TEST(SecureBytes, PagesAreLockedWhileHeld) {
#ifdef KR_TEST_ASAN
  GTEST_SKIP() << "AddressSanitizer turns mlock into a no-op; checked in the plain build";
#endif
  const long before = VmLckKb();
  {
    SecureBytes b(64 * 1024);
    EXPECT_GE(VmLckKb(), before + 64);
    EXPECT_GE(LockedBytes(), 64u * 1024);
  }
  EXPECT_EQ(VmLckKb(), before);
}

// The VmFlags line of the mapping in /proc/self/smaps that holds `p`; empty if none does.
std::string VmFlagsOf(const void* p) {
  const auto at = reinterpret_cast<std::uintptr_t>(p);
  std::ifstream f("/proc/self/smaps");
  std::string line;
  bool inside = false;
  while (std::getline(f, line)) {
    std::uintptr_t from = 0, to = 0;
    char dash = 0;
    std::istringstream range(line);
    if (range >> std::hex >> from >> dash >> to && dash == '-') {  // a mapping's first line
      inside = at >= from && at < to;
    } else if (inside && line.rfind("VmFlags:", 0) == 0) {
      return line;
    }
  }
  return "";
}

bool HasFlag(const std::string& vm_flags, const std::string& flag) {
  return vm_flags.find(" " + flag + " ") != std::string::npos || vm_flags.ends_with(" " + flag);
}

// Buffers of a huge page and more start on a huge page, are advised for transparent huge pages
// (where the kernel was built with them), and are locked, kept out of dumps and wiped on fork
// like any other; they lock their own size, no more.
TEST(SecureBytes, LargeBuffersStartOnAHugePage) {
  for (const std::size_t size : {kHugePageBytes, 3 * kHugePageBytes + 100}) {
    const std::size_t before = LockedBytes();
    SecureBytes b(size);
    EXPECT_EQ(Address(b) % kHugePageBytes, 0u) << size;
    EXPECT_EQ(LockedBytes() - before, (size + PageSize() - 1) / PageSize() * PageSize());
    EXPECT_TRUE(AllZero(b));
    Fill(b, size);
    EXPECT_TRUE(Holds(b, size));
    const std::string flags = VmFlagsOf(b.data());
    ASSERT_FALSE(flags.empty());
    EXPECT_TRUE(HasFlag(flags, "dd")) << flags;  // MADV_DONTDUMP
    EXPECT_TRUE(HasFlag(flags, "wf")) << flags;  // MADV_WIPEONFORK
#ifndef KR_TEST_ASAN
    EXPECT_TRUE(HasFlag(flags, "lo")) << flags;  // mlock
#endif
    if (access("/sys/kernel/mm/transparent_hugepage", F_OK) == 0) {
      EXPECT_TRUE(HasFlag(flags, "hg")) << flags;  // MADV_HUGEPAGE
    }
  }
}

// A buffer just under a huge page keeps small pages and no advice.
TEST(SecureBytes, BuffersBelowAHugePageAreNotAdvised) {
  SecureBytes b(kHugePageBytes - PageSize());
  EXPECT_EQ(Address(b) % PageSize(), 0u);
  EXPECT_FALSE(HasFlag(VmFlagsOf(b.data()), "hg"));
}

TEST(SecureBytes, MoveLeavesTheSourceEmpty) {
  SecureBytes a = SecureBytes::CopyOf(std::string_view("secret"));
  SecureBytes b = std::move(a);
  EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): checking the moved-from state
  EXPECT_EQ(b.view(), "secret");
  SecureBytes c;
  c = std::move(b);
  EXPECT_EQ(c.view(), "secret");
}

TEST(SecureBytes, SliceCopies) {
  SecureBytes a = SecureBytes::CopyOf(std::string_view("abcdef"));
  EXPECT_EQ(a.Slice(2, 3).view(), "cde");
  EXPECT_EQ(a.Slice(6, 0).size(), 0u);
}

TEST(SecureBytes, EmptyHoldsNothing) {
  SecureBytes e(0);
  EXPECT_TRUE(e.empty());
  EXPECT_EQ(e.data(), nullptr);
}

TEST(SecureBytes, ConstantTimeEqual) {
  SecureBytes a = SecureBytes::CopyOf(std::string_view("abc"));
  SecureBytes b = SecureBytes::CopyOf(std::string_view("abd"));
  EXPECT_TRUE(ConstantTimeEqual(a.span(), a.span()));
  EXPECT_FALSE(ConstantTimeEqual(a.span(), b.span()));
  EXPECT_FALSE(ConstantTimeEqual(a.span(), a.span().first(2)));
}

TEST(SecureBytes, WipedClearsOnScopeExit) {
  unsigned char* seen = nullptr;
  {
    Wiped<std::array<unsigned char, 16>> w;
    w.value.fill(0xAB);
    seen = w.value.data();
    EXPECT_EQ(seen[3], 0xAB);
  }
  // The storage is gone; what we can check is that Wipe itself zeroes.
  std::array<unsigned char, 8> x;
  x.fill(1);
  Wipe(x.data(), x.size());
  for (unsigned char c : x) EXPECT_EQ(c, 0);
}

TEST(SecureBytesPool, ReusedSlotIsZeroed) {
  std::uintptr_t where = 0;
  {
    SecureBytes a(48);
    Fill(a, 1);
    where = Address(a);
  }
  // First fit from the same free range: the same slot comes back, and it was wiped.
  SecureBytes b(48);
  EXPECT_EQ(Address(b), where);
  EXPECT_TRUE(AllZero(b));
  // A shorter buffer in a slot that held a longer one, and the other way round.
  {
    SecureBytes c(kPoolMaxBytes);
    Fill(c, 2);
  }
  SecureBytes d(33);
  EXPECT_TRUE(AllZero(d));
  SecureBytes e(kPoolMaxBytes);
  EXPECT_TRUE(AllZero(e));
}

TEST(SecureBytesPool, SmallBuffersAreAlignedAndDistinct) {
  std::vector<SecureBytes> held;
  for (std::size_t size = 1; size <= 300; ++size) held.emplace_back(size);
  std::vector<std::pair<std::uintptr_t, std::size_t>> ranges;
  for (const SecureBytes& b : held) {
    EXPECT_EQ(Address(b) % kPoolAlign, 0u) << b.size();
    ranges.emplace_back(Address(b), b.size());
  }
  std::sort(ranges.begin(), ranges.end());
  for (std::size_t i = 1; i < ranges.size(); ++i) {
    EXPECT_LE(ranges[i - 1].first + ranges[i - 1].second, ranges[i].first);
  }
}

TEST(SecureBytesPool, MixedSizesKeepTheirContents) {
  std::mt19937 rng(20240601);
  std::uniform_int_distribution<int> coin(0, 99);
  // Mostly small sizes, some at and around the threshold, a few that get pages of their own.
  auto pick_size = [&]() -> std::size_t {
    const int c = coin(rng);
    if (c < 60) return 1 + rng() % 128;
    if (c < 85) return 1 + rng() % kPoolMaxBytes;
    if (c < 95) return kPoolMaxBytes - 2 + rng() % 5;
    return kPoolMaxBytes + 1 + rng() % (3 * kPoolMaxBytes);
  };
  struct Held {
    SecureBytes bytes;
    std::size_t id;
  };
  std::vector<Held> held;
  std::size_t next_id = 0;
  for (int step = 0; step < 5000; ++step) {
    if (held.empty() || coin(rng) < 55) {
      SecureBytes b(pick_size());
      ASSERT_TRUE(AllZero(b)) << "new buffer of " << b.size() << " bytes not zero-filled";
      ASSERT_EQ(Address(b) % (b.size() > kPoolMaxBytes ? PageSize() : kPoolAlign), 0u);
      Fill(b, next_id);
      held.push_back({std::move(b), next_id++});
    } else {
      const std::size_t at = rng() % held.size();
      ASSERT_TRUE(Holds(held[at].bytes, held[at].id)) << "buffer " << held[at].id;
      std::swap(held[at], held.back());
      held.pop_back();
    }
  }
  for (const Held& h : held) EXPECT_TRUE(Holds(h.bytes, h.id)) << "buffer " << h.id;
}

TEST(SecureBytesPool, SizesAroundTheThreshold) {
  for (std::size_t size : {kPoolMaxBytes - 1, kPoolMaxBytes, kPoolMaxBytes + 1}) {
    const std::size_t before = LockedBytes();
    SecureBytes b(size);
    ASSERT_EQ(b.size(), size);
    EXPECT_TRUE(AllZero(b));
    Fill(b, size);
    EXPECT_TRUE(Holds(b, size));
    const std::size_t grew = LockedBytes() - before;
    if (size <= kPoolMaxBytes) {
      EXPECT_EQ(Address(b) % kPoolAlign, 0u);
      EXPECT_EQ(grew % kArenaBytes, 0u) << "a pooled buffer locks nothing but whole arenas";
    } else {
      EXPECT_EQ(Address(b) % PageSize(), 0u) << "larger buffers stay page-aligned";
      EXPECT_EQ(grew, (size + PageSize() - 1) / PageSize() * PageSize());
    }
  }
}

TEST(SecureBytesPool, ZeroSizeTakesNothing) {
  SecureBytes warm(1);  // the first arena exists before the baseline is read
  const std::size_t before = LockedBytes();
  SecureBytes e(0);
  SecureBytes c = SecureBytes::CopyOf(std::span<const std::uint8_t>());
  EXPECT_EQ(e.data(), nullptr);
  EXPECT_EQ(c.data(), nullptr);
  EXPECT_TRUE(c.empty());
  EXPECT_EQ(LockedBytes(), before);
}

// The first arena stays for the life of the process, so the baseline is read with it in place;
// every arena beyond it is released when its last slot is freed.
TEST(SecureBytesPool, ArenasBeyondTheFirstAreReleased) {
  { SecureBytes warm(1); }
  const std::size_t before = LockedBytes();
  [[maybe_unused]] const long before_kb = VmLckKb();  // ASan makes mlock a no-op
  {
    std::vector<SecureBytes> held;
    // Two and a half arenas of slots: at least two more arenas, however full the first one is.
    for (std::size_t i = 0; i < 5 * kArenaBytes / 2 / kPoolMaxBytes; ++i) {
      held.emplace_back(kPoolMaxBytes);
      Fill(held.back(), i);
    }
    const std::size_t grew = LockedBytes() - before;
    EXPECT_GE(grew, 2 * kArenaBytes);
    EXPECT_EQ(grew % kArenaBytes, 0u);
#ifndef KR_TEST_ASAN
    EXPECT_GE(VmLckKb(), before_kb + static_cast<long>(grew / 1024));
#endif
    for (std::size_t i = 0; i < held.size(); ++i) EXPECT_TRUE(Holds(held[i], i));
  }
  EXPECT_EQ(LockedBytes(), before);
#ifndef KR_TEST_ASAN
  EXPECT_EQ(VmLckKb(), before_kb);
#endif
}

TEST(SecureBytesPool, MovesKeepTheSlot) {
  SecureBytes a = SecureBytes::CopyOf(std::string_view("pooled secret"));
  const std::uintptr_t where = Address(a);
  SecureBytes b(std::move(a));
  EXPECT_EQ(a.data(), nullptr);  // NOLINT(bugprone-use-after-move): checking the moved-from state
  EXPECT_EQ(a.size(), 0u);       // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(Address(b), where);
  EXPECT_EQ(b.view(), "pooled secret");
  // Assigning over a held buffer frees its slot; the moved buffer keeps its own.
  SecureBytes c = SecureBytes::CopyOf(std::string_view("older"));
  const std::uintptr_t older = Address(c);
  c = std::move(b);
  EXPECT_EQ(Address(c), where);
  EXPECT_EQ(c.view(), "pooled secret");
  SecureBytes d(5);
  EXPECT_EQ(Address(d), older) << "the freed slot is reused first";
  EXPECT_TRUE(AllZero(d));
  // A large buffer moved over a small one, and back.
  SecureBytes large(kPoolMaxBytes + 1);
  large[kPoolMaxBytes] = 7;
  d = std::move(large);
  EXPECT_EQ(d.size(), kPoolMaxBytes + 1);
  EXPECT_EQ(d[kPoolMaxBytes], 7);
  d = std::move(c);
  EXPECT_EQ(d.view(), "pooled secret");
}

TEST(SecureBytesPool, ThreadsShareThePool) {
  auto work = [](std::size_t seed, bool* ok) {
    std::mt19937 rng(static_cast<std::uint32_t>(seed));
    std::vector<std::pair<SecureBytes, std::size_t>> held;
    for (std::size_t step = 0; step < 3000; ++step) {
      if (held.size() < 20 || rng() % 2 == 0) {
        SecureBytes b(1 + rng() % 600);
        if (!AllZero(b)) *ok = false;
        const std::size_t id = seed * 100000 + step;
        Fill(b, id);
        held.emplace_back(std::move(b), id);
      } else {
        const std::size_t at = rng() % held.size();
        if (!Holds(held[at].first, held[at].second)) *ok = false;
        std::swap(held[at], held.back());
        held.pop_back();
      }
    }
    for (const auto& [b, id] : held) {
      if (!Holds(b, id)) *ok = false;
    }
  };
  bool ok[4] = {true, true, true, true};
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < 4; ++t) threads.emplace_back(work, t + 1, &ok[t]);
  for (std::thread& t : threads) t.join();
  for (bool o : ok) EXPECT_TRUE(o);
}

#ifdef KR_TEST_ASAN
TEST(SecureBytesPool, FreedSlotsArePoisoned) {
  const std::uint8_t* where = nullptr;
  {
    SecureBytes a(20);
    where = a.data();
    EXPECT_EQ(__asan_address_is_poisoned(where + 19), 0);
    EXPECT_NE(__asan_address_is_poisoned(where + 20), 0) << "the slot's padding is poisoned";
  }
  EXPECT_NE(__asan_address_is_poisoned(where), 0);
  EXPECT_NE(__asan_address_is_poisoned(where + 19), 0);
}

TEST(SecureBytesPoolDeathTest, UseAfterFreeIsReported) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        const volatile std::uint8_t* where = nullptr;
        {
          SecureBytes a = SecureBytes::CopyOf(std::string_view("secret"));
          where = a.data();
        }
        std::uint8_t seen = where[0];
        (void)seen;
      },
      "use-after-poison");
}
#endif

TEST(CheckLockBudget, SmallBudgetsPass) { EXPECT_TRUE(CheckLockBudget(4096).ok()); }

TEST(Hardening, TurnsOffCoreDumpsAndDumpability) {
  ASSERT_TRUE(HardenProcess().ok());
  const HardeningState s = ReadHardeningState();
  EXPECT_TRUE(s.core_dumps_off);
  EXPECT_TRUE(s.not_dumpable);
}

}  // namespace
}  // namespace keyrite::secmem
