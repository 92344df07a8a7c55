#pragma once
// Snapshots (docs/formats/snapshot-v1.md): one signed, encrypted file holding named members
// (an unsealer's files, or one sealed external file), written and read in constant memory.
// The caller lends the 32-byte snapshot key and the ed25519 signing key (libsodium's 64-byte
// secret key), both secret, in SecureBytes; this module keeps no copy. Member contents are
// secret and only ever sit in locked buffers; the header (names, sizes, digests), the unsealer
// id and the signer's public key are public. Outputs are never replaced and appear only whole.

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "secmem/secure_bytes.h"
#include "snapshot/format.h"

namespace keyrite::snapshot {

// What a snapshot is sealed with and for. Borrowed; both keys are secret.
struct SealKeys {
  const secmem::SecureBytes& snapshot_key;  // 32 bytes
  const secmem::SecureBytes& signing_key;   // 64 bytes, crypto_sign secret key
  std::string unsealer_id;                  // 16 hex digits
};

// One member to write: the file at `path`, or (path empty) the bytes of `bytes`, borrowed.
struct MemberSource {
  std::string name;
  std::string path;
  std::span<const std::uint8_t> bytes = {};
};

// What a snapshot says about itself, all public.
struct SnapshotInfo {
  Header header;
  std::uint64_t file_bytes = 0;
  std::uint64_t chunk_count = 0;
  // SHA-256 of the signed message: names this exact snapshot (e.g. in an audit log).
  Digest snapshot_digest{};
};

// Writes a new snapshot at `out` (AlreadyExists if it exists; nothing is left on failure).
// Each member file is read twice (sizes and SHA-256 first, then encrypted); a member that
// changes in between fails the write (Mismatch). The file is signed, then verified before it
// appears under its name.
Result<SnapshotInfo> WriteSnapshot(const std::string& out, Kind kind,
                                   const std::vector<MemberSource>& members, const SealKeys& keys,
                                   Clock& clock);
// One external file of any size as a sealed-file snapshot; its member is named after the file.
Result<SnapshotInfo> SealFile(const std::string& in, const std::string& out, const SealKeys& keys,
                              Clock& clock);

// Public verify, no secret: structure, version, every size, the signature with `signer`, every
// chunk against its signed digest, truncation and trailing bytes. When `expected_unsealer_id` is
// not empty the snapshot must be bound to that unsealer (Mismatch). Errors say what and where:
// "header: ...", "chunk 17: ...", "truncated in chunk 17", "3 bytes after the end",
// "signed by another key", "bound to unsealer X, expected Y".
Result<SnapshotInfo> VerifySnapshot(const std::string& path, const PublicKey& signer,
                                    std::string_view expected_unsealer_id = {});

// The header alone, parsed but NOT authenticated: for naming outputs and display only.
Result<Header> ReadSnapshotHeader(const std::string& path);

// Receives the plaintext of each member in order, a piece at a time (`last` on its final piece,
// which may be empty). The bytes are borrowed and wiped after the call. The snapshot is only
// known good when the Open call returns ok; on failure the caller must discard what it got.
using MemberSink = std::function<Status(const Member& member, std::span<const std::uint8_t> piece,
                                        bool last)>;

// Everything VerifySnapshot does, and with the key: decrypts every chunk in locked memory and
// checks every member's SHA-256. With a null sink nothing is written anywhere (a "test verify").
// A wrong key is Mismatch ("does not decrypt with this key").
Result<SnapshotInfo> OpenSnapshot(const std::string& path, const secmem::SecureBytes& snapshot_key,
                                  const PublicKey& signer, std::string_view expected_unsealer_id,
                                  const MemberSink& sink);
Result<SnapshotInfo> TestSnapshot(const std::string& path, const secmem::SecureBytes& snapshot_key,
                                  const PublicKey& signer,
                                  std::string_view expected_unsealer_id = {});

// Decrypts every member into `out_dir` (which must exist) as a file named after it (0600), each
// written under a temporary name and published only when the whole snapshot checked out; an
// existing file of that name fails the restore (AlreadyExists) and nothing is left.
Result<SnapshotInfo> RestoreSnapshot(const std::string& path,
                                     const secmem::SecureBytes& snapshot_key,
                                     const PublicKey& signer, std::string_view expected_unsealer_id,
                                     const std::string& out_dir);
// The one member of a sealed-file snapshot into the new file `out`.
Result<SnapshotInfo> OpenSealedFile(const std::string& path,
                                    const secmem::SecureBytes& snapshot_key,
                                    const PublicKey& signer, std::string_view expected_unsealer_id,
                                    const std::string& out);

}  // namespace keyrite::snapshot
