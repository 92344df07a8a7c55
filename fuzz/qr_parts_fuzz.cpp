// libFuzzer target for multi-part QR payloads (paper/qr_parts.h): each line of the input is a
// scanned payload, read as a part or a page marker; the parts are collected and reassembled.
// Refusals must be one-line messages; a reassembled payload holds every part's bytes.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "fuzz_util.h"
#include "paper/qr_parts.h"

namespace {

using namespace keyrite;

constexpr std::size_t kMaxPayloads = 16;

std::span<const std::uint8_t> Bytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  paper::PartCollector collector;
  std::size_t n = 0;
  for (const std::string_view line : fuzz::Lines(fuzz::AsText(data, size), kMaxPayloads)) {
    const std::string origin = "image " + std::to_string(++n);
    if (paper::IsPageMarkerPayload(Bytes(line))) {
      const Result<paper::PartHeader> marker = paper::ParsePageMarker(Bytes(line));
      if (!marker.ok()) fuzz::CheckRefusal(marker.status());
      continue;
    }
    Result<paper::Part> part = paper::ParsePart(Bytes(line));
    if (!part.ok()) {
      fuzz::CheckRefusal(part.status());
      continue;
    }
    KR_CHECK(!part->header.Describe().empty());
    const Status added = collector.Add(origin, std::move(part).value());
    if (!added.ok()) fuzz::CheckRefusal(added);
  }
  const Result<std::vector<paper::AssembledPayload>> whole = collector.Finish();
  if (!whole.ok()) fuzz::CheckRefusal(whole.status());
  return 0;
}
