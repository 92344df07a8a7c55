#pragma once
// keygen: make a key of one kind, or a BIP-39 mnemonic, or derive a key from a mnemonic, and send
// its private part only where the user said: into a t-of-n split (share files) or into one new
// 0600 file. The public parts are returned for printing. A generated password or mnemonic may be
// shown on request and is otherwise never displayed. Randomness is the OS generator, optionally
// mixed with typed dice rolls, or (replay mode, for cross-checking two machines) an entropy file;
// the report says which, and how many rolls were typed, never their values.

#include <optional>
#include <string>

#include "base/rng.h"
#include "base/status.h"
#include "io/prompt.h"
#include "keys/dice.h"
#include "keys/key_material.h"
#include "ops/split.h"

namespace keyrite::ops {

struct KeygenRequest {
  keys::KeyKind kind = keys::KeyKind::kRandom;
  keys::KeyOptions options;
  // --kind bip39: a mnemonic of this many words (12, 15, 18, 21 or 24) instead of a key.
  bool mnemonic = false;
  std::size_t mnemonic_words = 24;
  // --from-mnemonic FILE: derive `kind` (secp256k1 or ed25519) at `path` (empty: the kind's
  // default path) instead of generating; draws no randomness.
  std::string from_mnemonic;
  std::string path;
  io::Prompter* bip39_passphrase = nullptr;  // asks for the BIP-39 passphrase when set
  // Entropy: dice rolls asked through `dice` when set; `entropy_file` replaces the OS generator.
  io::Prompter* dice = nullptr;
  std::string entropy_file;
  std::string split;     // "3of5", or empty
  std::string out;       // the share directory with split, else a new file for the private part
  bool show = false;     // password or mnemonic only: return it for display
};

struct KeygenReport {
  std::string kind_name;               // "secp256k1", ..., or "bip39"
  keys::KeyMaterial key;               // public parts; `secret` is set only when shown
  std::size_t mnemonic_words = 0;      // bip39 only
  std::string derivation_path;         // with --from-mnemonic
  std::size_t dice_rolls = 0;          // how many rolls were mixed in (0: no dice)
  bool entropy_replayed = false;       // the randomness came from --entropy-file
  std::optional<SplitReport> split;    // when split
  std::string out_file;                // when written to a file
};

Result<KeygenReport> Keygen(const KeygenRequest& request, Rng& rng);

// Asks at `prompter` for at least `needed` die rolls (echo off), three tries; only their count
// is ever told back. keygen and keystore add/allocate --dice use it.
Result<keys::DiceRolls> AskDiceRolls(io::Prompter& prompter, std::size_t needed);

// The dice rolls a request needs: enough for its entropy (see keys/dice.h).
std::size_t DiceRollsNeeded(const KeygenRequest& request);

// "3of5" -> {3, 5}; InvalidArgument otherwise.
Result<std::pair<std::uint8_t, std::uint8_t>> ParseSplitSpec(std::string_view spec);

}  // namespace keyrite::ops
