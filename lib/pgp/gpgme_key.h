#pragma once
// Key: the owning, move-only reference to one gpgme_key_t (lib/pgp's own .cpp files only).
// Holds public facts only; a secret key never leaves gpg-agent.

#include <gpgme.h>

#include <utility>

namespace keyrite::pgp {

class Key {
 public:
  Key() = default;
  explicit Key(gpgme_key_t key) : key_(key) {}  // adopts one reference
  ~Key() { Release(); }
  Key(Key&& other) noexcept : key_(std::exchange(other.key_, nullptr)) {}
  Key& operator=(Key&& other) noexcept {
    if (this != &other) {
      Release();
      key_ = std::exchange(other.key_, nullptr);
    }
    return *this;
  }
  Key(const Key&) = delete;
  Key& operator=(const Key&) = delete;

  gpgme_key_t get() const { return key_; }
  explicit operator bool() const { return key_ != nullptr; }

 private:
  void Release() {
    if (key_ != nullptr) gpgme_key_unref(std::exchange(key_, nullptr));
  }

  gpgme_key_t key_ = nullptr;
};

}  // namespace keyrite::pgp
