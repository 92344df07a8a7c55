#pragma once
// The ceremony runner: drives a script step by step, records every step and every exception in
// a transcript v1, and closes it with a signed checkpoint. A run that stops — a failed action, a
// crash, a killed process — is continued from its transcript (`resume`): finished steps are
// never run again, and a state-changing step interrupted after its action had written its
// outputs is recorded as such rather than run a second time (docs/ceremony-scripts.md).
//
// People and the tool are reached through a Desk, so the same runner serves a terminal, a
// rehearsal's answers file and the tests. Everything the runner records is public.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ceremony/run_values.h"
#include "ceremony/script.h"
#include "pgp/detached_signature.h"
#include "secmem/secure_bytes.h"
#include "transcript/writer.h"

namespace keyrite::ceremony {

// One line people type: a role's initials, one entry of a recorded field, or whether a
// skippable step is skipped (empty answer: do it; otherwise the reason).
struct Question {
  enum class Kind { kInitials, kField, kSkip };
  Kind kind = Kind::kInitials;
  std::string name;       // role id, field name or step id
  std::size_t index = 0;  // the field entry, from 0
  FieldKind field = FieldKind::kText;
  std::string prompt;  // what people see
};

// The key that signs a closing checkpoint: libsodium's 64-byte Ed25519 secret key and its
// public half (64 lowercase hex digits). The ceremony layer holds no unsealer: the desk opens it.
struct CheckpointKey {
  secmem::SecureBytes secret;
  std::string public_hex;
};

class Desk {
 public:
  virtual ~Desk() = default;
  // Text for the people in the room: step headers, instructions, results.
  virtual void Show(std::string_view text) = 0;
  // One answer; Cancelled when nobody can answer (end of input).
  virtual Result<std::string> Ask(const Question& question) = 0;
  // Runs one keyrite command (the words after "keyrite") and returns its exit code.
  virtual int RunKeyrite(const std::vector<std::string>& words) = 0;
  // The key that signs the closing checkpoint: the signing key of the unsealer in
  // `unsealer_dir`, the last one the script's steps worked on; when empty (a script without an
  // unsealer), or when it is not there, a one-time key.
  virtual Result<ceremony::CheckpointKey> ClosingKey(const std::string& unsealer_dir) = 0;
};

struct RunRequest {
  std::string script_path;
  std::string transcript_path;
  std::vector<std::string> settings;  // "NAME=VALUE" (a new run only)
  bool rehearsal = false;             // a new run only; a resumed one keeps the header's
  bool resume = false;
  // Called with the resolved parameters before the first step, and again on resume: a
  // rehearsal makes its throwaway identities here (rehearsal.h). May fill parameters in.
  std::function<Status(Values&)> prepare = {};
  // Words every command gets after its own (a rehearsal on an online machine: --allow-online),
  // for the actions this accepts.
  std::function<std::vector<std::string>(const ActionSpec&)> extra_words = {};
  // The auditor's OpenPGP key, when the auditor also signs the closed transcript (a detached
  // signature written to "<transcript>.sig"; transcript/writer.h).
  std::optional<pgp::Signer> auditor = std::nullopt;
};

struct RunSummary {
  transcript::CheckpointInfo checkpoint;
  std::string transcript_path;
  bool rehearsal = false;
  std::size_t steps_done = 0;        // by this invocation
  std::size_t steps_resumed = 0;     // already done before it
  std::vector<std::string> outputs;  // every artifact recorded, in order of first appearance
};

// Runs (or resumes) a ceremony. Errors: those of reading the script and the transcript; Exists
// when a new run's transcript exists; Refused when the script changed since the transcript
// began or is another ceremony's; the exit code's kind of an action that failed (its failure is
// recorded first); Cancelled when people stop.
Result<RunSummary> RunCeremony(const RunRequest& request, Desk& desk);

}  // namespace keyrite::ceremony
