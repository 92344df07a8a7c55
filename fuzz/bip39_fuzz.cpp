// libFuzzer target for BIP-39 mnemonics and derivation paths (keys/bip39.h,
// keys/derivation_path.h): an accepted mnemonic's canonical form is the mnemonic of its entropy,
// and an accepted path formats and parses back to the same steps. Refusals are one-line messages.
#include <cstddef>
#include <cstdint>

#include "fuzz_util.h"
#include "keys/bip39.h"
#include "keys/derivation_path.h"

namespace {

using namespace keyrite;

void CheckMnemonic(std::string_view text) {
  const secmem::SecureBytes mnemonic = secmem::SecureBytes::CopyOf(text);
  const Result<secmem::SecureBytes> entropy = keys::MnemonicToEntropy(mnemonic);
  const Result<secmem::SecureBytes> canonical = keys::CanonicalMnemonic(mnemonic);
  KR_CHECK(entropy.ok() == canonical.ok());
  if (!entropy.ok()) {
    fuzz::CheckRefusal(entropy.status());
    fuzz::CheckRefusal(canonical.status());
    return;
  }
  KR_CHECK(keys::MnemonicFromEntropy(*entropy).view() == canonical->view());
}

void CheckPath(std::string_view text) {
  const Result<keys::DerivationPath> path = keys::ParseDerivationPath(text);
  if (!path.ok()) {
    fuzz::CheckRefusal(path.status());
    return;
  }
  const Result<keys::DerivationPath> again =
      keys::ParseDerivationPath(keys::FormatDerivationPath(*path));
  KR_CHECK(again.ok() && *again == *path);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::AsText(data, size);
  CheckMnemonic(text);
  CheckPath(text);
  return 0;
}
