// Tests for lib/pgp against the real GnuPG: throwaway custodians made by GpgFixture (its own
// GNUPGHOME per custodian, loopback pinentry), certificates imported into a TempKeyring, shards
// encrypted through GPGME and opened by stock `gpg --decrypt` and by pgp::Decrypt.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "pgp/certificate_import.h"
#include "pgp/certificate_policy.h"
#include "pgp/context.h"
#include "pgp/decrypt.h"
#include "pgp/encrypt.h"
#include "pgp/fingerprint.h"
#include "pgp/recipients.h"
#include "pgp/temp_keyring.h"
#include "secmem/secure_bytes.h"
#include "support/gpg_fixture.h"

namespace keyrite::pgp {
namespace {

namespace fs = std::filesystem;
using test_support::Algo;
using test_support::GpgFixture;
using test_support::Identity;
using test_support::IdentitySpec;

constexpr std::int64_t kDay = 86400;
constexpr std::string_view kShareLine = "keyrite-share-v1 3-of-5 #2 TESTONLY-NOT-A-REAL-SHARE";

std::vector<std::uint8_t> ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::span<const std::uint8_t> AsBytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

void WriteText(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// The command line of process `pid`, or "" when it has gone (processes exit while we read).
std::string CommandLine(const fs::path& proc_dir) {
  const int fd = open((proc_dir / "cmdline").c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return "";
  std::string text;
  char buf[4096];
  ssize_t n = 0;
  while ((n = read(fd, buf, sizeof buf)) > 0) text.append(buf, static_cast<std::size_t>(n));
  close(fd);
  return text;
}

// True while some process (a gpg-agent) still has `text` on its command line.
bool AnyProcessMentions(const std::string& text) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/proc", ec)) {
    if (CommandLine(entry.path()).find(text) != std::string::npos) return true;
  }
  return false;
}

bool NoProcessMentionsSoon(const std::string& text) {
  for (int i = 0; i < 40 && AnyProcessMentions(text); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return !AnyProcessMentions(text);
}

PassphraseProvider FixedPassphrase(std::string passphrase) {
  return [passphrase](const PassphraseRequest&) -> Result<secmem::SecureBytes> {
    return secmem::SecureBytes::CopyOf(passphrase);
  };
}

class PgpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    gpg_.emplace();
    auto keyring = TempKeyring::Create();
    ASSERT_TRUE(keyring.ok()) << keyring.status().message();
    keyring_.emplace(std::move(keyring).value());
    auto ctx = Context::Create(keyring_->home());
    ASSERT_TRUE(ctx.ok()) << ctx.status().message();
    ctx_.emplace(std::move(ctx).value());
  }

  // After every test the custodians' homes and the temporary keyring are gone, agents stopped.
  void TearDown() override {
    const fs::path base = gpg_->base_dir();
    const std::string home = keyring_->home();
    ctx_.reset();
    keyring_.reset();
    gpg_.reset();
    EXPECT_FALSE(fs::exists(base));
    EXPECT_FALSE(fs::exists(home));
    EXPECT_TRUE(NoProcessMentionsSoon(base.string()));
    EXPECT_TRUE(NoProcessMentionsSoon(home));
  }

  Certificate Import(const Identity& who) {
    auto cert = ImportCertificateFile(*ctx_, who.asc_path.string());
    EXPECT_TRUE(cert.ok()) << cert.status().message();
    return cert.ok() ? std::move(cert).value() : Certificate{};
  }

  // Encrypts kShareLine (held in SecureBytes) to `cert` through the temporary keyring.
  std::string EncryptShare(const Certificate& cert) {
    const secmem::SecureBytes share = secmem::SecureBytes::CopyOf(kShareLine);
    auto message = EncryptTo(*ctx_, cert, share.span());
    EXPECT_TRUE(message.ok()) << message.status().message();
    return message.ok() ? std::move(message).value() : std::string();
  }

  Context CustodianContext(const Identity& who, std::string passphrase) {
    auto ctx = Context::Create(who.home.string());
    KR_CHECK(ctx.ok());
    ctx->UseLoopbackPassphrases(FixedPassphrase(std::move(passphrase)));
    return std::move(ctx).value();
  }

  Status Refusal(const IdentitySpec& spec, std::int64_t now) {
    const Identity who = gpg_->MakeIdentity(spec);
    auto cert = ImportCertificateFile(*ctx_, who.asc_path.string());
    if (!cert.ok()) return cert.status();
    return CheckCertificate(*cert, now);
  }

  std::optional<GpgFixture> gpg_;
  std::optional<TempKeyring> keyring_;
  std::optional<Context> ctx_;
};

TEST(PgpFingerprint, GroupsAndNormalizes) {
  EXPECT_EQ(FingerprintGroups("3F2A9C11AB"), "3F2A 9C11 AB");
  const std::string fpr = "3F2A9C11ABCDEF0123456789ABCDEF0123456789";
  EXPECT_EQ(FingerprintGroups(fpr), "3F2A 9C11 ABCD EF01 2345 6789 ABCD EF01 2345 6789");
  auto normal = NormalizeFingerprint("0x3f2a 9c11 abcd ef01 2345 6789 abcd ef01 2345 6789");
  ASSERT_TRUE(normal.ok());
  EXPECT_EQ(*normal, fpr);
  EXPECT_EQ(NormalizeFingerprint(fpr.substr(1)).status().kind(), ErrorKind::kInvalidArgument);
  EXPECT_EQ(NormalizeFingerprint("3F2A9C11ABCDEF0123456789ABCDEF012345678G").status().kind(),
            ErrorKind::kInvalidArgument);
}

TEST(PgpTempKeyring, PrivateWhileHeldAndRemovedWithItsAgent) {
  GpgFixture gpg;
  const Identity alice = gpg.MakeIdentity("alice", Algo::kEd25519Cv25519, "pw");
  std::string home;
  {
    TempKeyringOptions options;
    options.allow_loopback_pinentry = true;
    auto keyring = TempKeyring::Create(options);
    ASSERT_TRUE(keyring.ok()) << keyring.status().message();
    home = keyring->home();
    struct stat st {};
    ASSERT_EQ(stat(home.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0700u);
    EXPECT_TRUE(fs::exists(fs::path(home) / "gpg-agent.conf"));
    auto ctx = Context::Create(home);
    ASSERT_TRUE(ctx.ok());
    auto cert = ImportCertificateFile(*ctx, alice.asc_path.string());
    ASSERT_TRUE(cert.ok()) << cert.status().message();
    // Looking for a secret key to decrypt with makes gpg start an agent for this home.
    ASSERT_TRUE(EncryptTo(*ctx, *cert, AsBytes(kShareLine)).ok());
    EXPECT_TRUE(AnyProcessMentions(home));
  }
  EXPECT_FALSE(fs::exists(home));
  EXPECT_TRUE(NoProcessMentionsSoon(home));
}

TEST(PgpTempKeyring, ExistingHomeIsBorrowedNotRemoved) {
  GpgFixture gpg;
  const fs::path dir = gpg.base_dir() / "mine";
  fs::create_directory(dir);
  {
    auto keyring = TempKeyring::UseExisting(dir.string());
    ASSERT_TRUE(keyring.ok());
    EXPECT_FALSE(keyring->temporary());
  }
  EXPECT_TRUE(fs::exists(dir));
  EXPECT_EQ(TempKeyring::UseExisting((dir / "absent").string()).status().kind(),
            ErrorKind::kNotFound);
}

TEST_F(PgpTest, ImportsArmoredEd25519Certificate) {
  const Identity alice = gpg_->MakeIdentity("alice", Algo::kEd25519Cv25519, "pw-alice");
  const Certificate cert = Import(alice);
  EXPECT_EQ(cert.fingerprint, alice.fingerprint);
  EXPECT_EQ(cert.user_id, alice.user_id);
  EXPECT_EQ(cert.primary.algorithm, "ed25519");
  ASSERT_TRUE(cert.encryption_key.has_value());
  EXPECT_EQ(cert.encryption_key->algorithm, "cv25519");
  EXPECT_EQ(cert.encryption_key->key_id, alice.encryption_key_id);
  EXPECT_EQ(cert.origin, alice.asc_path.string());
  EXPECT_TRUE(CheckCertificate(cert, SystemClock().NowUnixSeconds()).ok());
  std::string lower = alice.fingerprint;
  for (char& c : lower) c = static_cast<char>(std::tolower(c));
  auto found = FindCertificate(*ctx_, lower);
  ASSERT_TRUE(found.ok()) << found.status().message();
  EXPECT_EQ(found->encryption_key->key_id, alice.encryption_key_id);
  EXPECT_EQ(FindCertificate(*ctx_, std::string(40, 'A')).status().kind(), ErrorKind::kNotFound);
}

TEST_F(PgpTest, ImportsBinaryCertificate) {
  const Identity bob = gpg_->MakeIdentity("bob", Algo::kEd25519Cv25519, "pw-bob");
  const fs::path binary = gpg_->ExportBinary(bob);
  ASSERT_NE(ReadBytes(binary).at(0), '-');  // really not armored
  auto cert = ImportCertificateFile(*ctx_, binary.string());
  ASSERT_TRUE(cert.ok()) << cert.status().message();
  EXPECT_EQ(cert->fingerprint, bob.fingerprint);
}

TEST_F(PgpTest, Rsa3072CustodianAcceptedAndStockGpgDecrypts) {
  const Identity carol = gpg_->MakeIdentity("carol", Algo::kRsa3072, "pw-carol");
  const Certificate cert = Import(carol);
  EXPECT_EQ(cert.primary.algorithm, "rsa3072");
  ASSERT_TRUE(cert.encryption_key.has_value());
  EXPECT_EQ(cert.encryption_key->bits, 3072u);
  ASSERT_TRUE(CheckCertificate(cert, SystemClock().NowUnixSeconds()).ok());
  const fs::path shard = gpg_->base_dir() / "carol.shard.asc";
  WriteText(shard, EncryptShare(cert));
  const auto run = gpg_->StockDecrypt(carol, shard);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, kShareLine);
}

TEST_F(PgpTest, RefusesExpiredCertificateNamingTheDate) {
  const std::int64_t now = SystemClock().NowUnixSeconds();
  const Identity old =
      gpg_->MakeIdentity({.name = "old", .passphrase = "pw", .expires_in_days = -3});
  const Certificate cert = Import(old);
  EXPECT_NEAR(static_cast<double>(cert.primary.expires), static_cast<double>(now - 3 * kDay),
              120.0);
  const Status status = CheckCertificate(cert, now);
  EXPECT_EQ(status.kind(), ErrorKind::kRefused);
  EXPECT_NE(status.message().find(old.fingerprint), std::string::npos) << status.message();
  const std::string day = FormatUtc(cert.primary.expires).substr(0, 10);
  EXPECT_NE(status.message().find("expired on " + day), std::string::npos) << status.message();
}

TEST_F(PgpTest, RefusesExpiredOnlyEncryptionSubkey) {
  const Status status =
      Refusal({.name = "subexp", .passphrase = "pw", .subkey_expires_in_days = -2},
              SystemClock().NowUnixSeconds());
  EXPECT_EQ(status.kind(), ErrorKind::kRefused);
  EXPECT_NE(status.message().find("its only encryption subkey expired on"), std::string::npos)
      << status.message();
}

TEST_F(PgpTest, ExpiryIsJudgedAtTheGivenTime) {
  const Identity soon =
      gpg_->MakeIdentity({.name = "soon", .passphrase = "pw", .expires_in_days = 10});
  const Certificate cert = Import(soon);
  const std::int64_t now = SystemClock().NowUnixSeconds();
  EXPECT_TRUE(CheckCertificate(cert, now).ok());
  EXPECT_EQ(CheckCertificate(cert, now + 11 * kDay).kind(), ErrorKind::kRefused);
}

TEST_F(PgpTest, RefusesRevokedCertificate) {
  const Status status = Refusal({.name = "revoked", .passphrase = "pw", .revoked = true},
                                SystemClock().NowUnixSeconds());
  EXPECT_EQ(status.kind(), ErrorKind::kRefused);
  EXPECT_NE(status.message().find("revoked"), std::string::npos) << status.message();
}

TEST_F(PgpTest, RefusesSigningOnlyCertificate) {
  const Status status = Refusal({.name = "signer", .algo = Algo::kSignOnly, .passphrase = "pw"},
                                SystemClock().NowUnixSeconds());
  EXPECT_EQ(status.kind(), ErrorKind::kRefused);
  EXPECT_NE(status.message().find("can only sign"), std::string::npos) << status.message();
}

TEST_F(PgpTest, RefusesRsa1024Certificate) {
  const Status status = Refusal({.name = "weak", .algo = Algo::kRsa1024, .passphrase = "pw"},
                                SystemClock().NowUnixSeconds());
  EXPECT_EQ(status.kind(), ErrorKind::kRefused);
  EXPECT_NE(status.message().find("RSA-1024"), std::string::npos) << status.message();
}

TEST_F(PgpTest, ExpectedFingerprintMustMatch) {
  const Identity alice = gpg_->MakeIdentity("alice", Algo::kEd25519Cv25519, "pw");
  const Identity bob = gpg_->MakeIdentity("bob", Algo::kEd25519Cv25519, "pw");
  const Certificate cert = Import(alice);
  std::string spaced_lower = FingerprintGroups(alice.fingerprint);
  for (char& c : spaced_lower) c = static_cast<char>(std::tolower(c));
  EXPECT_TRUE(CheckExpectedFingerprint(cert, spaced_lower).ok());
  const Status wrong = CheckExpectedFingerprint(cert, bob.fingerprint);
  EXPECT_EQ(wrong.kind(), ErrorKind::kMismatch);
  EXPECT_NE(wrong.message().find(FingerprintGroups(bob.fingerprint)), std::string::npos);
  EXPECT_EQ(CheckExpectedFingerprint(cert, "12AB").kind(), ErrorKind::kInvalidArgument);
}

TEST_F(PgpTest, RefusesFilesWithSeveralCertificatesOrSecretKeysOrNone) {
  const Identity alice = gpg_->MakeIdentity("alice", Algo::kEd25519Cv25519, "pw");
  const Identity bob = gpg_->MakeIdentity("bob", Algo::kEd25519Cv25519, "pw");
  const fs::path both = gpg_->base_dir() / "both.asc";
  WriteText(both, gpg_->Gpg(alice, {"--armor", "--export"}).out +
                      gpg_->Gpg(bob, {"--armor", "--export"}).out);
  const Status several = ImportCertificateFile(*ctx_, both.string()).status();
  EXPECT_EQ(several.kind(), ErrorKind::kInvalidInput);
  EXPECT_NE(several.message().find(both.string()), std::string::npos) << several.message();

  const fs::path secret = gpg_->base_dir() / "secret.asc";
  ASSERT_EQ(
      gpg_->Gpg(alice, {"--armor", "--output", secret.string(), "--export-secret-keys"}).exit_code,
      0);
  EXPECT_EQ(ImportCertificateFile(*ctx_, secret.string()).status().kind(), ErrorKind::kRefused);

  const fs::path junk = gpg_->base_dir() / "junk.asc";
  WriteText(junk, "hello, not a certificate\n");
  EXPECT_EQ(ImportCertificateFile(*ctx_, junk.string()).status().kind(), ErrorKind::kInvalidInput);
  const fs::path empty = gpg_->base_dir() / "empty.asc";
  WriteText(empty, "");
  EXPECT_EQ(ImportCertificateFile(*ctx_, empty.string()).status().kind(), ErrorKind::kInvalidInput);
  EXPECT_EQ(ImportCertificateFile(*ctx_, (gpg_->base_dir() / "none.asc").string()).status().kind(),
            ErrorKind::kNotFound);
}

TEST_F(PgpTest, SameCertificateTwiceIsAMismatch) {
  const Identity alice = gpg_->MakeIdentity("alice", Algo::kEd25519Cv25519, "pw");
  const std::vector<std::string> paths = {alice.asc_path.string(),
                                          gpg_->ExportBinary(alice).string()};
  const Status status = ImportCertificates(*ctx_, paths).status();
  EXPECT_EQ(status.kind(), ErrorKind::kMismatch);
  EXPECT_NE(status.message().find(paths[0]), std::string::npos) << status.message();
}

TEST_F(PgpTest, EncryptsOnlyToTheCustodianAndStockGpgDecrypts) {
  const Identity alice = gpg_->MakeIdentity("alice", Algo::kEd25519Cv25519, "pw-alice");
  const Identity bob = gpg_->MakeIdentity("bob", Algo::kEd25519Cv25519, "pw-bob");
  const std::string message = EncryptShare(Import(alice));
  EXPECT_EQ(message.rfind("-----BEGIN PGP MESSAGE-----", 0), 0u);
  EXPECT_EQ(message.find(kShareLine), std::string::npos);
  auto ids = ListRecipients(*ctx_, AsBytes(message));
  ASSERT_TRUE(ids.ok()) << ids.status().message();
  EXPECT_EQ(*ids, std::vector<std::string>{alice.encryption_key_id});

  const fs::path shard = gpg_->base_dir() / "alice.shard.asc";
  WriteText(shard, message);
  const auto run = gpg_->StockDecrypt(alice, shard);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, kShareLine);
  EXPECT_NE(gpg_->StockDecrypt(bob, shard).exit_code, 0);
}

// A user's own keyring (--gnupghome) may name extra recipients in gpg.conf; a shard must not
// be readable by them.
TEST_F(PgpTest, EncryptToInAnExistingKeyringsConfigIsIgnored) {
  const Identity alice = gpg_->MakeIdentity("alice", Algo::kEd25519Cv25519, "pw");
  const Identity eve = gpg_->MakeIdentity("eve", Algo::kEd25519Cv25519, "pw");
  const fs::path home = gpg_->base_dir() / "user";
  fs::create_directory(home);
  fs::permissions(home, fs::perms::owner_all, fs::perm_options::replace);
  WriteText(home / "gpg.conf", "encrypt-to " + eve.fingerprint + "\ntrust-model always\n");
  auto keyring = TempKeyring::UseExisting(home.string());
  ASSERT_TRUE(keyring.ok());
  auto ctx = Context::Create(keyring->home());
  ASSERT_TRUE(ctx.ok());
  ASSERT_TRUE(ImportCertificateFile(*ctx, eve.asc_path.string()).ok());
  auto cert = ImportCertificateFile(*ctx, alice.asc_path.string());
  ASSERT_TRUE(cert.ok()) << cert.status().message();
  const secmem::SecureBytes share = secmem::SecureBytes::CopyOf(kShareLine);
  auto message = EncryptTo(*ctx, *cert, share.span());
  ASSERT_TRUE(message.ok()) << message.status().message();
  auto ids = ListRecipients(*ctx, AsBytes(*message));
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(*ids, std::vector<std::string>{alice.encryption_key_id});
  GpgFixture::Run({"gpgconf", "--homedir", home.string(), "--kill", "all"});
}

TEST_F(PgpTest, EncryptRefusesCertificateWithoutEncryptionKey) {
  const Identity signer = gpg_->MakeIdentity("signer", Algo::kSignOnly, "pw");
  const Certificate cert = Import(signer);
  EXPECT_EQ(EncryptTo(*ctx_, cert, AsBytes(kShareLine)).status().kind(), ErrorKind::kRefused);
}

TEST_F(PgpTest, DecryptsWithTheCustodiansKeyIntoSecureMemory) {
  const Identity alice = gpg_->MakeIdentity("alice", Algo::kEd25519Cv25519, "pw-alice");
  const std::string message = EncryptShare(Import(alice));
  Context custodian = CustodianContext(alice, "pw-alice");
  auto shard = Decrypt(custodian, AsBytes(message));
  ASSERT_TRUE(shard.ok()) << shard.status().message();
  EXPECT_EQ(shard->plaintext.view(), kShareLine);
  EXPECT_EQ(shard->recipient_key_ids, std::vector<std::string>{alice.encryption_key_id});
}

TEST_F(PgpTest, WrongCustodianIsToldWhichKeyIsNeeded) {
  const Identity alice = gpg_->MakeIdentity("alice", Algo::kEd25519Cv25519, "pw-alice");
  const Identity bob = gpg_->MakeIdentity("bob", Algo::kEd25519Cv25519, "pw-bob");
  const std::string message = EncryptShare(Import(alice));
  Context custodian = CustodianContext(bob, "pw-bob");
  const Status status = Decrypt(custodian, AsBytes(message)).status();
  EXPECT_EQ(status.kind(), ErrorKind::kNotFound);
  EXPECT_EQ(status.message(), "this shard is encrypted to key 0x" + alice.encryption_key_id +
                                  "; its secret key is not in this keyring");
}

TEST_F(PgpTest, WrongPassphraseIsRefusedAndCancelIsCancelled) {
  const Identity alice = gpg_->MakeIdentity("alice", Algo::kEd25519Cv25519, "pw-alice");
  const std::string message = EncryptShare(Import(alice));
  Context wrong = CustodianContext(alice, "not-the-passphrase");
  EXPECT_EQ(Decrypt(wrong, AsBytes(message)).status().kind(), ErrorKind::kRefused);
  Context cancel = CustodianContext(alice, "");
  cancel.UseLoopbackPassphrases(
      [](const PassphraseRequest&) -> Result<secmem::SecureBytes> { return Cancelled("no"); });
  EXPECT_EQ(Decrypt(cancel, AsBytes(message)).status().kind(), ErrorKind::kCancelled);
}

TEST_F(PgpTest, OneCorruptedByteIsCorrupt) {
  const Identity alice = gpg_->MakeIdentity("alice", Algo::kEd25519Cv25519, "pw-alice");
  const std::string message = EncryptShare(Import(alice));
  // One base64 character of the armored body changed: the armor checksum fails.
  const std::size_t end = message.find("\n=");
  ASSERT_NE(end, std::string::npos);
  std::string damaged = message;
  char& c = damaged[end - 10];
  c = (c == 'A') ? 'B' : 'A';
  Context custodian = CustodianContext(alice, "pw-alice");
  const Status status = Decrypt(custodian, AsBytes(damaged)).status();
  EXPECT_EQ(status.kind(), ErrorKind::kCorrupt) << status.message();
}

TEST_F(PgpTest, EveryByteOfTheEncryptedPacketIsProtected) {
  const Identity alice = gpg_->MakeIdentity("alice", Algo::kEd25519Cv25519, "pw-alice");
  const fs::path armored = gpg_->base_dir() / "alice.shard.asc";
  WriteText(armored, EncryptShare(Import(alice)));
  const std::string binary = gpg_->Gpg(alice, {"--dearmor", "--output", "-", armored.string()}).out;
  // The last 64 bytes lie inside the integrity-protected data packet (literal data + MDC).
  ASSERT_GT(binary.size(), 128u);
  Context custodian = CustodianContext(alice, "pw-alice");
  ASSERT_TRUE(Decrypt(custodian, AsBytes(binary)).ok());
  for (std::size_t i = binary.size() - 64; i < binary.size(); ++i) {
    std::string damaged = binary;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x01);
    const Status status = Decrypt(custodian, AsBytes(damaged)).status();
    EXPECT_EQ(status.kind(), ErrorKind::kCorrupt) << "byte " << i << ": " << status.message();
  }
}

TEST_F(PgpTest, PlaintextLargerThanTheLimitIsRefused) {
  const Identity alice = gpg_->MakeIdentity("alice", Algo::kEd25519Cv25519, "pw-alice");
  const std::string message = EncryptShare(Import(alice));
  Context custodian = CustodianContext(alice, "pw-alice");
  const Status status =
      Decrypt(custodian, AsBytes(message), {.max_plaintext = kShareLine.size() - 1}).status();
  EXPECT_EQ(status.kind(), ErrorKind::kInvalidInput);
  EXPECT_NE(status.message().find("larger than any share"), std::string::npos);
}

TEST_F(PgpTest, MessagesNotEncryptedToACertificateAreRefused) {
  const Identity alice = gpg_->MakeIdentity("alice", Algo::kEd25519Cv25519, "pw-alice");
  const fs::path input = gpg_->base_dir() / "input.txt";
  WriteText(input, std::string(kShareLine));
  const std::string stored =
      gpg_->Gpg(alice, {"--armor", "--store", "--output", "-", input.string()}).out;
  const std::string symmetric =
      gpg_->Gpg(alice, {"--armor", "--symmetric", "--output", "-", input.string()}).out;
  ASSERT_FALSE(stored.empty());
  ASSERT_FALSE(symmetric.empty());
  Context custodian = CustodianContext(alice, "pw-alice");
  for (const std::string& message : {stored, symmetric, std::string()}) {
    EXPECT_EQ(ListRecipients(*ctx_, AsBytes(message)).status().kind(), ErrorKind::kCorrupt);
    EXPECT_EQ(Decrypt(custodian, AsBytes(message)).status().kind(), ErrorKind::kCorrupt);
  }
}

}  // namespace
}  // namespace keyrite::pgp
