#pragma once
// What a state-changing step or command leaves on disk, as a transcript records it: the files it
// wrote anew (artifacts: names relative to the working directory with their SHA-256) and the
// state of a directory it changed in place (one digest of its listing). Public data only: the
// files hashed are shares encrypted to custodians, sheets, public state, never a plain secret.

#include <string>
#include <vector>

#include "base/status.h"
#include "transcript/record.h"

namespace keyrite::ceremony {

// Every regular file under `paths` (each a file, or a directory walked in name order).
Result<std::vector<std::string>> FilesUnder(const std::vector<std::string>& paths);

// What `paths` hold now, as one SHA-256 (hex) of the lines "PATH SHA-256" of every file under
// them: compared before and after an interrupted action, and recorded for a changed directory.
Result<std::string> StateOf(const std::vector<std::string>& paths);

// The files under `paths` as transcript artifacts, named relative to the working directory; a
// file outside it is left out (the transcript names only what an auditor finds beside it).
Result<transcript::Digests> ArtifactsOf(const std::vector<std::string>& paths);

// Makes the missing parent directories of `paths` ("snapshots/" for "snapshots/a.krsnap").
Status MakeParents(const std::vector<std::string>& paths);

}  // namespace keyrite::ceremony
