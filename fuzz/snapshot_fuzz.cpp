// libFuzzer target for snapshot files (snapshot/format.h, snapshot/snapshot.h): the header parser
// on its own (an accepted header encodes back to the same bytes), then the whole file read from
// an in-memory file as `snapshot verify` and `verify --test` read it, with the fixed keys of
// snapshot_keys.h. Any bytes give a verified snapshot or a one-line refusal; only what verifies
// with the public key may decrypt, and what verifies must decrypt.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <span>
#include <string>
#include <vector>

#include "fuzz_util.h"
#include "snapshot/format.h"
#include "snapshot/snapshot.h"
#include "snapshot_keys.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace keyrite;
  if (size > (1u << 20)) return -1;
  const std::span<const std::uint8_t> bytes(data, size);
  const Result<std::uint64_t> header_bytes =
      snapshot::HeaderBytesFrom(bytes.first(std::min(size, snapshot::kFixedHeaderBytes)));
  if (!header_bytes.ok()) {
    fuzz::CheckRefusal(header_bytes.status());
  } else if (*header_bytes <= size) {
    const std::span<const std::uint8_t> header = bytes.first(*header_bytes);
    const Result<snapshot::Header> parsed = snapshot::ParseHeader(header);
    if (!parsed.ok()) {
      fuzz::CheckRefusal(parsed.status());
    } else {
      const std::vector<std::uint8_t> encoded = snapshot::EncodeHeader(*parsed);
      KR_CHECK(std::equal(encoded.begin(), encoded.end(), header.begin(), header.end()));
    }
  }

  const fuzz::SnapshotKeys& keys = fuzz::FixedSnapshotKeys();
  const std::string path = fuzz::InputPath(data, size);
  const Result<snapshot::Header> shown = snapshot::ReadSnapshotHeader(path);
  if (!shown.ok()) fuzz::CheckRefusal(shown.status());
  const Result<snapshot::SnapshotInfo> verified =
      snapshot::VerifySnapshot(path, keys.signer, fuzz::kSnapshotUnsealerId);
  const Result<snapshot::SnapshotInfo> tested =
      snapshot::TestSnapshot(path, keys.snapshot_key, keys.signer, fuzz::kSnapshotUnsealerId);
  if (!verified.ok()) {
    fuzz::CheckRefusal(verified.status());
    KR_CHECK(!tested.ok());
    fuzz::CheckRefusal(tested.status());
  } else {
    KR_CHECK(shown.ok());
    KR_CHECK(verified->file_bytes == size);
    if (!tested.ok()) {
      std::fprintf(stderr, "verifies but does not decrypt: %s\n",
                   tested.status().message().c_str());
    }
    KR_CHECK(tested.ok());
    KR_CHECK(tested->snapshot_digest == verified->snapshot_digest);
  }
  return 0;
}
