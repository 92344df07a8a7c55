#pragma once
// keystore export --format keystore-v3: one secp256k1 entry written as an Ethereum keystore v3
// file (keys/keystore_v3.h), encrypted under a passphrase, with a quorum sitting. The private key
// and passphrase stay in SecureBytes; only the encrypted JSON (public) reaches the disk, in a new
// 0600 file. The passphrase is typed twice at the terminal or read from a file descriptor.

#include <string>

#include "base/clock.h"
#include "base/rng.h"
#include "base/status.h"
#include "io/prompt.h"
#include "keys/keystore_v3.h"
#include "ops/keystore.h"

namespace keyrite::ops {

inline constexpr std::size_t kMaxPassphraseBytes = 4096;

struct KeystoreV3ExportRequest {
  std::string dir;
  QuorumSources quorum;
  std::string name;                  // a secp256k1 entry
  std::string out;                   // a new file
  int passphrase_fd = -1;            // >= 0: the passphrase is the first line read from it
  io::Prompter* terminal = nullptr;  // otherwise typed here twice, echo off
  keys::KeystoreV3Params params = {};
};

// The passphrase: the first line from `fd` (>= 0) or typed twice at `terminal`. InvalidArgument
// when it is empty or neither source is given, InvalidInput when the two typings differ.
Result<secmem::SecureBytes> ReadPassphrase(int fd, io::Prompter* terminal);

// InvalidArgument for a kind other than secp256k1 (naming it), NotFound for an unknown name,
// AlreadyExists when `out` exists; otherwise the errors of the sitting and of writing `out`
// (removed again if the audit record cannot be committed).
Result<KeystoreReport> ExportKeystoreV3(const KeystoreV3ExportRequest& request, Rng& rng,
                                        Clock& clock);

}  // namespace keyrite::ops
