#pragma once
// SecureBytes: the only container for secret bytes (keys, passwords, share payloads, share text).
// Its bytes are always in anonymous pages that are locked in RAM (never swapped), excluded from
// core dumps (MADV_DONTDUMP) and zeroed in a forked child (MADV_WIPEONFORK), and they are wiped
// before the memory is reused, unlocked or unmapped. The size is fixed at construction, so the
// bytes are never copied by a reallocation. Move-only: a moved-from or default-constructed
// SecureBytes is empty and holds nothing.
//
// Where the bytes live depends on the size:
// - at most kPoolMaxBytes: a slot (the size rounded up to kPoolAlign, 16-byte aligned) in a
//   shared arena of kArenaBytes that was mapped, locked and advised once. A freed slot is wiped
//   before it can be handed out again. The first arena stays for the life of the process; any
//   other is wiped, unlocked and unmapped when its last slot is freed. Under AddressSanitizer free
//   slots and the padding after each buffer are poisoned, so a use after free is still reported.
// - larger: pages of its own (page-aligned), wiped, unlocked and unmapped when it is freed. From
//   kHugePageBytes up, they start on a huge-page boundary and ask the kernel for transparent huge
//   pages (MADV_HUGEPAGE), where it offers them: direct I/O into such a buffer pins one 2 MiB
//   page instead of 512 small ones, and a file combine's system time falls to about a quarter
//   (docs/performance.md). The memory locked is the same either way.
//
// If the memory cannot be locked, construction aborts with a message naming RLIMIT_MEMLOCK:
// commands that handle secrets call CheckLockBudget() first so a low limit is a clear error
// instead. (A small buffer whose new arena cannot be locked takes pages of its own instead, which
// need less of the limit; only if those cannot be locked either does it abort.)

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "base/status.h"

namespace keyrite::secmem {

// Buffers of at most this many bytes share pooled arenas; larger ones get pages of their own. One
// page: below it a buffer of its own would lock a whole page for a few bytes (a 32-byte key locked
// 4 KiB) and cost six system calls; above it, rounding up to pages wastes less than half, and such
// buffers (file chunks, bitmaps, a decrypted shard) are few and come with far more work. The
// largest slot is 1/16 of an arena, so one long-lived buffer cannot pin much.
inline constexpr std::size_t kPoolMaxBytes = 4096;
// The size of one locked arena (16 pages of 4 KiB). mlock brings in every page of it at once, so
// it stays small enough that a short process pays little for the pages it does not use.
inline constexpr std::size_t kArenaBytes = 64 * 1024;
// The alignment, and the size granule, of a pooled slot.
inline constexpr std::size_t kPoolAlign = 16;
// A transparent huge page on x86-64 and arm64 with 4 KiB pages; buffers at least this large start
// on a multiple of it.
inline constexpr std::size_t kHugePageBytes = std::size_t{2} << 20;

class SecureBytes {
 public:
  SecureBytes() = default;
  explicit SecureBytes(std::size_t size);  // zero-filled
  static SecureBytes CopyOf(std::span<const std::uint8_t> bytes);
  static SecureBytes CopyOf(std::string_view text);

  ~SecureBytes();
  SecureBytes(SecureBytes&& other) noexcept;
  SecureBytes& operator=(SecureBytes&& other) noexcept;
  SecureBytes(const SecureBytes&) = delete;
  SecureBytes& operator=(const SecureBytes&) = delete;

  std::uint8_t* data() { return data_; }
  const std::uint8_t* data() const { return data_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::uint8_t& operator[](std::size_t i) { return data_[i]; }
  std::uint8_t operator[](std::size_t i) const { return data_[i]; }

  std::span<std::uint8_t> span() { return {data_, size_}; }
  std::span<const std::uint8_t> span() const { return {data_, size_}; }
  // The bytes as characters, for secret text (passwords, share lines). Borrowed.
  std::string_view view() const { return {reinterpret_cast<const char*>(data_), size_}; }

  // A new buffer holding bytes [offset, offset + count) of this one.
  SecureBytes Slice(std::size_t offset, std::size_t count) const;

 private:
  void Release();

  std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t mapped_ = 0;  // bytes of its own mapping; 0 for a pooled slot (or when empty)
};

// Constant-time comparison of two byte strings (lengths are public).
bool ConstantTimeEqual(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b);

// Overwrites memory in a way the compiler may not remove. For stack temporaries that touched a
// secret; prefer SecureBytes or Wiped<T> so it happens on every path.
void Wipe(void* data, std::size_t size);

// Wiped<T>: a trivially copyable stack value that is wiped when it goes out of scope.
template <typename T>
struct Wiped {
  T value{};
  ~Wiped() { Wipe(&value, sizeof(value)); }
};

// Bytes of locked memory currently held by SecureBytes in this process: every arena that exists
// (used or not) and every buffer's own pages.
std::size_t LockedBytes();

// Ok when `bytes` more can be locked under RLIMIT_MEMLOCK (raising the soft limit to the hard one
// if needed); otherwise a Refused status that says how to raise the limit.
Status CheckLockBudget(std::size_t bytes);

}  // namespace keyrite::secmem
