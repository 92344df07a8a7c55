// libFuzzer target for shard-set manifests (shards/manifest.h): ParseManifest refuses bad JSON
// with a message, and whatever it accepts can be formatted (FormatManifest aborts on an
// inconsistent manifest) and parsed back to the same manifest.
#include <cstddef>
#include <cstdint>

#include "fuzz_util.h"
#include "shards/manifest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace keyrite;
  const Result<shards::Manifest> parsed = shards::ParseManifest(fuzz::AsText(data, size), "fuzz");
  if (!parsed.ok()) {
    fuzz::CheckRefusal(parsed.status());
    return 0;
  }
  const Result<shards::Manifest> again =
      shards::ParseManifest(shards::FormatManifest(*parsed), "again");
  KR_CHECK(again.ok() && *again == *parsed);
  return 0;
}
