#include "ceremony/actions.h"

#include <array>

namespace keyrite::ceremony {
namespace {

using T = ValueType;

constexpr std::string_view kKeyKinds[] = {"secp256k1", "ed25519", "random", "password"};
constexpr std::string_view kKeygenKinds[] = {"secp256k1", "ed25519", "random", "password",
                                             "bip39"};
constexpr std::string_view kSplitFormats[] = {"keyrite", "slip39", "vault", "vault-hex"};
constexpr std::string_view kCombineFormats[] = {"keyrite", "slip39", "ssss", "vault",
                                                "vault-hex"};

// The quorum flags every sitting command shares (cli/sitting_flags.cpp), less --allow-online.
#define KR_QUORUM_ARGS                                                                  \
  ArgSpec{"share", T::kPathList}, ArgSpec{"scan", T::kPathList}, ArgSpec{"typed", T::kBool}, \
      ArgSpec{"gnupghome", T::kPath}

constexpr ArgSpec kDirOnly[] = {{"dir", T::kPath, true}};
constexpr ArgSpec kUnsealerInit[] = {
    {"dir", T::kPath, true},          {"threshold", T::kInt, true},
    {"custodian", T::kPathList, true}, {"expect_fingerprint", T::kFingerprintList},
    {"expect_fingerprints", T::kPath}, {"print", T::kPath}};
constexpr ArgSpec kUnsealerCheck[] = {{"dir", T::kPath, true}, KR_QUORUM_ARGS};
constexpr ArgSpec kUnsealerRekey[] = {
    {"dir", T::kPath, true},           {"threshold", T::kInt},
    {"custodian", T::kPathList, true}, {"expect_fingerprint", T::kFingerprintList},
    {"expect_fingerprints", T::kPath}, KR_QUORUM_ARGS};
constexpr ArgSpec kUnsealerProve[] = {{"dir", T::kPath, true}, {"nonce", T::kString, true},
                                      KR_QUORUM_ARGS};
constexpr ArgSpec kKeystoreAdd[] = {
    {"names", T::kStringList, true, true}, {"dir", T::kPath, true},
    {"kind", T::kString, false, false, kKeyKinds}, {"deliver_to", T::kPathList},
    {"expect_fingerprint", T::kFingerprintList}, {"deliver_dir", T::kPath}, KR_QUORUM_ARGS};
constexpr ArgSpec kKeystoreExport[] = {
    {"names", T::kStringList, false, true}, {"holder", T::kString}, {"dir", T::kPath, true},
    {"to", T::kPath, true}, {"expect_fingerprint", T::kFingerprintList},
    {"out", T::kPath, true}, KR_QUORUM_ARGS};
constexpr ArgSpec kKeystoreAllocate[] = {
    {"dir", T::kPath, true}, {"holder", T::kString, true}, {"count", T::kInt, true},
    {"kind", T::kString, false, false, kKeyKinds}, {"to", T::kPath, true},
    {"expect_fingerprint", T::kFingerprintList}, {"out", T::kPath, true}, KR_QUORUM_ARGS};
constexpr ArgSpec kKeystoreRelease[] = {{"dir", T::kPath, true}, {"holder", T::kString, true},
                                        KR_QUORUM_ARGS};
constexpr ArgSpec kKeystoreAssignments[] = {{"dir", T::kPath, true}, {"html", T::kBool}};
constexpr ArgSpec kSnapshotCreate[] = {{"dir", T::kPath, true}, {"out", T::kPath, true},
                                       KR_QUORUM_ARGS};
constexpr ArgSpec kSnapshotVerify[] = {
    {"file", T::kPath, true, true}, {"pubkey", T::kString}, {"pubkey_file", T::kPath},
    {"unsealer_id", T::kString}, {"dir", T::kPath}};
constexpr ArgSpec kSnapshotTest[] = {{"file", T::kPath, true, true}, {"dir", T::kPath, true},
                                     KR_QUORUM_ARGS};
constexpr ArgSpec kSnapshotRestore[] = {{"file", T::kPath, true, true},
                                        {"dir", T::kPath, true}, KR_QUORUM_ARGS};
constexpr ArgSpec kPaperPrint[] = {
    {"files", T::kPathList, true, true}, {"out", T::kPath, true}, {"manifest", T::kPath},
    {"template", T::kPath}, {"title", T::kString}, {"label", T::kString},
    {"ceremony", T::kString}, {"of", T::kInt}};
constexpr ArgSpec kShardsVerify[] = {{"manifest", T::kPath, true, true}, {"decrypt", T::kBool},
                                     {"gnupghome", T::kPath}};
constexpr ArgSpec kKeygen[] = {
    {"kind", T::kString, true, false, kKeygenKinds}, {"bytes", T::kInt}, {"length", T::kInt},
    {"words", T::kInt}, {"dice", T::kBool}, {"split", T::kString}, {"out", T::kPath, true}};
constexpr ArgSpec kSplit[] = {
    {"threshold", T::kInt, true}, {"shares", T::kInt}, {"in", T::kPath, true},
    {"out", T::kPath, true}, {"to", T::kPathList}, {"expect_fingerprint", T::kFingerprintList},
    {"expect_fingerprints", T::kPath}, {"gnupghome", T::kPath}, {"print", T::kPath},
    {"binary", T::kBool}, {"format", T::kString, false, false, kSplitFormats}};
constexpr ArgSpec kCombine[] = {
    {"shares", T::kPathList, false, true}, {"scan", T::kPathList}, {"typed", T::kBool},
    {"out", T::kPath, true}, {"manifest", T::kPath}, {"gnupghome", T::kPath},
    {"format", T::kString, false, false, kCombineFormats}};

#undef KR_QUORUM_ARGS

constexpr std::span<const ArgSpec> kNoArgs{};

const ActionSpec kActions[] = {
    {"doctor", "doctor", "air-gap and hardening self-check; prints the tool's digest", false,
     false, kNoArgs},
    {"unsealer.init", "unsealer init", "a master key split to the custodians' shards", false,
     true, kUnsealerInit},
    {"unsealer.status", "unsealer status", "the public state; every file checked", false, false,
     kDirOnly},
    {"unsealer.check", "unsealer check", "with a quorum: open every keystore entry", true, false,
     kUnsealerCheck},
    {"unsealer.rekey", "unsealer rekey", "with a quorum: new custodians or threshold", true, true,
     kUnsealerRekey},
    {"unsealer.rotate", "unsealer rotate", "with a quorum: a new master key, new shards", true,
     true, kUnsealerRekey},
    {"unsealer.prove", "unsealer prove", "the new set proves a pending rekey", true, true,
     kUnsealerProve},
    {"unsealer.abort", "unsealer abort", "drop a pending rekey", true, true, kUnsealerProve},
    {"keystore.add", "keystore add", "with a quorum: generate sealed keys; deliver them", true,
     true, kKeystoreAdd},
    {"keystore.export", "keystore export", "with a quorum: keys encrypted to one recipient", true,
     true, kKeystoreExport},
    {"keystore.list", "keystore list", "every key's public parts", false, false, kDirOnly},
    {"keystore.assignments", "keystore assignments", "holders and their public keys", false,
     false, kKeystoreAssignments},
    {"keystore.allocate", "keystore allocate", "with a quorum: pool keys to a holder", true, true,
     kKeystoreAllocate},
    {"keystore.release", "keystore release", "with a quorum: a holder's keys back to the pool",
     true, true, kKeystoreRelease},
    {"snapshot.create", "snapshot create", "with a quorum: a signed, encrypted snapshot", true,
     true, kSnapshotCreate},
    {"snapshot.verify", "snapshot verify", "check a snapshot without any secret", false, false,
     kSnapshotVerify},
    {"snapshot.test", "snapshot verify --test", "with a quorum: decrypt and check every member",
     true, false, kSnapshotTest},
    {"snapshot.restore", "snapshot restore", "with a quorum: a new unsealer from a snapshot", true,
     true, kSnapshotRestore},
    {"paper.print", "paper print", "share sheets (PDF) and envelope labels", false, true,
     kPaperPrint},
    {"shards.verify", "shards verify", "every shard against its manifest (--decrypt: each opens)",
     false, false, kShardsVerify},
    {"keygen", "keygen", "generate a key into a split or a new file (never shown)", false, true,
     kKeygen},
    {"split", "split", "t-of-n shares or shards of a secret file", false, true, kSplit},
    {"combine", "combine", "recover a secret from a quorum of shares", false, true, kCombine},
    {"manual", "", "a human step: people act, then confirm", false, false, kNoArgs},
    {"record", "", "people type values in (serials, fingerprints)", false, false, kNoArgs},
    {"confirm", "", "a read-aloud check confirmed by initials", false, false, kNoArgs},
};

}  // namespace

std::span<const ActionSpec> AllActions() { return kActions; }

const ActionSpec* FindAction(std::string_view name) {
  for (const ActionSpec& a : kActions) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

std::vector<std::string> CommandWords(const ActionSpec& action) {
  std::vector<std::string> words;
  for (std::string_view rest = action.command; !rest.empty();) {
    const std::size_t space = rest.find(' ');
    words.emplace_back(rest.substr(0, space));
    rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
  }
  return words;
}

const ArgSpec* FindArg(const ActionSpec& action, std::string_view name) {
  for (const ArgSpec& a : action.args) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

}  // namespace keyrite::ceremony
