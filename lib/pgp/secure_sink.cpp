#include "pgp/secure_sink.h"

#include <cerrno>
#include <cstring>

namespace keyrite::pgp {
namespace {

ssize_t Discard(void* /*handle*/, const void* /*buffer*/, std::size_t size) {
  return static_cast<ssize_t>(size);
}

}  // namespace

Result<Data> SecureSink::NewData() {
  // gpgme keeps a pointer to the callback table, so it must be static.
  static gpgme_data_cbs callbacks = {nullptr, &SecureSink::Write, nullptr, nullptr};
  return Data::FromCallbacks(&callbacks, this);
}

ssize_t SecureSink::Write(void* handle, const void* buffer, std::size_t size) {
  auto* sink = static_cast<SecureSink*>(handle);
  if (size > sink->buffer_.size() - sink->used_) {
    sink->overflowed_ = true;
    errno = EFBIG;
    return -1;
  }
  std::memcpy(sink->buffer_.data() + sink->used_, buffer, size);
  sink->used_ += size;
  return static_cast<ssize_t>(size);
}

secmem::SecureBytes SecureSink::Take() {
  secmem::SecureBytes out = buffer_.Slice(0, used_);
  buffer_ = secmem::SecureBytes();  // wipes and unlocks the full-size buffer now
  used_ = 0;
  return out;
}

Result<Data> NewDiscardingData() {
  static gpgme_data_cbs callbacks = {nullptr, &Discard, nullptr, nullptr};
  return Data::FromCallbacks(&callbacks, nullptr);
}

}  // namespace keyrite::pgp
