#pragma once
// Where `keystore add` and `keystore allocate` get a new key: generated from the Rng, or derived
// from a bip39 entry of the same keystore (BIP-32 for secp256k1, SLIP-10 hardened-only for
// ed25519). The seed is secret and held only inside a KeySource; the path and the seed entry's
// name are public and are recorded in each derived entry so the derivation can be re-checked.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/rng.h"
#include "base/status.h"
#include "io/prompt.h"
#include "keys/dice.h"
#include "keys/key_material.h"
#include "secmem/secure_bytes.h"
#include "unsealer/keystore.h"

namespace keyrite::ops {

// "{i}" in a path template stands for the key's index (0, 1, ...).
inline constexpr std::string_view kPathIndex = "{i}";

// The default template for allocating derived keys of `kind`: m/44'/60'/0'/0/{i} for secp256k1
// (one Ethereum account per index), m/44'/1729'/{i}'/0' for ed25519 (one Tezos account each).
std::string DefaultPathTemplate(keys::KeyKind kind);

// `path_template` with "{i}" replaced by `index` (unchanged when it has none).
std::string PathForIndex(std::string_view path_template, std::size_t index);

class KeySource {
 public:
  // Generation: every key from `rng` with `options`.
  static KeySource Generating(keys::KeyKind kind, keys::KeyOptions options);
  // Derivation from the bip39 entry `seed_name` among `entries`, opened with the keystore key.
  // NotFound when there is no such entry, InvalidArgument when it is not a bip39 entry or `kind`
  // cannot be derived (random, password, bip39), Corrupt when the entry does not open.
  static Result<KeySource> Deriving(keys::KeyKind kind, const std::vector<unsealer::KeyEntry>& entries,
                                    std::string_view seed_name, const secmem::SecureBytes& keystore_key,
                                    std::string_view unsealer_id);

  bool derives() const { return !seed_name_.empty(); }
  // --dice: asks at `prompter` for enough rolls for one key of this kind and mixes them with 32
  // bytes of `os` (keys/dice.h) for every key generated after. InvalidArgument when deriving.
  Status MixDice(io::Prompter& prompter, Rng& os);
  std::size_t dice_rolls() const { return dice_rolls_; }  // public: how many, never which
  // The next key: generated (from the dice-mixed generator when set, else `rng`), or derived at
  // `path` (`rng` then only blinds).
  Result<keys::KeyMaterial> Make(std::string_view path, Rng& rng);
  // The next path of `path_template` not yet derived from this seed: the lowest free index for
  // "{i}"; the path itself otherwise, AlreadyExists naming the entry that has it.
  // One template per source: the search resumes after the index last returned.
  Result<std::string> NextPath(std::string_view path_template);
  // Records the derivation (seed name, path) in a sealed entry and marks the path taken;
  // nothing for generated keys.
  void Record(unsealer::KeyEntry& entry, std::string_view path);

 private:
  KeySource(keys::KeyKind kind, keys::KeyOptions options) : kind_(kind), options_(options) {}
  keys::KeyKind kind_;
  keys::KeyOptions options_;
  std::string seed_name_;
  secmem::SecureBytes seed_;  // the 64-byte BIP-39 seed (empty passphrase)
  std::map<std::string, std::string, std::less<>> taken_;  // path -> entry derived there
  std::size_t next_index_ = 0;
  std::optional<keys::MixedRng> mixed_;
  std::size_t dice_rolls_ = 0;
};

// InvalidArgument unless `path_template` has "{i}" exactly once when `count` keys need distinct
// paths (count > 1), and at most once otherwise.
Status CheckPathTemplate(std::string_view path_template, std::size_t count);

// A generating source when `from_seed` is empty, else Deriving(...) from the sitting's entries.
Result<KeySource> OpenKeySource(keys::KeyKind kind, const keys::KeyOptions& options,
                                std::string_view from_seed,
                                const std::vector<unsealer::KeyEntry>& entries,
                                const secmem::SecureBytes& keystore_key,
                                std::string_view unsealer_id);

// The path template a request uses: `path` when given, else the kind's default path for one key
// (keys/hd_derive.h) or DefaultPathTemplate for several. InvalidArgument for --path without
// --from-seed, or a template CheckPathTemplate refuses.
Result<std::string> ChoosePathTemplate(keys::KeyKind kind, std::string_view from_seed,
                                       std::string_view path, std::size_t count);

}  // namespace keyrite::ops
