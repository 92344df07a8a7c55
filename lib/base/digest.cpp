#include "base/digest.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "base/sha256_stream.h"

namespace keyrite {

// Callers may hash secret bytes (digest.h): Final() wipes the state on the stack.
Sha256Digest Sha256(std::span<const std::uint8_t> data) {
  alignas(Sha256Stream::kStateAlign) std::uint8_t state[Sha256Stream::kStateBytes];
  Sha256Stream hash(state);
  hash.Update(data);
  return hash.Final();
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
  alignas(Sha256Stream::kStateAlign) std::uint8_t state[Sha256Stream::kStateBytes];
  Sha256Stream hash(state);
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
    hash.Update(std::span(buf, static_cast<std::size_t>(n)));
  }
  close(fd);
  return hash.Final();
}

}  // namespace keyrite
