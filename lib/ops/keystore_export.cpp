#include "ops/keystore_export.h"

#include "io/files.h"
#include "unsealer/store.h"

namespace keyrite::ops {
namespace {

using unsealer::KeyEntry;

Result<secmem::SecureBytes> FirstLine(const secmem::SecureBytes& text) {
  std::string_view line = text.view().substr(0, text.view().find('\n'));
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.empty()) return InvalidArgument("the keystore v3 passphrase is empty; give one");
  return secmem::SecureBytes::CopyOf(line);
}

Result<secmem::SecureBytes> TypedTwice(io::Prompter& terminal) {
  KR_ASSIGN_OR_RETURN(secmem::SecureBytes first,
                      terminal.ReadSecretLine("Passphrase for the keystore v3 file: "));
  KR_ASSIGN_OR_RETURN(const secmem::SecureBytes again, terminal.ReadSecretLine("Once more: "));
  if (first.view() != again.view()) {
    return InvalidInput("the two passphrases differ; nothing was written");
  }
  if (first.empty()) return InvalidArgument("the keystore v3 passphrase is empty; give one");
  return first;
}

Result<const KeyEntry*> FindSecp256k1(const std::vector<KeyEntry>& entries, const std::string& name) {
  const KeyEntry* e = unsealer::FindEntry(entries, name);
  if (e == nullptr) return NotFound("no key \"" + name + "\" in the keystore");
  if (e->kind != keys::KeyKind::kSecp256k1) {
    return InvalidArgument("keystore-v3 holds secp256k1 keys only; \"" + name + "\" is " +
                           std::string(keys::KeyKindName(e->kind)));
  }
  return e;
}

// The entry's private key, checked against its recorded address.
Result<secmem::SecureBytes> OpenPrivateKey(const Sitting& sitting, const KeyEntry& e) {
  KR_ASSIGN_OR_RETURN(secmem::SecureBytes secret,
                      unsealer::OpenEntry(sitting.KeystoreKey(), sitting.unsealer.state.id, e));
  KR_ASSIGN_OR_RETURN(keys::KeyMaterial m, keys::DescribeKey(e.kind, std::move(secret)));
  if (m.address != e.address) {
    return Corrupt("keystore entry \"" + e.name + "\": its secret does not match its address");
  }
  return std::move(m.secret);
}

Status RecordExport(Sitting& sitting, const KeyEntry& e, const std::string& out, Clock& clock) {
  unsealer::AuditDetails d = {{"name", e.name}, {"kind", "secp256k1"}, {"address", e.address},
                              {"format", "keystore-v3"}, {"file", out}};
  return unsealer::Commit(sitting.unsealer.dir, &sitting.unsealer, sitting.unsealer.state,
                          sitting.unsealer.entries, {{"keystore export", std::move(d)}},
                          sitting.signing, clock)
      .status();
}

}  // namespace

Result<secmem::SecureBytes> ReadPassphrase(int fd, io::Prompter* terminal) {
  if (fd >= 0) {
    const std::string path = "/dev/fd/" + std::to_string(fd);
    KR_ASSIGN_OR_RETURN(const secmem::SecureBytes text, io::ReadSecretFile(path, kMaxPassphraseBytes));
    return FirstLine(text);
  }
  if (terminal == nullptr) {
    return InvalidArgument("no terminal for the passphrase: run at a terminal or give "
                           "--passphrase-fd N");
  }
  return TypedTwice(*terminal);
}

Result<KeystoreReport> ExportKeystoreV3(const KeystoreV3ExportRequest& request, Rng& rng,
                                        Clock& clock) {
  if (request.out.empty()) return InvalidArgument("say where the keystore file goes: --out FILE");
  if (io::PathExists(request.out)) {
    return AlreadyExists(request.out + ": already exists; nothing was written");
  }
  KR_ASSIGN_OR_RETURN(const secmem::SecureBytes passphrase,
                      ReadPassphrase(request.passphrase_fd, request.terminal));
  KR_ASSIGN_OR_RETURN(Sitting sitting, OpenSitting(request.dir, request.quorum, QuorumOf::kCurrent));
  KR_RETURN_IF_ERROR(CheckNoPending(sitting.unsealer.state));
  KR_ASSIGN_OR_RETURN(const KeyEntry* e, FindSecp256k1(sitting.unsealer.entries, request.name));
  KR_ASSIGN_OR_RETURN(const secmem::SecureBytes key, OpenPrivateKey(sitting, *e));
  KR_ASSIGN_OR_RETURN(const std::string json,
                      keys::EncryptKeystoreV3(key, passphrase, request.params, rng));
  KR_RETURN_IF_ERROR(io::WriteNewFile(request.out, json + "\n", io::FileMode::kSecret));
  const Status recorded = RecordExport(sitting, *e, request.out, clock);
  if (!recorded.ok()) {
    io::RemoveQuietly(request.out);
    return recorded;
  }
  return KeystoreReport{{*e}, {}, std::move(sitting.used), 0};
}

}  // namespace keyrite::ops
