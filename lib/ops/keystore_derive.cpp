#include "ops/keystore_derive.h"

#include "keys/bip39.h"
#include "keys/hd_derive.h"
#include "ops/keygen.h"

namespace keyrite::ops {
namespace {

bool Derivable(keys::KeyKind kind) {
  return kind == keys::KeyKind::kSecp256k1 || kind == keys::KeyKind::kEd25519;
}

std::size_t CountIndexMarks(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t at = text.find(kPathIndex); at != std::string_view::npos;
       at = text.find(kPathIndex, at + 1)) {
    ++n;
  }
  return n;
}

}  // namespace

std::string DefaultPathTemplate(keys::KeyKind kind) {
  if (kind == keys::KeyKind::kEd25519) return "m/44'/1729'/{i}'/0'";
  return "m/44'/60'/0'/0/{i}";
}

std::string PathForIndex(std::string_view path_template, std::size_t index) {
  std::string path(path_template);
  const std::size_t at = path.find(kPathIndex);
  if (at != std::string::npos) path.replace(at, kPathIndex.size(), std::to_string(index));
  return path;
}

Status CheckPathTemplate(std::string_view path_template, std::size_t count) {
  const std::size_t marks = CountIndexMarks(path_template);
  if (marks > 1) return InvalidArgument("the path may hold {i} once, not " + std::to_string(marks) + " times");
  if (count > 1 && marks == 0) {
    return InvalidArgument("several keys need several paths: put {i} in the path, e.g. "
                           "m/44'/60'/0'/0/{i}");
  }
  return OkStatus();
}

KeySource KeySource::Generating(keys::KeyKind kind, keys::KeyOptions options) {
  return KeySource(kind, options);
}

Result<KeySource> KeySource::Deriving(keys::KeyKind kind,
                                      const std::vector<unsealer::KeyEntry>& entries,
                                      std::string_view seed_name,
                                      const secmem::SecureBytes& keystore_key,
                                      std::string_view unsealer_id) {
  if (!Derivable(kind)) {
    return InvalidArgument("--from-seed derives secp256k1 or ed25519 keys, not " +
                           std::string(keys::KeyKindName(kind)));
  }
  const unsealer::KeyEntry* seed_entry = unsealer::FindEntry(entries, seed_name);
  if (seed_entry == nullptr) {
    return NotFound("--from-seed: no entry \"" + std::string(seed_name) + "\" in the keystore");
  }
  if (seed_entry->kind != keys::KeyKind::kBip39) {
    return InvalidArgument("--from-seed: entry \"" + std::string(seed_name) + "\" is " +
                           std::string(keys::KeyKindName(seed_entry->kind)) + ", not a bip39 seed");
  }
  KR_ASSIGN_OR_RETURN(secmem::SecureBytes words,
                      unsealer::OpenEntry(keystore_key, unsealer_id, *seed_entry));
  KeySource source(kind, {});
  KR_ASSIGN_OR_RETURN(source.seed_, keys::MnemonicToSeed(words, secmem::SecureBytes()));
  source.seed_name_ = std::string(seed_name);
  for (const unsealer::KeyEntry& e : entries) {
    if (e.seed == seed_name) source.taken_.emplace(e.path, e.name);
  }
  return source;
}

Status KeySource::MixDice(io::Prompter& prompter, Rng& os) {
  if (derives()) return InvalidArgument("--dice mixes entropy into generated keys; --from-seed draws none");
  KeygenRequest same_kind;
  same_kind.kind = kind_;
  same_kind.options = options_;
  KR_ASSIGN_OR_RETURN(const keys::DiceRolls rolls, AskDiceRolls(prompter, DiceRollsNeeded(same_kind)));
  dice_rolls_ = rolls.count;
  mixed_.emplace(keys::MixedRng::FromOs(os, &rolls));
  return OkStatus();
}

Result<keys::KeyMaterial> KeySource::Make(std::string_view path, Rng& rng) {
  if (!derives()) return keys::GenerateKey(kind_, options_, mixed_ ? static_cast<Rng&>(*mixed_) : rng);
  Result<keys::KeyMaterial> key = keys::DeriveKeyFromSeed(kind_, seed_, path, rng);
  if (!key.ok()) return key.status().WithContext("--path " + std::string(path));
  return key;
}

Result<std::string> KeySource::NextPath(std::string_view path_template) {
  if (path_template.find(kPathIndex) != std::string_view::npos) {
    while (taken_.contains(PathForIndex(path_template, next_index_))) ++next_index_;
    return PathForIndex(path_template, next_index_++);
  }
  const auto found = taken_.find(path_template);
  if (found != taken_.end()) {
    return AlreadyExists("path " + std::string(path_template) + " of seed \"" + seed_name_ +
                         "\" is already entry \"" + found->second + "\"; nothing was added");
  }
  return std::string(path_template);
}

void KeySource::Record(unsealer::KeyEntry& entry, std::string_view path) {
  if (!derives()) return;
  entry.seed = seed_name_;
  entry.path = std::string(path);
  taken_.emplace(entry.path, entry.name);
}

Result<KeySource> OpenKeySource(keys::KeyKind kind, const keys::KeyOptions& options,
                                std::string_view from_seed,
                                const std::vector<unsealer::KeyEntry>& entries,
                                const secmem::SecureBytes& keystore_key,
                                std::string_view unsealer_id) {
  if (from_seed.empty()) return KeySource::Generating(kind, options);
  return KeySource::Deriving(kind, entries, from_seed, keystore_key, unsealer_id);
}

Result<std::string> ChoosePathTemplate(keys::KeyKind kind, std::string_view from_seed,
                                       std::string_view path, std::size_t count) {
  if (from_seed.empty()) {
    if (!path.empty()) return InvalidArgument("--path derives from a seed: it needs --from-seed NAME");
    return std::string();
  }
  if (!Derivable(kind)) {
    return InvalidArgument("--from-seed derives secp256k1 or ed25519 keys, not " +
                           std::string(keys::KeyKindName(kind)));
  }
  std::string chosen(path);
  if (chosen.empty()) {
    chosen = count == 1 ? std::string(keys::DefaultDerivationPath(kind)) : DefaultPathTemplate(kind);
  }
  KR_RETURN_IF_ERROR(CheckPathTemplate(chosen, count));
  return chosen;
}

}  // namespace keyrite::ops
