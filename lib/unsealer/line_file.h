#pragma once
// Reads a public line-oriented file (keystore, audit log) a block at a time, hashing every byte and
// handing each line to a reader as it is completed: checking a file against its recorded digest
// and parsing it is one pass, and the whole text is never held. Nothing read here is secret.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "base/digest.h"
#include "base/status.h"

namespace keyrite::unsealer {

// A line as read: `complete` is false only for a last line with no final newline.
using LineSink = std::function<Status(std::string_view line, bool complete)>;

struct ScannedFile {
  Sha256Digest sha256{};  // of every byte of the file, even past a line the sink refused
  Status lines;           // the sink's first error (no line is handed on after it), or OK
};

// Lines longer than this are refused without being held (no keyrite line comes near it).
inline constexpr std::size_t kMaxLineBytes = std::size_t{1} << 20;

// NotFound or IoError naming `path` when the file cannot be opened or read.
Result<ScannedFile> ScanLines(const std::string& path, std::string_view origin,
                              const LineSink& sink);

// The same line splitting over text in memory (no digest): the sink's first error, or OK.
Status SplitLines(std::string_view text, const LineSink& sink);

}  // namespace keyrite::unsealer
