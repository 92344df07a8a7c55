#include "pgp/gpgme_data.h"

#include <cstdio>
#include <utility>

#include "pgp/gpg_error.h"

namespace keyrite::pgp {

Result<Data> Data::Borrow(std::span<const std::uint8_t> bytes) {
  KR_RETURN_IF_ERROR(EnsureGpgme());
  gpgme_data_t data = nullptr;
  // copy = 0: gpgme reads the caller's buffer in place and never copies or frees it.
  KR_RETURN_IF_ERROR(FromGpgError(
      gpgme_data_new_from_mem(&data, reinterpret_cast<const char*>(bytes.data()), bytes.size(), 0),
      {.action = "preparing data for gpg"}));
  return Data(data);
}

Result<Data> Data::NewPublic() {
  KR_RETURN_IF_ERROR(EnsureGpgme());
  gpgme_data_t data = nullptr;
  KR_RETURN_IF_ERROR(FromGpgError(gpgme_data_new(&data), {.action = "preparing data for gpg"}));
  return Data(data);
}

Result<Data> Data::FromCallbacks(gpgme_data_cbs* cbs, void* handle) {
  KR_RETURN_IF_ERROR(EnsureGpgme());
  gpgme_data_t data = nullptr;
  KR_RETURN_IF_ERROR(FromGpgError(gpgme_data_new_from_cbs(&data, cbs, handle),
                                  {.action = "preparing data for gpg"}));
  return Data(data);
}

Data::~Data() { Release(); }

Data::Data(Data&& other) noexcept : data_(std::exchange(other.data_, nullptr)) {}

Data& Data::operator=(Data&& other) noexcept {
  if (this != &other) {
    Release();
    data_ = std::exchange(other.data_, nullptr);
  }
  return *this;
}

void Data::Release() {
  if (data_ != nullptr) gpgme_data_release(std::exchange(data_, nullptr));
}

Status Data::Rewind() {
  if (gpgme_data_seek(data_, 0, SEEK_SET) != 0) {
    return Internal("gpgme could not rewind its data buffer");
  }
  return OkStatus();
}

std::string Data::TakePublicBytes() {
  std::size_t size = 0;
  char* bytes = gpgme_data_release_and_get_mem(std::exchange(data_, nullptr), &size);
  std::string out(bytes == nullptr ? "" : std::string(bytes, size));
  gpgme_free(bytes);
  return out;
}

}  // namespace keyrite::pgp
