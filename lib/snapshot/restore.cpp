// Restoring members to files: each goes to a temporary file beside its final name and is
// published only after the whole snapshot decrypted and every member's SHA-256 matched.

#include <memory>

#include "io/files.h"
#include "snapshot/file.h"
#include "snapshot/snapshot.h"

namespace keyrite::snapshot {
namespace {

// The output paths, named from the header. Nothing is trusted yet: OpenSnapshot authenticates
// the same header (by its signed digest) before any output is published, and member names are
// plain file names by format (no '/', no leading '.').
Result<std::vector<std::string>> TargetsFor(const std::string& path, const std::string& dir,
                                            const std::string& single_out) {
  KR_ASSIGN_OR_RETURN(const Header header, ReadSnapshotHeader(path));
  std::vector<std::string> targets;
  if (!single_out.empty()) {
    if (header.kind != Kind::kSealedFile || header.members.size() != 1) {
      return InvalidInput(path + ": not a sealed file (it is an " +
                          std::string(KindName(header.kind)) + " snapshot)");
    }
    targets.push_back(single_out);
    return targets;
  }
  for (const Member& m : header.members) targets.push_back(io::JoinPath(dir, m.name));
  return targets;
}

Result<SnapshotInfo> DecryptTo(const std::string& path, const secmem::SecureBytes& key,
                               const PublicKey& signer, std::string_view expected_id,
                               const std::vector<std::string>& targets) {
  std::vector<OutputFile> outs;
  for (const std::string& t : targets) {
    KR_ASSIGN_OR_RETURN(OutputFile f, OutputFile::Create(t));
    outs.push_back(std::move(f));
  }
  std::size_t current = 0;
  const MemberSink sink = [&](const Member&, std::span<const std::uint8_t> piece, bool last) {
    if (current >= outs.size()) return Mismatch(path + ": changed while it was being read");
    KR_RETURN_IF_ERROR(outs[current].Write(piece));
    if (last) ++current;
    return OkStatus();
  };
  KR_ASSIGN_OR_RETURN(SnapshotInfo info, OpenSnapshot(path, key, signer, expected_id, sink));
  for (std::size_t i = 0; i < outs.size(); ++i) {
    const Status s = outs[i].Publish();
    if (s.ok()) continue;
    for (std::size_t j = 0; j < i; ++j) outs[j].Retract();
    return s;
  }
  return info;
}

}  // namespace

Result<SnapshotInfo> RestoreSnapshot(const std::string& path,
                                     const secmem::SecureBytes& snapshot_key,
                                     const PublicKey& signer, std::string_view expected_unsealer_id,
                                     const std::string& out_dir) {
  if (!io::IsDirectory(out_dir)) return NotFound(out_dir + ": no such directory");
  KR_ASSIGN_OR_RETURN(auto targets, TargetsFor(path, out_dir, ""));
  return DecryptTo(path, snapshot_key, signer, expected_unsealer_id, targets);
}

Result<SnapshotInfo> OpenSealedFile(const std::string& path,
                                    const secmem::SecureBytes& snapshot_key,
                                    const PublicKey& signer, std::string_view expected_unsealer_id,
                                    const std::string& out) {
  KR_ASSIGN_OR_RETURN(auto targets, TargetsFor(path, "", out));
  return DecryptTo(path, snapshot_key, signer, expected_unsealer_id, targets);
}

}  // namespace keyrite::snapshot
