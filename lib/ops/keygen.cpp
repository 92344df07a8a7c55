#include "ops/keygen.h"

#include <charconv>
#include <cmath>

#include "io/files.h"
#include "keys/bip39.h"
#include "keys/dice.h"
#include "keys/hd_derive.h"

namespace keyrite::ops {
namespace {

constexpr std::size_t kMaxMnemonicFileBytes = 4096;
constexpr std::size_t kMaxEntropyFileBytes = std::size_t{1} << 20;
constexpr int kDiceAttempts = 3;

bool Derives(const KeygenRequest& r) { return !r.from_mnemonic.empty(); }

bool Showable(const KeygenRequest& r) {
  return r.mnemonic || (r.kind == keys::KeyKind::kPassword && !Derives(r));
}

Status CheckDestination(const KeygenRequest& r) {
  if (r.show && !Showable(r)) {
    return InvalidArgument("--show is only for passwords and mnemonics; other secrets go to "
                           "--split or --out");
  }
  if (r.out.empty() && !(r.show && r.split.empty())) {
    return InvalidArgument("say where the private part goes: --split TofN --out DIR, or --out FILE");
  }
  if (!r.out.empty() && r.split.empty() && io::PathExists(r.out)) {
    return AlreadyExists(r.out + ": already exists; nothing was overwritten");
  }
  return OkStatus();
}

Status CheckDerivation(const KeygenRequest& r) {
  const bool hd_kind = r.kind == keys::KeyKind::kSecp256k1 || r.kind == keys::KeyKind::kEd25519;
  if (r.mnemonic) return InvalidArgument("--kind bip39 makes a mnemonic; --from-mnemonic derives "
                                         "a key from one: use one of them");
  if (!hd_kind) return InvalidArgument("--from-mnemonic derives secp256k1 or ed25519 keys only");
  if (r.dice != nullptr || !r.entropy_file.empty()) {
    return InvalidArgument("--from-mnemonic draws no randomness; --dice and --entropy-file do "
                           "not apply to it");
  }
  return OkStatus();
}

Status CheckCombination(const KeygenRequest& r) {
  if (Derives(r)) return CheckDerivation(r);
  if (!r.path.empty()) return InvalidArgument("--path needs --from-mnemonic FILE");
  if (r.bip39_passphrase != nullptr) {
    return InvalidArgument("a BIP-39 passphrase is only used with --from-mnemonic");
  }
  if (r.mnemonic) return keys::Bip39EntropyBytes(r.mnemonic_words).status();
  return OkStatus();
}

bool ParseByte(std::string_view text, std::uint8_t& out) {
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value > 255) return false;
  out = static_cast<std::uint8_t>(value);
  return true;
}

// The entropy a request draws, in bits (the dice must reach it, up to 256).
std::size_t EntropyBits(const KeygenRequest& r) {
  if (r.mnemonic) return r.mnemonic_words / 3 * 32;
  switch (r.kind) {
    case keys::KeyKind::kBip39:
      return r.options.mnemonic_words / 3 * 32;
    case keys::KeyKind::kSecp256k1:
    case keys::KeyKind::kEd25519:
      return 256;
    case keys::KeyKind::kRandom:
      return r.options.random_bytes * 8;
    case keys::KeyKind::kPassword:
      return static_cast<std::size_t>(std::ceil(
          static_cast<double>(r.options.password_length) *
          std::log2(static_cast<double>(keys::kPasswordAlphabet.size()))));
  }
  return 256;
}

// The generator a request draws from, when it is not the OS generator alone.
Result<std::optional<keys::MixedRng>> MixedSource(const KeygenRequest& r, Rng& os,
                                                  KeygenReport& report) {
  std::optional<keys::DiceRolls> rolls;
  if (r.dice != nullptr) {
    KR_ASSIGN_OR_RETURN(rolls, AskDiceRolls(*r.dice, DiceRollsNeeded(r)));
    report.dice_rolls = rolls->count;
  }
  const keys::DiceRolls* dice = rolls ? &*rolls : nullptr;
  if (!r.entropy_file.empty()) {
    KR_ASSIGN_OR_RETURN(const secmem::SecureBytes bytes,
                        io::ReadSecretFile(r.entropy_file, kMaxEntropyFileBytes));
    Result<keys::MixedRng> replay = keys::MixedRng::FromEntropyFile(bytes, dice);
    if (!replay.ok()) return replay.status().WithContext(r.entropy_file);
    report.entropy_replayed = true;
    return std::optional<keys::MixedRng>(std::move(replay).value());
  }
  if (dice == nullptr) return std::optional<keys::MixedRng>();
  return std::optional<keys::MixedRng>(keys::MixedRng::FromOs(os, dice));
}

Result<keys::KeyMaterial> Generate(const KeygenRequest& r, Rng& rng) {
  if (!r.mnemonic) return keys::GenerateKey(r.kind, r.options, rng);
  KR_ASSIGN_OR_RETURN(secmem::SecureBytes words, keys::GenerateMnemonic(r.mnemonic_words, rng));
  keys::KeyMaterial key;
  key.secret = std::move(words);
  return key;
}

Result<keys::KeyMaterial> Derive(const KeygenRequest& r, Rng& rng, KeygenReport& report) {
  KR_ASSIGN_OR_RETURN(const secmem::SecureBytes mnemonic,
                      io::ReadSecretFile(r.from_mnemonic, kMaxMnemonicFileBytes));
  secmem::SecureBytes passphrase;
  if (r.bip39_passphrase != nullptr) {
    KR_ASSIGN_OR_RETURN(passphrase, r.bip39_passphrase->ReadSecretLine(
                                        "BIP-39 passphrase (empty for none): "));
  }
  report.derivation_path = r.path.empty() ? std::string(keys::DefaultDerivationPath(r.kind)) : r.path;
  Result<keys::KeyMaterial> key =
      keys::DeriveKeyFromMnemonic(r.kind, mnemonic, passphrase, report.derivation_path, rng);
  if (!key.ok()) return key.status().WithContext(r.from_mnemonic);
  return key;
}

Result<keys::KeyMaterial> MakeKey(const KeygenRequest& r, Rng& os, KeygenReport& report) {
  if (Derives(r)) return Derive(r, os, report);
  KR_ASSIGN_OR_RETURN(std::optional<keys::MixedRng> mixed, MixedSource(r, os, report));
  return Generate(r, mixed ? static_cast<Rng&>(*mixed) : os);
}

}  // namespace

Result<keys::DiceRolls> AskDiceRolls(io::Prompter& prompter, std::size_t needed) {
  prompter.Tell("Roll a die at least " + std::to_string(needed) +
                " times and type the rolls (digits 1-6; spaces and commas are ignored), then "
                "press Enter. Nothing is shown while you type.");
  Status last;
  for (int attempt = 0; attempt < kDiceAttempts; ++attempt) {
    KR_ASSIGN_OR_RETURN(const secmem::SecureBytes typed, prompter.ReadSecretLine("dice rolls: "));
    Result<keys::DiceRolls> rolls = keys::ParseDiceRolls(typed, needed);
    if (rolls.ok()) {
      prompter.Tell("Read " + std::to_string(rolls->count) + " rolls.");
      return rolls;
    }
    last = rolls.status();
    prompter.Tell(last.message() + "; type all the rolls again");
  }
  return last;
}

std::size_t DiceRollsNeeded(const KeygenRequest& request) {
  return keys::MinimumDiceRolls(EntropyBits(request));
}

Result<std::pair<std::uint8_t, std::uint8_t>> ParseSplitSpec(std::string_view spec) {
  const std::size_t of = spec.find("of");
  std::uint8_t t = 0, n = 0;
  if (of == std::string_view::npos || !ParseByte(spec.substr(0, of), t) ||
      !ParseByte(spec.substr(of + 2), n)) {
    return InvalidArgument("--split takes TofN, e.g. 3of5, got '" + std::string(spec) + "'");
  }
  return std::pair{t, n};
}

Result<KeygenReport> Keygen(const KeygenRequest& request, Rng& rng) {
  KR_RETURN_IF_ERROR(CheckCombination(request));
  KR_RETURN_IF_ERROR(CheckDestination(request));
  std::optional<std::pair<std::uint8_t, std::uint8_t>> tn;
  if (!request.split.empty()) {
    KR_ASSIGN_OR_RETURN(tn, ParseSplitSpec(request.split));
  }
  KeygenReport report;
  report.kind_name = request.mnemonic ? "bip39" : std::string(keys::KeyKindName(request.kind));
  if (request.mnemonic) report.mnemonic_words = request.mnemonic_words;
  KR_ASSIGN_OR_RETURN(keys::KeyMaterial key, MakeKey(request, rng, report));
  if (tn) {
    KR_ASSIGN_OR_RETURN(report.split, SplitToOutput(key.secret.span(), tn->first, tn->second,
                                                    request.out, rng));
  } else if (!request.out.empty()) {
    KR_RETURN_IF_ERROR(io::WriteNewFile(request.out, key.secret.span(), io::FileMode::kSecret));
    report.out_file = request.out;
  }
  if (!request.show) key.secret = secmem::SecureBytes();
  report.key = std::move(key);
  return report;
}

}  // namespace keyrite::ops
