#pragma once
// Other tools' share formats on the command line: `combine --format ssss|vault` recovers a secret
// from ssss-split shares or HashiCorp Vault unseal-key shares (plain, or PGP-encrypted as
// `vault operator init -pgp-keys` writes them, decrypted through gpg-agent), and
// `split --format vault|vault-hex` writes Vault shares plus a public check file. Share text and
// the secret stay in SecureBytes; the same output rules as native combine and split apply.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/rng.h"
#include "base/status.h"
#include "ops/combine.h"
#include "ops/split.h"

namespace keyrite::ops {

enum class ShareFormat { kKeyrite, kSsss, kVault, kVaultHex };

// "keyrite" (or ""), "ssss", "vault", "vault-hex"; InvalidArgument naming the choices otherwise.
Result<ShareFormat> ParseShareFormat(std::string_view name);

// The file Vault splits write their check value to, beside the shares.
inline constexpr std::string_view kVaultCheckFileName = "vault-check.json";

struct LegacyCombineOptions {
  ShareFormat format = ShareFormat::kSsss;
  unsigned threshold = 0;  // -t: required for ssss; for vault optional (the check file has it)
  bool diffusion = true;   // ssss: false for shares made with ssss-split -D
  std::string check_file;  // vault: the check file `split --format vault` wrote
};

struct LegacyCombineReport {
  std::string format;               // "ssss" or "vault"
  unsigned threshold = 0;           // 0: not known (vault without -t or a check file)
  std::vector<std::string> shares;  // where each share came from, in order
  std::size_t secret_bytes = 0;
  std::string output;                 // the file written, or "-"
  bool checked = false;               // vault: the check value matched
  std::vector<std::string> warnings;  // for the CLI to print loudly
};

// Inputs: files of share lines ("-" for standard input); blank lines and lines starting with
// '#' are skipped; Vault lines may keep the "Unseal Key N: " prefix `vault operator init` prints.
// --typed, --scan and --manifest do not apply (InvalidArgument).
Result<LegacyCombineReport> CombineLegacy(const CombineRequest& request,
                                          const LegacyCombineOptions& options);

struct LegacySplitReport {
  unsigned threshold = 0;
  unsigned count = 0;
  std::size_t secret_bytes = 0;
  std::vector<std::string> files;  // vault-share-I-of-N.txt (0600), in order
  std::string check_file;          // vault-check.json (0644, public)
};

// Vault shares into request.output (a directory, created 0700 if missing), each recombined and
// checked against the check value before anything is written; all files or none.
Result<LegacySplitReport> SplitLegacy(const SplitRequest& request, ShareFormat format, Rng& rng);

}  // namespace keyrite::ops
