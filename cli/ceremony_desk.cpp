#include "ceremony_desk.h"

#include <cstdio>
#include <filesystem>

#include "base/digest.h"
#include "base/hex.h"
#include "base/rng.h"
#include "io/files.h"
#include "ops/quorum.h"
#include "run.h"
#include "unsealer/signing_key.h"

namespace keyrite::cli {
namespace {

namespace fs = std::filesystem;

// The actions whose commands accept --allow-online.
bool TakesAllowOnline(const ceremony::ActionSpec& action) {
  for (std::string_view name : {"unsealer.init", "keygen", "split", "combine", "shards.verify"}) {
    if (action.name == name) return true;
  }
  return action.quorum;
}

}  // namespace

std::string DefaultScriptsDir() {
  std::error_code error;
  const fs::path bin = fs::read_symlink("/proc/self/exe", error).parent_path();
  const fs::path candidates[] = {bin / "../share/keyrite/ceremony-scripts",
                                 bin / "../../ceremony-scripts"};
  for (const fs::path& dir : candidates) {
    if (!error && io::IsDirectory(dir.lexically_normal().string())) {
      return dir.lexically_normal().string();
    }
  }
  return "/usr/share/keyrite/ceremony-scripts";
}

std::string FindScript(const std::string& script) {
  std::error_code error;
  if (fs::exists(script, error) || script.find('/') != std::string::npos) return script;
  const std::string installed =
      DefaultScriptsDir() + "/" + script + (script.ends_with(".toml") ? "" : ".toml");
  return fs::exists(installed, error) ? installed : script;
}

void CliDesk::Show(std::string_view text) {
  std::printf("%.*s\n", static_cast<int>(text.size()), text.data());
  std::fflush(stdout);
}

int CliDesk::RunKeyrite(const std::vector<std::string>& words) {
  std::vector<std::string> args = {"keyrite"};
  args.insert(args.end(), words.begin(), words.end());
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::fflush(stdout);
  const int rc = cli::RunKeyrite(static_cast<int>(args.size()), argv.data());
  std::fflush(stdout);
  std::fflush(stderr);
  return rc;
}

Result<ceremony::CheckpointKey> CliDesk::ClosingKey(const std::string& unsealer_dir) {
  if (!unsealer_dir.empty() && io::IsDirectory(unsealer_dir)) {
    Show("   The custodians open their shards once more: the signing key of " + unsealer_dir +
         " signs the transcript.");
    KR_ASSIGN_OR_RETURN(
        ops::Sitting sitting,
        ops::OpenSitting(unsealer_dir, {.gnupghome = gnupghome_}, ops::QuorumOf::kCurrent));
    return ceremony::CheckpointKey{std::move(sitting.signing.secret), sitting.signing.public_hex};
  }
  Show(
      "   This ceremony has no unsealer: a one-time key signs the transcript; its public half "
      "is printed below, and the closing digest on paper is what anchors it.");
  unsealer::SigningKey once = unsealer::GenerateSigningKey(SystemRng());
  return ceremony::CheckpointKey{std::move(once.secret), once.public_hex};
}

Result<std::string> TerminalDesk::Ask(const ceremony::Question& question) {
  return terminal_->ReadLine(question.prompt + ": ");
}

std::string RehearsalDesk::StandIn(const ceremony::Question& q) const {
  using FieldKind = ceremony::FieldKind;
  const std::string tag = q.name + "-" + std::to_string(q.index + 1);
  switch (q.field) {
    case FieldKind::kFingerprint:
      if (q.index < cast_.custodians.size()) return cast_.custodians[q.index];
      if (q.index < cast_.fingerprints.size()) return cast_.fingerprints[q.index];
      return ToHex(Sha256(tag)).substr(0, 40);
    case FieldKind::kDigest:
      return ToHex(Sha256(tag));
    case FieldKind::kNumber:
      return std::to_string(q.index + 1);
    case FieldKind::kSerial:
      return "R-" + std::to_string(q.index + 1);
    case FieldKind::kText:
      return "rehearsal " + tag;
  }
  return "rehearsal";
}

Result<std::string> RehearsalDesk::Ask(const ceremony::Question& q) {
  using Kind = ceremony::Question::Kind;
  std::string answer;
  if (q.kind == Kind::kInitials) {
    const auto it = answers_.initials.find(q.name);
    if (it == answers_.initials.end()) {
      return NotFound("the answers file gives no initials for the role " + q.name +
                      " (add it under [initials])");
    }
    answer = it->second;
  } else if (q.kind == Kind::kSkip) {
    const auto it = answers_.skip.find(q.name);
    if (it == answers_.skip.end()) return std::string();
    answer = it->second;
  } else {
    const auto it = answers_.fields.find(q.name);
    answer = it != answers_.fields.end() && q.index < it->second.size() ? it->second[q.index]
                                                                        : StandIn(q);
  }
  Show("   " + q.prompt + ": " + answer + "   [rehearsal]");
  return answer;
}

std::vector<std::string> ExtraWords(const ceremony::ActionSpec& action, const std::string& keyring,
                                    bool allow_online) {
  std::vector<std::string> words;
  if (!keyring.empty() && ceremony::FindArg(action, "gnupghome") != nullptr) {
    words.insert(words.end(), {"--gnupghome", keyring});
  }
  if (allow_online && TakesAllowOnline(action)) words.push_back("--allow-online");
  return words;
}

}  // namespace keyrite::cli
