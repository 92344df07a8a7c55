// libFuzzer target for share files (share_file.h): ParseShareText must never crash on arbitrary
// text, and every share it accepts must survive FormatShareFile and a second parse unchanged.
#include <cstddef>
#include <cstdint>

#include "fuzz_util.h"
#include "share/share_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace keyrite;
  const Result<std::vector<share::SourcedShare>> parsed =
      share::ParseShareText("fuzz", fuzz::AsText(data, size));
  if (!parsed.ok()) {
    fuzz::CheckRefusal(parsed.status());
    return 0;
  }
  for (const share::SourcedShare& s : *parsed) {
    const secmem::SecureBytes file = share::FormatShareFile(s.share, 255);
    const Result<std::vector<share::SourcedShare>> again =
        share::ParseShareText("again", file.view());
    KR_CHECK(again.ok() && again->size() == 1);
    const share::Share& back = (*again)[0].share;
    KR_CHECK(back.set_id == s.share.set_id && back.threshold == s.share.threshold &&
             back.index == s.share.index && back.payload.view() == s.share.payload.view());
  }
  return 0;
}
