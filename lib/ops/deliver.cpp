#include "ops/deliver.h"

#include "io/files.h"
#include "pgp/context.h"
#include "pgp/encrypt.h"
#include "pgp/temp_keyring.h"
#include "shards/custodians.h"

namespace keyrite::ops {
namespace {

struct Judged {
  pgp::TempKeyring keyring;
  pgp::Context ctx;
  std::vector<pgp::Certificate> certs;
};

Result<Judged> Judge(const Recipients& recipients, Clock& clock) {
  if (recipients.certificates.empty()) return InvalidArgument("no recipient certificate given");
  KR_ASSIGN_OR_RETURN(pgp::TempKeyring keyring, pgp::TempKeyring::Create());
  KR_ASSIGN_OR_RETURN(pgp::Context ctx, pgp::Context::Create(keyring.home()));
  shards::CustodianCheckOptions options{clock.NowUnixSeconds(), recipients.expected_fingerprints,
                                        recipients.confirm};
  KR_ASSIGN_OR_RETURN(std::vector<pgp::Certificate> certs,
                      shards::LoadCustodians(ctx, recipients.certificates, options));
  return Judged{std::move(keyring), std::move(ctx), std::move(certs)};
}

Result<Delivered> EncryptAndWrite(Judged& judged, const pgp::Certificate& cert,
                                  std::span<const std::uint8_t> secret_text,
                                  const std::string& path) {
  Result<std::string> message = pgp::EncryptTo(judged.ctx, cert, secret_text);
  if (!message.ok()) return message.status().WithContext(cert.origin);
  KR_RETURN_IF_ERROR(io::WriteNewFile(path, *message, io::FileMode::kPublic));
  return Delivered{path, cert.user_id, cert.fingerprint};
}

}  // namespace

Status CheckRecipients(const Recipients& recipients, Clock& clock) {
  return Judge(recipients, clock).status();
}

Result<std::vector<Delivered>> DeliverSecret(std::span<const std::uint8_t> secret_text,
                                             const std::string& base_name,
                                             const Recipients& recipients,
                                             const std::string& out_dir, Clock& clock) {
  KR_ASSIGN_OR_RETURN(Judged judged, Judge(recipients, clock));
  if (!io::IsDirectory(out_dir)) KR_RETURN_IF_ERROR(io::MakeDirectory(out_dir));
  std::vector<Delivered> done;
  for (const pgp::Certificate& cert : judged.certs) {
    const std::string name = base_name + "-to-" + cert.fingerprint.substr(24) + ".asc";
    Result<Delivered> one = EncryptAndWrite(judged, cert, secret_text, io::JoinPath(out_dir, name));
    if (!one.ok()) {
      for (const Delivered& d : done) io::RemoveQuietly(d.file);
      return one.status();
    }
    done.push_back(std::move(one).value());
  }
  return done;
}

Result<Delivered> DeliverSecretTo(std::span<const std::uint8_t> secret_text,
                                  const Recipients& recipient, const std::string& out_file,
                                  Clock& clock) {
  if (recipient.certificates.size() != 1) return InvalidArgument("give exactly one --to CERT");
  KR_ASSIGN_OR_RETURN(Judged judged, Judge(recipient, clock));
  return EncryptAndWrite(judged, judged.certs.front(), secret_text, out_file);
}

}  // namespace keyrite::ops
