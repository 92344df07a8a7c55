// libFuzzer target for the legacy share formats (lib/legacy): every line of the input is read as
// an ssss share and as a Vault share, and the whole input as a Vault check file (which, when
// accepted, formats and parses back to the same values). Refusals must be one-line messages.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_util.h"
#include "legacy/ssss.h"
#include "legacy/vault.h"
#include "legacy/vault_check.h"

namespace {

using namespace keyrite;

constexpr std::size_t kMaxLines = 8;

bool AllHexDigits(std::string_view text) {
  return text.find_first_not_of("0123456789abcdefABCDEF") == std::string_view::npos;
}

void ParseLine(std::string_view line) {
  const Result<legacy::SsssShare> ssss = legacy::ParseSsssShare(line, "fuzz");
  if (!ssss.ok()) fuzz::CheckRefusal(ssss.status());
  const Result<legacy::VaultShare> vault = legacy::ParseVaultShare(line, "fuzz");
  if (!vault.ok()) {
    fuzz::CheckRefusal(vault.status());
    return;
  }
  KR_CHECK(vault->bytes.size() >= 2);
  for (const auto encoding : {legacy::VaultEncoding::kBase64, legacy::VaultEncoding::kHex}) {
    const secmem::SecureBytes text = legacy::FormatVaultShare(*vault, encoding);
    // Vault's own ambiguity: base64 made only of hex digits ("90BF") is read as hex, as Vault
    // reads it. Real shares (33 bytes, 44 characters) practically never look like that.
    if (encoding == legacy::VaultEncoding::kBase64 && AllHexDigits(text.view())) continue;
    const Result<legacy::VaultShare> again = legacy::ParseVaultShare(text.view(), "again");
    KR_CHECK(again.ok() && again->bytes.view() == vault->bytes.view());
  }
}

void ParseCheck(std::string_view text) {
  const Result<legacy::VaultCheck> check = legacy::ParseVaultCheck(text, "fuzz");
  if (!check.ok()) {
    fuzz::CheckRefusal(check.status());
    return;
  }
  const Result<legacy::VaultCheck> again =
      legacy::ParseVaultCheck(legacy::FormatVaultCheck(*check), "again");
  KR_CHECK(again.ok() && again->threshold == check->threshold && again->count == check->count &&
           again->secret_bytes == check->secret_bytes && again->salt == check->salt &&
           again->digest == check->digest);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::AsText(data, size);
  for (const std::string_view line : fuzz::Lines(text, kMaxLines)) ParseLine(line);
  ParseCheck(text);
  return 0;
}
