#pragma once
// SecureBytes: the only container for secret bytes (keys, passwords, share payloads, share text).
// Each buffer lives in its own anonymous pages that are locked in RAM (never swapped), excluded
// from core dumps, and wiped before they are unlocked and unmapped. The size is fixed at
// construction, so the bytes are never copied by a reallocation. Move-only: a moved-from or
// default-constructed SecureBytes is empty and holds nothing.
//
// If the pages cannot be locked, construction aborts with a message naming RLIMIT_MEMLOCK:
// commands that handle secrets call CheckLockBudget() first so a low limit is a clear error
// instead.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "base/status.h"

namespace keyrite::secmem {

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
  std::size_t mapped_ = 0;
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

// Bytes of locked memory currently held by SecureBytes in this process.
std::size_t LockedBytes();

// Ok when `bytes` more can be locked under RLIMIT_MEMLOCK (raising the soft limit to the hard one
// if needed); otherwise a Refused status that says how to raise the limit.
Status CheckLockBudget(std::size_t bytes);

}  // namespace keyrite::secmem
