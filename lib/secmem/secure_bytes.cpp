#include "secmem/secure_bytes.h"

#include <sodium.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

// AddressSanitizer: free pool slots (and the padding after each buffer's last byte) are poisoned,
// so a use after free or a read past the end of a pooled secret is reported. GCC defines
// __SANITIZE_ADDRESS__; clang says so through __has_feature.
#if defined(__SANITIZE_ADDRESS__)
#define KR_SECMEM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KR_SECMEM_ASAN 1
#endif
#endif
#ifdef KR_SECMEM_ASAN
#include <sanitizer/asan_interface.h>
#define KR_POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define KR_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define KR_POISON(p, n) ((void)(p), (void)(n))
#define KR_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

namespace keyrite::secmem {
namespace {

std::atomic<std::size_t> g_locked{0};

std::size_t PageSize() {
  static const std::size_t page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  return page;
}

std::size_t RoundUp(std::size_t n, std::size_t unit) { return (n + unit - 1) / unit * unit; }

// The bytes a pooled buffer of `size` bytes occupies in its arena.
std::size_t SlotBytes(std::size_t size) { return RoundUp(size, kPoolAlign); }

std::string LimitText(rlim_t limit) {
  if (limit == RLIM_INFINITY) return "unlimited";
  return std::to_string(limit / 1024) + " KiB";
}

[[noreturn]] void LockFailed(std::size_t bytes) {
  rlimit rl{};
  getrlimit(RLIMIT_MEMLOCK, &rl);
  std::fprintf(stderr,
               "keyrite: cannot lock %zu bytes of memory for a secret (RLIMIT_MEMLOCK is %s, "
               "%zu bytes already locked); raise it with 'ulimit -l' or limits.conf\n",
               bytes, LimitText(rl.rlim_cur).c_str(), g_locked.load());
  std::abort();
}

// `bytes` (a multiple of the page size) of anonymous memory whose start is a multiple of `align`
// (a power of two, at least a page): `align` bytes more are mapped, and what lies outside the
// aligned range is given back.
std::uint8_t* MapAligned(std::size_t bytes, std::size_t align) {
  const std::size_t extra = align - PageSize();
  void* p =
      mmap(nullptr, bytes + extra, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  KR_CHECK(p != MAP_FAILED);
  const auto at = reinterpret_cast<std::uintptr_t>(p);
  const std::size_t head = (align - at % align) % align;
  auto* const start = static_cast<std::uint8_t*>(p) + head;
  if (head > 0) munmap(p, head);
  if (extra > head) munmap(start + bytes, extra - head);
  return start;
}

// Anonymous pages, locked, left out of core dumps and zeroed in a forked child; nullptr when they
// cannot be locked. Counted in g_locked. From kHugePageBytes up, on transparent huge pages where
// the kernel has them: advised before mlock, which then faults them in as huge pages.
void* MapLocked(std::size_t bytes) {
  const bool huge = bytes >= kHugePageBytes;
  std::uint8_t* const p = MapAligned(bytes, huge ? kHugePageBytes : PageSize());
#ifdef MADV_HUGEPAGE
  if (huge) madvise(p, bytes, MADV_HUGEPAGE);  // a hint: without it, small pages as before
#endif
  if (mlock(p, bytes) != 0) {
    munmap(p, bytes);
    return nullptr;
  }
#ifdef MADV_DONTDUMP
  madvise(p, bytes, MADV_DONTDUMP);
#endif
#ifdef MADV_WIPEONFORK
  madvise(p, bytes, MADV_WIPEONFORK);
#endif
  g_locked += bytes;
  return p;  // mmap'd pages are zero-filled
}

// Wipes, unlocks and unmaps what MapLocked returned.
void UnmapLocked(void* p, std::size_t bytes) {
  sodium_memzero(p, bytes);
  munlock(p, bytes);
  munmap(p, bytes);
  g_locked -= bytes;
}

// One locked mapping of kArenaBytes carved into slots. Its bookkeeping lives on the ordinary heap,
// never next to the secrets, and holds only offsets and lengths.
struct Arena {
  std::uint8_t* base = nullptr;
  std::size_t used = 0;  // bytes in slots handed out
  // Free ranges: offset -> length, in address order. Adjacent ranges are always merged, and every
  // byte in them has been wiped.
  std::map<std::size_t, std::size_t> free;

  bool Contains(const std::uint8_t* p) const {
    const std::uintptr_t at = reinterpret_cast<std::uintptr_t>(p);
    const std::uintptr_t from = reinterpret_cast<std::uintptr_t>(base);
    return at >= from && at - from < kArenaBytes;
  }

  // First fit, carved from the end of the range so the range keeps its offset; nullptr when no
  // free range is long enough.
  std::uint8_t* Take(std::size_t slot) {
    for (auto it = free.begin(); it != free.end(); ++it) {
      if (it->second < slot) continue;
      it->second -= slot;
      std::uint8_t* p = base + it->first + it->second;
      if (it->second == 0) free.erase(it);
      used += slot;
      return p;
    }
    return nullptr;
  }

  // Returns a wiped slot. A slot that overlaps a free range means the pool is corrupt: abort.
  void Give(std::uint8_t* p, std::size_t slot) {
    const std::size_t offset = static_cast<std::size_t>(p - base);
    KR_CHECK(offset % kPoolAlign == 0 && slot <= kArenaBytes - offset && slot <= used);
    auto next = free.lower_bound(offset);
    KR_CHECK(next == free.end() || offset + slot <= next->first);
    used -= slot;
    if (next != free.begin()) {
      auto prev = std::prev(next);
      KR_CHECK(prev->first + prev->second <= offset);
      if (prev->first + prev->second == offset) {
        prev->second += slot;
        if (next != free.end() && prev->first + prev->second == next->first) {
          prev->second += next->second;
          free.erase(next);
        }
        return;
      }
    }
    if (next != free.end() && offset + slot == next->first) {
      auto node = free.extract(next);  // the range grows downwards: rekey it, no new node
      node.key() = offset;
      node.mapped() += slot;
      free.insert(std::move(node));
      return;
    }
    free.emplace(offset, slot);
  }
};

// The pool of arenas for buffers of at most kPoolMaxBytes. The first arena is kept for the life
// of the process; any other is wiped, unlocked and unmapped as soon as its last slot is freed, so
// a burst of small secrets does not stay locked.
class Pool {
 public:
  // A zero-filled slot of SlotBytes(size), or nullptr when a new arena was needed and could not
  // be locked.
  std::uint8_t* Allocate(std::size_t size) {
    const std::size_t slot = SlotBytes(size);
    std::lock_guard<std::mutex> lock(mu_);
    std::uint8_t* p = nullptr;
    for (const std::unique_ptr<Arena>& a : arenas_) {
      if ((p = a->Take(slot)) != nullptr) break;
    }
    if (p == nullptr) {
      Arena* a = NewArena();
      if (a == nullptr) return nullptr;
      p = a->Take(slot);
    }
    KR_UNPOISON(p, size);  // the slot's padding after `size` stays poisoned
    // Free slots are wiped when they are freed; zeroing again here keeps the promise local.
    std::memset(p, 0, size);
    return p;
  }

  void Free(std::uint8_t* p, std::size_t size) {
    const std::size_t slot = SlotBytes(size);
    std::lock_guard<std::mutex> lock(mu_);
    for (auto it = arenas_.begin(); it != arenas_.end(); ++it) {
      Arena& a = **it;
      if (!a.Contains(p)) continue;
      KR_UNPOISON(p, slot);
      sodium_memzero(p, slot);
      KR_POISON(p, slot);
      a.Give(p, slot);
      if (a.used == 0 && it != arenas_.begin()) {
        KR_UNPOISON(a.base, kArenaBytes);  // the address range may be mapped again by anyone
        UnmapLocked(a.base, kArenaBytes);
        arenas_.erase(it);
      }
      return;
    }
    KR_CHECK(false && "freed a slot that is in no arena");
  }

 private:
  Arena* NewArena() {
    void* p = MapLocked(kArenaBytes);
    if (p == nullptr) return nullptr;
    auto a = std::make_unique<Arena>();
    a->base = static_cast<std::uint8_t*>(p);
    a->free.emplace(0, kArenaBytes);
    KR_POISON(a->base, kArenaBytes);
    arenas_.push_back(std::move(a));
    return arenas_.back().get();
  }

  std::mutex mu_;
  std::vector<std::unique_ptr<Arena>> arenas_;
};

// Never destroyed, so a SecureBytes released during static destruction still finds its pool.
Pool& ThePool() {
  static Pool* const pool = new Pool;
  return *pool;
}

}  // namespace

SecureBytes::SecureBytes(std::size_t size) : size_(size) {
  if (size == 0) return;
  if (size <= kPoolMaxBytes) {
    data_ = ThePool().Allocate(size);
    if (data_ != nullptr) return;
    // No new arena could be locked: fall back to pages of its own, which need less of the limit.
  }
  mapped_ = RoundUp(size, PageSize());
  void* p = MapLocked(mapped_);
  if (p == nullptr) LockFailed(mapped_);
  data_ = static_cast<std::uint8_t*>(p);
}

SecureBytes SecureBytes::CopyOf(std::span<const std::uint8_t> bytes) {
  SecureBytes out(bytes.size());
  if (!bytes.empty()) std::memcpy(out.data_, bytes.data(), bytes.size());
  return out;
}

SecureBytes SecureBytes::CopyOf(std::string_view text) {
  return CopyOf(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

SecureBytes::~SecureBytes() { Release(); }

SecureBytes::SecureBytes(SecureBytes&& other) noexcept
    : data_(other.data_), size_(other.size_), mapped_(other.mapped_) {
  other.data_ = nullptr;
  other.size_ = 0;
  other.mapped_ = 0;
}

SecureBytes& SecureBytes::operator=(SecureBytes&& other) noexcept {
  if (this != &other) {
    Release();
    data_ = other.data_;
    size_ = other.size_;
    mapped_ = other.mapped_;
    other.data_ = nullptr;
    other.size_ = 0;
    other.mapped_ = 0;
  }
  return *this;
}

SecureBytes SecureBytes::Slice(std::size_t offset, std::size_t count) const {
  KR_CHECK(offset <= size_ && count <= size_ - offset);
  return CopyOf(span().subspan(offset, count));
}

void SecureBytes::Release() {
  if (data_ == nullptr) return;
  if (mapped_ == 0) {
    ThePool().Free(data_, size_);
  } else {
    UnmapLocked(data_, mapped_);
  }
  data_ = nullptr;
  size_ = 0;
  mapped_ = 0;
}

bool ConstantTimeEqual(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

void Wipe(void* data, std::size_t size) { sodium_memzero(data, size); }

std::size_t LockedBytes() { return g_locked.load(); }

Status CheckLockBudget(std::size_t bytes) {
  rlimit rl{};
  if (getrlimit(RLIMIT_MEMLOCK, &rl) != 0) return Internal("cannot read RLIMIT_MEMLOCK");
  const std::size_t need = bytes + g_locked.load();
  if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= need) return OkStatus();
  if (rl.rlim_max == RLIM_INFINITY || rl.rlim_max >= need) {
    rl.rlim_cur = rl.rlim_max;
    if (setrlimit(RLIMIT_MEMLOCK, &rl) == 0) return OkStatus();
  }
  if (geteuid() == 0) return OkStatus();  // CAP_IPC_LOCK ignores the limit
  return Refused("locked-memory limit is " + LimitText(rl.rlim_cur) + " but this needs " +
                 std::to_string((need + 1023) / 1024) +
                 " KiB to keep secrets out of swap; raise it with 'ulimit -l " +
                 std::to_string((need + 1023) / 1024) + "' or in limits.conf");
}

}  // namespace keyrite::secmem
