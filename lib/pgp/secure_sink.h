#pragma once
// Output sinks for gpg operations whose output may be a secret (lib/pgp's own .cpp files only).
// SecureSink writes straight into a pre-sized SecureBytes buffer through gpgme's data callbacks,
// so decrypted bytes never sit in a malloc'd gpgme buffer; DiscardingData drops everything.

#include <cstddef>

#include "base/status.h"
#include "pgp/gpgme_data.h"
#include "secmem/secure_bytes.h"

namespace keyrite::pgp {

class SecureSink {
 public:
  explicit SecureSink(std::size_t capacity) : buffer_(capacity) {}
  SecureSink(const SecureSink&) = delete;
  SecureSink& operator=(const SecureSink&) = delete;

  // A gpgme data object writing into this sink; the sink must outlive it.
  Result<Data> NewData();
  // gpg tried to write more than the capacity; the write failed and the operation with it.
  bool overflowed() const { return overflowed_; }
  // The bytes written, in a buffer of exactly their size; the sink is wiped and empty afterwards.
  secmem::SecureBytes Take();

 private:
  static ssize_t Write(void* handle, const void* buffer, std::size_t size);

  secmem::SecureBytes buffer_;
  std::size_t used_ = 0;
  bool overflowed_ = false;
};

// A gpgme data object that accepts and drops every byte written to it.
Result<Data> NewDiscardingData();

}  // namespace keyrite::pgp
