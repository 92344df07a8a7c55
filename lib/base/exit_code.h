#pragma once
// The process exit codes of keyrite: one table, documented in docs/exit-codes.md and keyrite(1).
// Each ErrorKind maps to exactly one code; scripts may rely on these numbers.

#include "base/status.h"

namespace keyrite {

enum class ExitCode : int {
  kSuccess = 0,
  kInternal = 1,      // a bug or a library failure; report it
  kUsage = 2,         // unknown flag, missing argument, bad parameter value
  kInvalidInput = 3,  // malformed input: a bad share line, empty input
  kCorrupt = 4,       // an integrity check failed: checksum, commitment, digest
  kInsufficient = 5,  // fewer shares than the threshold
  kMismatch = 6,      // inputs that do not belong together: mixed sets, duplicates
  kNotFound = 7,      // a named file does not exist
  kIo = 8,            // a read or write failed
  kExists = 9,        // the output exists; nothing was overwritten
  kUnsupported = 10,  // unknown version or format
  kRefused = 11,      // refused by policy: online, terminal output, weak certificate
  kCancelled = 12,    // stopped by the user
};

constexpr ExitCode ExitCodeFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kOk: return ExitCode::kSuccess;
    case ErrorKind::kInvalidArgument: return ExitCode::kUsage;
    case ErrorKind::kInvalidInput: return ExitCode::kInvalidInput;
    case ErrorKind::kCorrupt: return ExitCode::kCorrupt;
    case ErrorKind::kInsufficient: return ExitCode::kInsufficient;
    case ErrorKind::kMismatch: return ExitCode::kMismatch;
    case ErrorKind::kNotFound: return ExitCode::kNotFound;
    case ErrorKind::kIo: return ExitCode::kIo;
    case ErrorKind::kExists: return ExitCode::kExists;
    case ErrorKind::kUnsupported: return ExitCode::kUnsupported;
    case ErrorKind::kRefused: return ExitCode::kRefused;
    case ErrorKind::kCancelled: return ExitCode::kCancelled;
    case ErrorKind::kInternal: return ExitCode::kInternal;
  }
  return ExitCode::kInternal;
}

}  // namespace keyrite
