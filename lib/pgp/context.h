#pragma once
// Context: one gpgme session bound to one keyring directory (a GNUPGHOME). Move-only; owns its
// gpgme_ctx_t. Passphrases go through gpg-agent and its pinentry unless UseLoopbackPassphrases()
// is called. No gpgme header here: lib/pgp's .cpp files reach the handle through raw().

#include <memory>
#include <string>
#include <utility>

#include "base/status.h"
#include "pgp/passphrase_provider.h"

struct gpgme_context;  // gpgme's opaque context (gpgme_ctx_t is gpgme_context*)

namespace keyrite::pgp {

class Context {
 public:
  // A session on the keyring in `home`; an empty `home` means gpg's default (GNUPGHOME or
  // ~/.gnupg). Network access is off (offline mode). Fails if gpgme or gpg is missing or too old.
  static Result<Context> Create(const std::string& home);

  ~Context();
  Context(Context&& other) noexcept;
  Context& operator=(Context&& other) noexcept;
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  const std::string& home() const { return home_; }

  // From now on gpg asks `provider` for passphrases (pinentry loopback) instead of pinentry. The
  // keyring's gpg-agent must allow it (TempKeyringOptions::allow_loopback_pinentry).
  void UseLoopbackPassphrases(PassphraseProvider provider);

  gpgme_context* raw() const { return ctx_; }

 private:
  Context(gpgme_context* ctx, std::string home) : ctx_(ctx), home_(std::move(home)) {}
  void Release();

  gpgme_context* ctx_ = nullptr;
  std::string home_;
  std::unique_ptr<PassphraseProvider> provider_;  // on the heap: gpgme keeps its address
};

}  // namespace keyrite::pgp
