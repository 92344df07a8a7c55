#pragma once
// A keyrite command run on its own, outside a ceremony script, recorded in an open transcript
// (`keyrite --record FILE COMMAND …`): every state-changing command — one whose action
// changes state in the registry (actions.h) — appends one record with its command line, exit
// status and outcome, the artifacts it wrote and the state of a directory it changed
// (outputs.h), exactly as a ceremony step's record holds them. Read-only commands append nothing.
// A command line holds no secret: keyrite never takes one in argv.

#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "ceremony/actions.h"

namespace keyrite::ceremony {

// The state-changing action that `words` (the arguments after "keyrite") run, or null.
const ActionSpec* StateChangingAction(const std::vector<std::string>& words);

// Checks, before the command runs, that `transcript_path` is a transcript still open (it exists,
// verifies up to its last record and has no checkpoint): its errors otherwise.
Status CheckOpenTranscript(const std::string& transcript_path, Clock& clock);

// Appends the record of `words`, which ended with `exit_code`, when it is state-changing.
Status RecordCommand(const std::string& transcript_path, const std::vector<std::string>& words,
                     int exit_code, Clock& clock);

}  // namespace keyrite::ceremony
