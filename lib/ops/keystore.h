#pragma once
// keystore: keys kept sealed by an unsealer. Adding, importing, exporting, allocating and
// releasing need a quorum sitting (ops/quorum.h); listing and the assignments need none. A secret
// leaves the unsealer only encrypted to a recipient's certificate (ops/deliver.h); passwords made
// for a recipient are never displayed.

#include <cstdint>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/rng.h"
#include "base/status.h"
#include "keys/key_kind.h"
#include "keys/key_material.h"
#include "ops/deliver.h"
#include "ops/keystore_derive.h"
#include "ops/quorum.h"
#include "unsealer/keystore.h"

namespace keyrite::ops {

struct AddKeysRequest {
  std::string dir;
  QuorumSources quorum;
  std::vector<std::string> names;  // one entry each, all of `kind`, in one sitting
  keys::KeyKind kind = keys::KeyKind::kSecp256k1;
  keys::KeyOptions options = {};
  Recipients deliver_to = {};  // each gets every new key, encrypted to them
  std::string deliver_dir = {};
  // Derive instead of generating (ops/keystore_derive.h): from this bip39 entry, at `path`
  // ("{i}" for the index when several names are given; empty: the kind's default).
  std::string from_seed = {};
  std::string path = {};
  io::Prompter* dice = nullptr;  // --dice: rolls asked here, mixed with the OS generator
};

struct KeystoreReport {
  std::vector<unsealer::KeyEntry> entries;  // the entries added, exported, allocated or released
  std::vector<Delivered> delivered = {};
  std::vector<UsedShare> used = {};
  std::size_t reused = 0;  // allocate: entries handed out again after a release
};

Result<KeystoreReport> AddKeys(const AddKeysRequest& request, Rng& rng, Clock& clock);

struct ImportKeyRequest {
  std::string dir;
  QuorumSources quorum;
  std::string name;
  keys::KeyKind kind = keys::KeyKind::kSecp256k1;
  std::string input = "-";  // a file, "-" (standard input), or an OpenPGP message to decrypt
  io::Prompter* typed = nullptr;  // when set, the secret is typed here instead (echo off)
};
Result<KeystoreReport> ImportKey(const ImportKeyRequest& request, Rng& rng, Clock& clock);

struct ExportRequest {
  std::string dir;
  QuorumSources quorum;
  std::vector<std::string> names;  // or:
  std::string holder;              // every key this holder has
  Recipients to;                   // exactly one certificate
  std::string out;                 // a new file
};
Result<KeystoreReport> ExportKeys(const ExportRequest& request, Clock& clock);

struct AllocateRequest {
  std::string dir;
  QuorumSources quorum;
  std::string holder;
  std::size_t count = 0;
  keys::KeyKind kind = keys::KeyKind::kSecp256k1;
  Recipients to;    // the holder's certificate
  std::string out;  // a new file: the keys, encrypted to the holder
  // New keys derived from this bip39 entry at the free indexes of `path_template` (empty: the
  // kind's default, ops/keystore_derive.h); only released keys of the same seed are reused.
  std::string from_seed = {};
  std::string path_template = {};
  io::Prompter* dice = nullptr;  // --dice: rolls asked here, mixed with the OS generator
};
Result<KeystoreReport> AllocateKeys(const AllocateRequest& request, Rng& rng, Clock& clock);

Result<KeystoreReport> ReleaseKeys(const std::string& dir, const QuorumSources& quorum,
                                   const std::string& holder, Clock& clock);

// No quorum: the entries as they are (all, or only pool entries held by someone).
Result<std::vector<unsealer::KeyEntry>> ListKeys(const std::string& dir, bool held_only);

}  // namespace keyrite::ops
