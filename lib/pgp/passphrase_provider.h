#pragma once
// PassphraseProvider: where a passphrase comes from when gpg-agent's own pinentry is bypassed
// (loopback mode: tests and scripted rehearsals). The passphrase is a secret: it is returned in
// SecureBytes, written straight to gpg's pipe and wiped; it is never kept by lib/pgp.

#include <functional>
#include <string>

#include "base/status.h"
#include "secmem/secure_bytes.h"

namespace keyrite::pgp {

struct PassphraseRequest {
  std::string key_hint = {};  // gpg's hint: "1234ABCD5678EF90 Alice <alice@example.org>" (public)
  bool previous_was_bad = false;  // the last passphrase for this key was wrong
};

// Returns the passphrase, or Cancelled to stop, or any other failure (treated as a wrong
// passphrase by gpg). Called on the thread running the gpg operation.
using PassphraseProvider = std::function<Result<secmem::SecureBytes>(const PassphraseRequest&)>;

}  // namespace keyrite::pgp
