#pragma once
// The keystore: keys kept by an unsealer, one JSON line each in a keystore file
// (docs/formats/keystore-v1.md). Each entry's secret is sealed under the keystore key (derived from
// the master key) with its name, kind and public key as associated data, so an entry cannot be
// renamed, re-kinded or moved to another unsealer without detection; its public parts (public key,
// addresses) and its pool allocation are open, so status and assignments need no quorum.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/rng.h"
#include "base/status.h"
#include "keys/key_kind.h"
#include "keys/key_material.h"
#include "secmem/secure_bytes.h"

namespace keyrite::unsealer {

inline constexpr std::string_view kKeystoreFormat = "keyrite-keystore";
inline constexpr int kKeystoreVersion = 1;
inline constexpr std::size_t kMaxKeystoreBytes = std::size_t{1} << 30;
inline constexpr std::size_t kMaxNameChars = 64;

struct KeyEntry {
  std::string name;  // [A-Za-z0-9._-], 1..64 characters, unique in the keystore
  keys::KeyKind kind = keys::KeyKind::kRandom;
  std::string public_key;     // hex; "" for random and password
  std::string address;        // secp256k1: EIP-55 Ethereum address; "" otherwise
  std::string tezos_address;  // secp256k1: tz2…, ed25519: tz1…; "" otherwise
  std::int64_t created = 0;   // Unix seconds
  bool pool = false;          // made by `keystore allocate`: handed out to holders
  std::string holder;         // pool entries: who holds it now; "" when free
  // Derived keys: the bip39 entry and BIP-32/SLIP-10 path they came from (public; the derivation
  // can be re-checked from the seed). Both "" for generated or imported keys.
  std::string seed;
  std::string path;
  std::string sealed;         // base64 of nonce ‖ ciphertext ‖ tag

  bool operator==(const KeyEntry&) const = default;
};

// InvalidArgument naming the rule when `name` is not a valid entry name.
Status CheckEntryName(std::string_view name);

// A new entry for `key` (its public parts copied), its secret sealed under `keystore_key`.
KeyEntry SealEntry(const secmem::SecureBytes& keystore_key, std::string_view unsealer_id,
                   std::string name, const keys::KeyMaterial& key, std::int64_t created, Rng& rng);

// The secret of `entry`; Corrupt naming the entry if it does not open (changed, moved, or sealed
// under another key).
Result<secmem::SecureBytes> OpenEntry(const secmem::SecureBytes& keystore_key,
                                      std::string_view unsealer_id, const KeyEntry& entry);

// The same entry sealed again under another key (rotation).
Result<KeyEntry> ResealEntry(const secmem::SecureBytes& old_key, const secmem::SecureBytes& new_key,
                             std::string_view unsealer_id, const KeyEntry& entry, Rng& rng);

// A header line, then one line per entry, in the given order.
std::string FormatKeystore(std::string_view unsealer_id, std::uint64_t generation,
                           const std::vector<KeyEntry>& entries);

// Strict reader, one line at a time, so a file is parsed as it is read (unsealer/line_file.h) and
// never held whole. Errors name `origin` and the line: InvalidInput for a malformed line or a name
// repeated; Mismatch when the header names another unsealer; Unsupported for another version.
class KeystoreReader {
 public:
  // kPublic: `sealed` is checked but not kept (readers that never open an entry save its memory).
  enum class Keep { kAll, kPublic };
  // `total_bytes`: the whole text's size, which bounds the memory reserved for the header's count.
  KeystoreReader(std::string_view origin, std::string_view unsealer_id, std::uint64_t total_bytes,
                 Keep keep = Keep::kAll);

  // The next line without its newline; `complete` is false for a last line with no newline.
  Status Line(std::string_view line, bool complete);
  // After the last line: the entries, once the count and the uniqueness of names are checked.
  Result<std::vector<KeyEntry>> Finish();

 private:
  Status Header(std::string_view line, const std::string& where);
  Status CheckNamesUnique() const;

  std::string origin_;
  std::string unsealer_id_;
  std::uint64_t total_bytes_;
  Keep keep_;
  std::vector<KeyEntry> entries_;
  std::size_t expected_ = 0;
  std::size_t line_no_ = 0;
};

// KeystoreReader over a whole text.
Result<std::vector<KeyEntry>> ParseKeystore(std::string_view text, std::string_view origin,
                                            std::string_view unsealer_id);

const KeyEntry* FindEntry(const std::vector<KeyEntry>& entries, std::string_view name);

}  // namespace keyrite::unsealer
