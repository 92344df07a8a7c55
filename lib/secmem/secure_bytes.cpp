#include "secmem/secure_bytes.h"

#include <sodium.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace keyrite::secmem {
namespace {

std::atomic<std::size_t> g_locked{0};

std::size_t PageSize() {
  static const std::size_t page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  return page;
}

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

}  // namespace

SecureBytes::SecureBytes(std::size_t size) : size_(size) {
  if (size == 0) return;
  mapped_ = (size + PageSize() - 1) / PageSize() * PageSize();
  void* p = mmap(nullptr, mapped_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  KR_CHECK(p != MAP_FAILED);
  if (mlock(p, mapped_) != 0) {
    munmap(p, mapped_);
    LockFailed(mapped_);
  }
#ifdef MADV_DONTDUMP
  madvise(p, mapped_, MADV_DONTDUMP);
#endif
#ifdef MADV_WIPEONFORK
  madvise(p, mapped_, MADV_WIPEONFORK);
#endif
  g_locked += mapped_;
  data_ = static_cast<std::uint8_t*>(p);  // mmap'd pages are zero-filled
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
  sodium_memzero(data_, mapped_);
  munlock(data_, mapped_);
  munmap(data_, mapped_);
  g_locked -= mapped_;
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
