#pragma once
// shards verify: checks every shard file of a set against its manifest. Without a secret: each
// file exists, has the SHA-256 the manifest records and is encrypted to exactly that custodian's
// encryption key. With `decrypt`: in addition, each custodian in turn decrypts their own shard
// through their gpg-agent, and it must hold one share of this set with that custodian's index and
// the set's threshold. All n custodians are checked, not just a quorum; nothing is combined and
// nothing is written. Decrypted lines exist only in SecureBytes and are wiped at once.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "io/prompt.h"
#include "shards/manifest.h"

namespace keyrite::ops {

struct ShardsVerifyRequest {
  std::string manifest;  // path of manifest.json; the shards are beside it
  bool decrypt = false;
  std::string gnupghome =
      {};  // with decrypt: the custodians' keyring (empty: GNUPGHOME or ~/.gnupg)
  io::Prompter* passphrases = nullptr;  // with decrypt: loopback passphrases (echo off)
  // Told before each custodian decrypts ("custodian 2 of 5, Bob <...>: decrypting ..."); optional.
  std::function<void(std::string_view)> progress = {};
};

struct CustodianVerdict {
  shards::CustodianEntry custodian;
  std::string path;        // the shard file checked
  Status status;           // ok, or the first check it failed
  bool decrypted = false;  // it was decrypted and its share matched
};

struct ShardsVerifyReport {
  shards::Manifest manifest;
  std::string manifest_path;
  bool decrypt = false;
  std::vector<CustodianVerdict> custodians;  // all of them, in custodian order

  // The first failure in custodian order, or ok.
  Status FirstFailure() const;
};

// Fails only when the manifest cannot be read or a keyring cannot be opened; per-custodian
// failures are in the report.
Result<ShardsVerifyReport> VerifyShards(const ShardsVerifyRequest& request);

}  // namespace keyrite::ops
