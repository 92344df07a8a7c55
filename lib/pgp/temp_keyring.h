#pragma once
// TempKeyring: the keyring directory (GNUPGHOME) one operation works in. By default a private
// temporary directory (mode 0700) that holds only the custodians' public certificates: on
// destruction its gpg-agent is stopped and the directory is removed. UseExisting() borrows a
// directory the user named (--gnupghome): nothing in it is configured, stopped or removed.
// Move-only.

#include <string>

#include "base/status.h"

namespace keyrite::pgp {

struct TempKeyringOptions {
  std::string parent_dir = {};           // empty: $TMPDIR, else /tmp
  bool allow_loopback_pinentry = false;  // passphrases from a PassphraseProvider (tests, scripts)
  std::string pinentry_program = {};     // empty: gpg-agent's default pinentry
};

class TempKeyring {
 public:
  static Result<TempKeyring> Create(const TempKeyringOptions& options = {});
  // NotFound when `home` is not a directory.
  static Result<TempKeyring> UseExisting(const std::string& home);

  ~TempKeyring();
  TempKeyring(TempKeyring&& other) noexcept;
  TempKeyring& operator=(TempKeyring&& other) noexcept;
  TempKeyring(const TempKeyring&) = delete;
  TempKeyring& operator=(const TempKeyring&) = delete;

  const std::string& home() const { return home_; }
  bool temporary() const { return owned_; }

 private:
  TempKeyring(std::string home, bool owned) : home_(std::move(home)), owned_(owned) {}
  void Release();

  std::string home_;
  bool owned_ = false;
};

}  // namespace keyrite::pgp
