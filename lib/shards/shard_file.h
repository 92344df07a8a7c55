#pragma once
// Shard files: one custodian's share line encrypted to their certificate, as an armored OpenPGP
// message ("shard-2-of-5.asc", public, mode 0644). This header names them, recognizes them among
// share files, and checks one against its manifest entry without any secret: its SHA-256 and its
// recipients.

#include <cstdint>
#include <span>
#include <string>

#include "base/status.h"
#include "pgp/context.h"
#include "shards/manifest.h"

namespace keyrite::shards {

// "shard-2-of-5.asc"
std::string ShardFileName(std::uint8_t index, std::uint8_t count);

// Where a manifest's shard file is: beside the manifest ("sets/a/manifest.json" +
// "shard-1-of-5.asc" -> "sets/a/shard-1-of-5.asc").
std::string ShardPath(const std::string& manifest_path, const CustodianEntry& custodian);

// True for an armored OpenPGP message ("-----BEGIN PGP MESSAGE-----", after any blank space) or
// binary OpenPGP (the first byte is a packet tag: its high bit is set). Share text never is.
bool LooksLikeOpenPgpMessage(std::span<const std::uint8_t> bytes);

// Reads the shard at `path` and checks it against `custodian` without any secret: the file's
// SHA-256 is the manifest's (Corrupt naming the file otherwise) and it is encrypted to exactly the
// custodian's encryption key (Mismatch naming the file and the custodian otherwise). `ctx` may be
// an empty temporary keyring. Returns the file's bytes (public).
Result<std::string> ReadCheckedShard(pgp::Context& ctx, const std::string& path,
                                     const CustodianEntry& custodian);

// "custodian 2 (Bob <bob@example.org>)"
std::string DescribeCustodian(const CustodianEntry& custodian);

}  // namespace keyrite::shards
