#include "base/digest.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace keyrite {

Sha256Digest Sha256(std::span<const std::uint8_t> data) {
  Sha256Digest out{};
  crypto_hash_sha256(out.data(), data.data(), data.size());
  return out;
}

Sha256Digest Sha256(std::string_view data) {
  return Sha256(std::span(reinterpret_cast<const std::uint8_t*>(data.data()), data.size()));
}

Result<Sha256Digest> Sha256File(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOENT) return NotFound(path + ": no such file");
    return IoError(path + ": " + std::strerror(err));
  }
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  std::uint8_t buf[1 << 16];
  for (;;) {
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      close(fd);
      return IoError(path + ": " + std::strerror(err));
    }
    crypto_hash_sha256_update(&st, buf, static_cast<unsigned long long>(n));
  }
  close(fd);
  Sha256Digest out{};
  crypto_hash_sha256_final(&st, out.data());
  return out;
}

}  // namespace keyrite
