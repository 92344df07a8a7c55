// libFuzzer target for Ethereum keystore v3 files (keys/keystore_v3.h). DecryptKeystoreV3 has no
// cost parameter, and a valid file may legitimately ask for 1 GiB of scrypt, so this harness
// skips inputs whose KDF costs more than a few milliseconds (read the same way the library reads
// them); everything else, parsing, limits, MAC, decryption and address check, is fuzzed.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "base/rng.h"
#include "fuzz_util.h"
#include "keys/keystore_v3.h"

namespace {

using namespace keyrite;
using Json = nlohmann::json;

constexpr std::uint64_t kMaxFuzzScryptN = 1024;
constexpr std::uint64_t kMaxFuzzScryptR = 8;
constexpr std::uint64_t kMaxFuzzScryptP = 1;
constexpr std::uint64_t kMaxFuzzPbkdf2Iterations = 1024;

bool TooLarge(const Json& params, const char* name, std::uint64_t max) {
  if (!params.contains(name)) return false;
  const Json& v = params.at(name);
  return v.is_number_unsigned() && v.get<std::uint64_t>() > max;
}

// Whether the KDF of `text` is cheap, or the library refuses the file before running it.
bool CheapEnough(std::string_view text) {
  const Json j = Json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return true;
  const char* crypto_name = j.contains("crypto") ? "crypto" : "Crypto";
  if (!j.contains(crypto_name) || !j.at(crypto_name).is_object()) return true;
  const Json& crypto = j.at(crypto_name);
  if (!crypto.contains("kdfparams") || !crypto.at("kdfparams").is_object()) return true;
  const Json& params = crypto.at("kdfparams");
  return !TooLarge(params, "n", kMaxFuzzScryptN) && !TooLarge(params, "r", kMaxFuzzScryptR) &&
         !TooLarge(params, "p", kMaxFuzzScryptP) &&
         !TooLarge(params, "c", kMaxFuzzPbkdf2Iterations);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::AsText(data, size);
  if (!CheapEnough(text)) return -1;  // not added to the corpus
  const secmem::SecureBytes passphrase = secmem::SecureBytes::CopyOf(std::string_view("fuzz"));
  SeededRng rng(1);
  const Result<keys::KeystoreV3Key> key = keys::DecryptKeystoreV3(text, passphrase, rng);
  if (!key.ok()) {
    fuzz::CheckRefusal(key.status());
    return 0;
  }
  KR_CHECK(key->private_key.size() == 32 && key->address.size() == 42);
  return 0;
}
