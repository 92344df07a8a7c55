// libFuzzer target for the Vault raft snapshot inspector (snapshot/vault.h). A raft snapshot is a
// gzip'd tar, and gzip's checksum turns almost every mutation of the compressed bytes away before
// the tar reader or keyrite's checks see it, so the harness takes the input as the tar itself and
// gzips it (zlib) before inspecting; an input that is already gzip data is inspected as it is.
// Any bytes give a report within the inspector's bounds or a one-line refusal.
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_util.h"
#include "snapshot/vault.h"

namespace {

std::vector<std::uint8_t> Gzip(const std::uint8_t* data, std::size_t size) {
  z_stream z{};
  KR_CHECK(deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::vector<std::uint8_t> out(deflateBound(&z, size) + 32);
  z.next_in = const_cast<std::uint8_t*>(data);
  z.avail_in = static_cast<uInt>(size);
  z.next_out = out.data();
  z.avail_out = static_cast<uInt>(out.size());
  KR_CHECK(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace keyrite;
  if (size > (1u << 20)) return -1;
  const bool gzipped = size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
  const std::vector<std::uint8_t> archive =
      gzipped ? std::vector<std::uint8_t>(data, data + size) : Gzip(data, size);
  const Result<snapshot::VaultSnapshotReport> report =
      snapshot::InspectVaultSnapshot(fuzz::InputPath(archive.data(), archive.size()));
  if (!report.ok()) {
    fuzz::CheckRefusal(report.status());
    return 0;
  }
  KR_CHECK(report->members.size() == 4);
  KR_CHECK(!report->meta_json.empty());
  for (const snapshot::VaultMember& m : report->members) {
    if (m.name == "state.bin") KR_CHECK(m.size == report->state_bytes);
  }
  return 0;
}
