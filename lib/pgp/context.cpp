#include "pgp/context.h"

#include <gpgme.h>

#include <cerrno>
#include <utility>

#include "pgp/gpg_error.h"

namespace keyrite::pgp {
namespace {

// gpgme's passphrase hook: asks the provider and writes the passphrase and a newline straight to
// gpg's pipe. The SecureBytes holding it is wiped when `result` goes out of scope.
gpgme_error_t WritePassphrase(void* hook, const char* uid_hint, const char* /*info*/,
                              int prev_was_bad, int fd) {
  const auto& provider = *static_cast<const PassphraseProvider*>(hook);
  Result<secmem::SecureBytes> result =
      provider(PassphraseRequest{uid_hint == nullptr ? "" : uid_hint, prev_was_bad != 0});
  if (!result.ok()) {
    const bool cancelled = result.status().kind() == ErrorKind::kCancelled;
    return gpgme_error(cancelled ? GPG_ERR_CANCELED : GPG_ERR_BAD_PASSPHRASE);
  }
  const secmem::SecureBytes& passphrase = result.value();
  if (gpgme_io_writen(fd, passphrase.data(), passphrase.size()) != 0 ||
      gpgme_io_writen(fd, "\n", 1) != 0) {
    return gpgme_error_from_errno(errno);
  }
  return 0;
}

Status Configure(gpgme_ctx_t ctx, const std::string& home) {
  KR_RETURN_IF_ERROR(FromGpgError(gpgme_set_protocol(ctx, GPGME_PROTOCOL_OpenPGP),
                                  {.action = "selecting OpenPGP"}));
  const char* home_dir = home.empty() ? nullptr : home.c_str();
  KR_RETURN_IF_ERROR(FromGpgError(
      gpgme_ctx_set_engine_info(ctx, GPGME_PROTOCOL_OpenPGP, nullptr, home_dir),
      {.action = "binding gpg to the keyring " + (home.empty() ? "(default)" : home)}));
  gpgme_set_offline(ctx, 1);  // air-gapped: never fetch keys or revocation data
  return FromGpgError(gpgme_set_keylist_mode(ctx, GPGME_KEYLIST_MODE_LOCAL),
                      {.action = "configuring key listing"});
}

}  // namespace

Result<Context> Context::Create(const std::string& home) {
  KR_RETURN_IF_ERROR(EnsureGpgme());
  gpgme_ctx_t ctx = nullptr;
  KR_RETURN_IF_ERROR(FromGpgError(gpgme_new(&ctx), {.action = "starting a gpgme session"}));
  Context context(ctx, home);
  KR_RETURN_IF_ERROR(Configure(ctx, home));
  return context;
}

Context::~Context() { Release(); }

Context::Context(Context&& other) noexcept
    : ctx_(std::exchange(other.ctx_, nullptr)),
      home_(std::move(other.home_)),
      provider_(std::move(other.provider_)) {}

Context& Context::operator=(Context&& other) noexcept {
  if (this != &other) {
    Release();
    ctx_ = std::exchange(other.ctx_, nullptr);
    home_ = std::move(other.home_);
    provider_ = std::move(other.provider_);
  }
  return *this;
}

void Context::Release() {
  if (ctx_ != nullptr) gpgme_release(std::exchange(ctx_, nullptr));
}

void Context::UseLoopbackPassphrases(PassphraseProvider provider) {
  provider_ = std::make_unique<PassphraseProvider>(std::move(provider));
  KR_CHECK(gpgme_set_pinentry_mode(ctx_, GPGME_PINENTRY_MODE_LOOPBACK) == 0);
  gpgme_set_passphrase_cb(ctx_, WritePassphrase, provider_.get());
}

}  // namespace keyrite::pgp
