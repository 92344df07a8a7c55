#pragma once
// BIP-39 mnemonics (English word list): entropy <-> words with the SHA-256 checksum, and the
// 64-byte seed PBKDF2-HMAC-SHA512(mnemonic, "mnemonic" || passphrase, 2048). Mnemonics, entropy,
// passphrases and seeds are secrets: they come and go only in SecureBytes. Words are looked up by
// comparing against the whole list, so the time does not depend on which words they are (word
// boundaries, hence word lengths, are not hidden). Errors name a word's position, never a word.

#include <cstdint>

#include "base/rng.h"
#include "base/status.h"
#include "secmem/secure_bytes.h"

namespace keyrite::keys {

inline constexpr std::size_t kBip39SeedBytes = 64;
inline constexpr std::uint32_t kBip39Iterations = 2048;

// Entropy bytes behind a mnemonic of `words` words: 12 -> 16, 15 -> 20, ..., 24 -> 32.
// InvalidArgument for any other count.
Result<std::size_t> Bip39EntropyBytes(std::size_t words);

// A new mnemonic of `words` words from `rng`.
Result<secmem::SecureBytes> GenerateMnemonic(std::size_t words, Rng& rng);

// The mnemonic of `entropy` (16, 20, 24, 28 or 32 bytes; any other size is a bug and aborts):
// lower-case words joined by single spaces.
secmem::SecureBytes MnemonicFromEntropy(const secmem::SecureBytes& entropy);

// The entropy of a typed or stored mnemonic. Words may be separated by any run of spaces, tabs
// or newlines and may be upper-case. InvalidInput for a wrong word count or a word that is not
// in the list (naming its position); Corrupt when the checksum fails.
Result<secmem::SecureBytes> MnemonicToEntropy(const secmem::SecureBytes& mnemonic);

// The same mnemonic in its canonical form (lower case, single spaces), after the same checks.
Result<secmem::SecureBytes> CanonicalMnemonic(const secmem::SecureBytes& mnemonic);

// The BIP-39 seed of a valid mnemonic (checked as above, then canonicalized). The passphrase may
// be empty. Unicode NFKD normalization is not implemented: Unsupported for a passphrase with a
// non-ASCII byte (ASCII is unchanged by NFKD, so every accepted input gives the standard seed).
Result<secmem::SecureBytes> MnemonicToSeed(const secmem::SecureBytes& mnemonic,
                                           const secmem::SecureBytes& passphrase);

}  // namespace keyrite::keys
