// libFuzzer target for the PNG and JPEG decoders (paper/image_decoders.h). They read files, not
// memory, so the input is written to an in-memory file (memfd) and decoded through its
// /proc/self/fd path; PDF is not fuzzed. Any bytes give an image or a one-line refusal.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "fuzz_util.h"
#include "paper/image_decoders.h"

namespace {

using namespace keyrite;

// One memfd for the whole run, rewritten for each input.
int InputFd() {
  static const int fd = memfd_create("keyrite-fuzz-image", 0);
  KR_CHECK(fd >= 0);
  return fd;
}

std::string WriteInput(const std::uint8_t* data, std::size_t size) {
  const int fd = InputFd();
  KR_CHECK(ftruncate(fd, 0) == 0);
  KR_CHECK(pwrite(fd, data, size, 0) == static_cast<ssize_t>(size));
  return "/proc/self/fd/" + std::to_string(fd);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const bool png = size >= 8 && std::memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0;
  const bool jpeg = size >= 3 && std::memcmp(data, "\xff\xd8\xff", 3) == 0;
  if (!png && !jpeg) return -1;
  const std::string path = WriteInput(data, size);
  const Result<paper::GrayImage> image =
      png ? paper::DecodePngFile(path) : paper::DecodeJpegFile(path);
  if (!image.ok()) {
    fuzz::CheckRefusal(image.status());
    return 0;
  }
  KR_CHECK(image->width * image->height <= paper::kMaxWorkingPixels);
  return 0;
}
