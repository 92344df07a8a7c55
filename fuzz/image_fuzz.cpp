// libFuzzer target for the PNG and JPEG decoders (paper/image_decoders.h). They read files, not
// memory, so the input is decoded from an in-memory file (fuzz::InputPath); PDF is not fuzzed.
// Any bytes give an image or a one-line refusal.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "fuzz_util.h"
#include "paper/image_decoders.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace keyrite;
  const bool png = size >= 8 && std::memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0;
  const bool jpeg = size >= 3 && std::memcmp(data, "\xff\xd8\xff", 3) == 0;
  if (!png && !jpeg) return -1;
  const std::string path = fuzz::InputPath(data, size);
  const Result<paper::GrayImage> image =
      png ? paper::DecodePngFile(path) : paper::DecodeJpegFile(path);
  if (!image.ok()) {
    fuzz::CheckRefusal(image.status());
    return 0;
  }
  KR_CHECK(image->width * image->height <= paper::kMaxWorkingPixels);
  return 0;
}
