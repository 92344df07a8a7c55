// libFuzzer target for key text import (keys/key_text.h): ParseSecretText, for every key kind,
// refuses bad text with a message and never crashes; an accepted secret is non-empty.
#include <cstddef>
#include <cstdint>

#include "fuzz_util.h"
#include "keys/key_text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace keyrite;
  const secmem::SecureBytes text = secmem::SecureBytes::CopyOf(fuzz::AsText(data, size));
  for (const keys::KeyKind kind : {keys::KeyKind::kSecp256k1, keys::KeyKind::kEd25519,
                                   keys::KeyKind::kRandom, keys::KeyKind::kPassword}) {
    const Result<secmem::SecureBytes> secret = keys::ParseSecretText(kind, text, "fuzz");
    if (!secret.ok()) {
      fuzz::CheckRefusal(secret.status());
      continue;
    }
    KR_CHECK(!secret->empty());
  }
  return 0;
}
