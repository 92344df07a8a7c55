#pragma once
// The desks `keyrite ceremony run|resume` and `keyrite demo` drive a ceremony through
// (ceremony/runner.h): the terminal of a real ceremony, or a rehearsal's answers file. Both run
// each step's keyrite command in this process and close the transcript with the unsealer's
// signing key, opened by a quorum sitting (the rehearsal's throwaway keyring, or the custodians'
// own gpg-agent).

#include <memory>
#include <string>
#include <vector>

#include "ceremony/answers.h"
#include "ceremony/rehearsal.h"
#include "ceremony/runner.h"
#include "io/prompt.h"

namespace keyrite::cli {

// Where the installed ceremony scripts are, found from the executable's own place.
std::string DefaultScriptsDir();
// `script` as given, or, when it is a bare name ("unsealer-init") and no such file exists, the
// installed script of that name.
std::string FindScript(const std::string& script);

class CliDesk : public ceremony::Desk {
 public:
  // `gnupghome` (empty: GNUPGHOME or ~/.gnupg) is where the closing sitting's shards open.
  explicit CliDesk(std::string gnupghome) : gnupghome_(std::move(gnupghome)) {}
  void Show(std::string_view text) override;
  int RunKeyrite(const std::vector<std::string>& words) override;
  Result<ceremony::CheckpointKey> ClosingKey(const std::string& unsealer_dir) override;

 private:
  std::string gnupghome_;
};

// A real ceremony: every answer typed at the controlling terminal.
class TerminalDesk final : public CliDesk {
 public:
  TerminalDesk(std::unique_ptr<io::Prompter> terminal, std::string gnupghome)
      : CliDesk(std::move(gnupghome)), terminal_(std::move(terminal)) {}
  Result<std::string> Ask(const ceremony::Question& question) override;

 private:
  std::unique_ptr<io::Prompter> terminal_;
};

// A rehearsal: answers from the answers file; fields it does not give are filled with rehearsal
// values (the cast's fingerprints for fingerprint fields), each shown as it is used.
class RehearsalDesk final : public CliDesk {
 public:
  // `cast` is filled in when the run prepares (before the first question); its keyring is
  // `keyring`.
  RehearsalDesk(ceremony::Answers answers, const ceremony::Cast& cast, std::string keyring)
      : CliDesk(std::move(keyring)), answers_(std::move(answers)), cast_(cast) {}
  Result<std::string> Ask(const ceremony::Question& question) override;

 private:
  std::string StandIn(const ceremony::Question& question) const;

  ceremony::Answers answers_;
  const ceremony::Cast& cast_;
};

// Words a rehearsal adds to an action's command: --gnupghome for the rehearsal keyring where the
// action takes one, and --allow-online (when `allow_online`) where it is accepted.
std::vector<std::string> ExtraWords(const ceremony::ActionSpec& action, const std::string& keyring,
                                    bool allow_online);

}  // namespace keyrite::cli
