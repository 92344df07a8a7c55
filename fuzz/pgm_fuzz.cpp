// libFuzzer target for the PGM stream reader (paper/pgm_stream.h), which reads the pages that
// pdftoppm writes to a pipe. The input is put in an in-memory file and read through its
// descriptor as one stream of images; any bytes give images within the bounds or a one-line
// refusal.
#include <cstddef>
#include <cstdint>

#include "fuzz_util.h"
#include "paper/pgm_stream.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace keyrite;
  if (size > (1u << 20)) return -1;
  paper::PgmStream stream(fuzz::InputFd(data, size));
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
