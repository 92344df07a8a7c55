#include "legacy/vault_check.h"

#include <sodium.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "base/hex.h"
#include "secmem/secure_bytes.h"

namespace keyrite::legacy {
namespace {

constexpr char kPersonal[crypto_generichash_blake2b_PERSONALBYTES + 1] = "keyrite-vaultchk";
static_assert(sizeof(VaultCheck::salt) == crypto_generichash_blake2b_SALTBYTES);

std::array<std::uint8_t, 32> Digest(std::span<const std::uint8_t> secret,
                                    const std::array<std::uint8_t, 16>& salt) {
  std::array<std::uint8_t, 32> out{};
  crypto_generichash_blake2b_salt_personal(out.data(), out.size(), secret.data(), secret.size(),
                                           nullptr, 0, salt.data(),
                                           reinterpret_cast<const unsigned char*>(kPersonal));
  return out;
}

template <std::size_t N>
Result<std::array<std::uint8_t, N>> HexField(const nlohmann::json& j, const char* name,
                                             const std::string& path) {
  if (!j.contains(name) || !j[name].is_string()) {
    return InvalidInput(path + ": no \"" + name + "\" string; not a keyrite Vault check file");
  }
  Result<std::vector<std::uint8_t>> bytes = FromHex(j[name].get<std::string>());
  if (!bytes.ok() || bytes->size() != N) {
    return InvalidInput(path + ": \"" + name + "\" is not " + std::to_string(N) + " bytes of hex");
  }
  std::array<std::uint8_t, N> out{};
  std::copy(bytes->begin(), bytes->end(), out.begin());
  return out;
}

Result<unsigned> UintField(const nlohmann::json& j, const char* name, const std::string& path) {
  if (!j.contains(name) || !j[name].is_number_unsigned() || j[name].get<std::uint64_t>() > 65536) {
    return InvalidInput(path + ": \"" + name + "\" is missing or not a small whole number");
  }
  return j[name].get<unsigned>();
}

Status CheckHeader(const nlohmann::json& j, const std::string& path) {
  if (!j.is_object() || !j.contains("format") || j["format"] != kVaultCheckFormat) {
    return InvalidInput(path + ": not a keyrite Vault check file (no \"format\": \"" +
                        std::string(kVaultCheckFormat) + "\")");
  }
  if (!j.contains("version") || j["version"] != kVaultCheckVersion) {
    return Unsupported(path + ": an unknown check file version; this keyrite reads version " +
                       std::to_string(kVaultCheckVersion));
  }
  return OkStatus();
}

}  // namespace

VaultCheck MakeVaultCheck(std::span<const std::uint8_t> secret, unsigned threshold, unsigned count,
                          Rng& rng) {
  VaultCheck check{threshold, count, secret.size(), {}, {}};
  rng.Fill(check.salt);
  check.digest = Digest(secret, check.salt);
  return check;
}

Status VerifyVaultCheck(const VaultCheck& check, std::span<const std::uint8_t> secret,
                        const std::string& path) {
  if (secret.size() != check.secret_bytes) {
    return Corrupt("the recovered key is " + std::to_string(secret.size()) + " bytes, but " + path +
                   " was made for " + std::to_string(check.secret_bytes) +
                   ": shares of another key, or a check file of another split");
  }
  secmem::Wiped<std::array<std::uint8_t, 32>> digest;
  digest.value = Digest(secret, check.salt);
  if (!secmem::ConstantTimeEqual(digest.value, check.digest)) {
    return Corrupt("the recovered key does not match " + path +
                   ": too few shares, a damaged share, or shares of another key; nothing was "
                   "written");
  }
  return OkStatus();
}

std::string FormatVaultCheck(const VaultCheck& check) {
  const nlohmann::json j = {{"format", kVaultCheckFormat},        {"version", kVaultCheckVersion},
                            {"threshold", check.threshold},       {"shares", check.count},
                            {"secret_bytes", check.secret_bytes}, {"salt", ToHex(check.salt)},
                            {"blake2b", ToHex(check.digest)}};
  return j.dump(2) + "\n";
}

Result<VaultCheck> ParseVaultCheck(std::string_view text, const std::string& path) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return InvalidInput(path + ": not JSON; not a keyrite Vault check file");
  KR_RETURN_IF_ERROR(CheckHeader(j, path));
  VaultCheck check;
  KR_ASSIGN_OR_RETURN(check.threshold, UintField(j, "threshold", path));
  KR_ASSIGN_OR_RETURN(check.count, UintField(j, "shares", path));
  KR_ASSIGN_OR_RETURN(check.secret_bytes, UintField(j, "secret_bytes", path));
  KR_ASSIGN_OR_RETURN(check.salt, HexField<16>(j, "salt", path));
  KR_ASSIGN_OR_RETURN(check.digest, HexField<32>(j, "blake2b", path));
  if (check.threshold < 2 || check.threshold > check.count || check.count > 255) {
    return InvalidInput(path + ": threshold and shares are not 2 <= threshold <= shares <= 255");
  }
  return check;
}

}  // namespace keyrite::legacy
