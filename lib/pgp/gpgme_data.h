#pragma once
// Data: the owning, move-only handle of one gpgme_data_t (lib/pgp's own .cpp files only).
// Borrow() wraps caller memory without copying (the memory must outlive the Data), so a secret
// passed in from SecureBytes is never copied into a malloc'd gpgme buffer. NewPublic() lets gpgme
// allocate: use it only for public bytes (ciphertext, certificates).

#include <gpgme.h>

#include <cstdint>
#include <span>
#include <string>

#include "base/status.h"

namespace keyrite::pgp {

class Data {
 public:
  static Result<Data> Borrow(std::span<const std::uint8_t> bytes);
  static Result<Data> NewPublic();
  // Reads and writes go to `cbs` with `handle`; both must outlive the Data.
  static Result<Data> FromCallbacks(gpgme_data_cbs* cbs, void* handle);

  ~Data();
  Data(Data&& other) noexcept;
  Data& operator=(Data&& other) noexcept;
  Data(const Data&) = delete;
  Data& operator=(const Data&) = delete;

  gpgme_data_t get() const { return data_; }
  // Rewinds so the same bytes can be read by a second operation.
  Status Rewind();
  // The bytes written into a NewPublic() Data; the Data is empty afterwards.
  std::string TakePublicBytes();

 private:
  explicit Data(gpgme_data_t data) : data_(data) {}
  void Release();

  gpgme_data_t data_ = nullptr;
};

}  // namespace keyrite::pgp
