// libFuzzer target for binary share file headers (stream/share_file_format.h): any bytes are
// either refused with a message or give a header that encodes back to exactly those 32 bytes.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>

#include "fuzz_util.h"
#include "stream/share_file_format.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace keyrite;
  const std::span<const std::uint8_t> bytes(data, size);
  const Result<stream::ShareFileHeader> header = stream::ParseShareFileHeader(bytes);
  if (!header.ok()) {
    fuzz::CheckRefusal(header.status());
    return 0;
  }
  KR_CHECK(size >= stream::kShareFileHeaderBytes);
  const auto encoded = stream::EncodeShareFileHeader(*header);
  KR_CHECK(std::equal(encoded.begin(), encoded.end(), data));
  return 0;
}
