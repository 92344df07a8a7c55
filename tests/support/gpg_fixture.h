#pragma once
// GpgFixture: throwaway OpenPGP custodians for tests, made with the real gpg. Each identity gets
// its own GNUPGHOME (mode 0700, loopback pinentry allowed, cheap passphrase hashing) under one
// base directory that the fixture owns: on destruction every gpg-agent it started is stopped and
// the whole directory is removed. Nothing is written outside it. Test code only: failures throw
// std::runtime_error carrying gpg's stderr, which GoogleTest reports as a test failure.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace keyrite::test_support {

enum class Algo {
  kEd25519Cv25519,  // ed25519 primary (sign, certify) + cv25519 encryption subkey: instant
  kRsa3072,         // rsa3072 primary + rsa3072 encryption subkey: about a second
  kRsa1024,         // rsa1024 primary + rsa1024 encryption subkey: too weak, for refusals
  kSignOnly,        // ed25519 primary only: no encryption key
};

struct IdentitySpec {
  std::string name = {};  // "alice": user id "alice <alice@example.org>"
  Algo algo = Algo::kEd25519Cv25519;
  std::string passphrase = {};  // empty: an unprotected secret key
  // Days from now until the primary key and subkey expire; negative: already expired.
  std::optional<int> expires_in_days = {};
  // Overrides expires_in_days for the encryption subkey only.
  std::optional<int> subkey_expires_in_days = {};
  bool revoked = false;  // the primary key revoked (its own revocation certificate imported)
};

struct Identity {
  std::string name;
  std::string user_id;
  std::string fingerprint;         // 40 uppercase hex digits
  std::string encryption_key_id;   // 16 uppercase hex digits; empty for kSignOnly
  std::filesystem::path asc_path;  // armored public certificate
  std::string passphrase;
  std::filesystem::path home;  // this custodian's GNUPGHOME, holding their secret key
};

struct GpgRun {
  int exit_code = -1;
  std::string out;  // stdout, kept in memory only (it may be a decrypted secret)
  std::string err;
};

class GpgFixture {
 public:
  GpgFixture();                                         // a fresh directory under $TMPDIR or /tmp
  explicit GpgFixture(std::filesystem::path base_dir);  // created (0700); must not exist yet
  ~GpgFixture();
  GpgFixture(const GpgFixture&) = delete;
  GpgFixture& operator=(const GpgFixture&) = delete;

  const std::filesystem::path& base_dir() const { return base_dir_; }

  Identity MakeIdentity(const IdentitySpec& spec);
  Identity MakeIdentity(std::string name, Algo algo, std::string passphrase,
                        std::optional<int> expires_in_days = std::nullopt, bool revoked = false);

  // The identity's public certificate in binary form (name.gpg).
  std::filesystem::path ExportBinary(const Identity& who);
  // Stock gpg in the identity's home: --batch, loopback pinentry with its passphrase.
  GpgRun Gpg(const Identity& who, const std::vector<std::string>& args);
  // `gpg --decrypt FILE` as the custodian would run it at home.
  GpgRun StockDecrypt(const Identity& who, const std::filesystem::path& message);

  // Runs any program; stdin is /dev/null, stdout and stderr are captured through pipes.
  static GpgRun Run(const std::vector<std::string>& argv);

 private:
  std::filesystem::path NewHome(const std::string& name);
  GpgRun GpgIn(const std::filesystem::path& home, const std::vector<std::string>& args);
  GpgRun MustGpgIn(const std::filesystem::path& home, const std::vector<std::string>& args);
  void GenerateKeys(const std::filesystem::path& home, const IdentitySpec& spec,
                    const std::string& user_id);
  void Revoke(const std::filesystem::path& home, const std::string& fingerprint);
  void StopAgent(const std::filesystem::path& home);

  std::filesystem::path base_dir_;
  std::vector<std::filesystem::path> homes_;
};

}  // namespace keyrite::test_support
