// libFuzzer target for the PGM stream reader (paper/pgm_stream.h), which reads the pages that
// pdftoppm writes to a pipe. The input is put in an in-memory file and read through its
// descriptor as one stream of images; any bytes give images within the bounds or a one-line
// refusal.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>

#include "fuzz_util.h"
#include "paper/pgm_stream.h"

namespace {

using namespace keyrite;

int InputFd() {
  static const int fd = memfd_create("keyrite-fuzz-pgm", 0);
  KR_CHECK(fd >= 0);
  return fd;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > (1u << 20)) return -1;
  const int fd = InputFd();
  KR_CHECK(ftruncate(fd, 0) == 0);
  KR_CHECK(pwrite(fd, data, size, 0) == static_cast<ssize_t>(size));
  KR_CHECK(lseek(fd, 0, SEEK_SET) == 0);
  paper::PgmStream stream(fd);
  for (;;) {
    const Result<bool> more = stream.HasNext();
    if (!more.ok()) {
      fuzz::CheckRefusal(more.status());
      return 0;
    }
    if (!*more) break;
    const Result<paper::GrayImage> image = stream.Next();
    if (!image.ok()) {
      fuzz::CheckRefusal(image.status());
      return 0;
    }
    KR_CHECK(image->width * image->height <= paper::kMaxWorkingPixels);
    KR_CHECK(stream.images_read() <= paper::kMaxPgmPages);
  }
  KR_CHECK(stream.at_end());
  return 0;
}
