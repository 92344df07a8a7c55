#pragma once
// Reading a ceremony script (TOML, format keyrite-ceremony-v1) into the model of script.h. The
// parser checks shape: unknown keys, wrong types, sizes, ids, duplicate step ids and the format
// version, and stops at the first problem with one line "FILE:LINE: KEY: what to do". Whether
// the script makes sense (actions, arguments, references, roles) is lint.h's job.

#include <string>
#include <string_view>

#include "base/status.h"
#include "ceremony/script.h"

namespace keyrite::ceremony {

// Parses `text`, read from `file` (used in messages and kept in Script::file). InvalidInput for
// bad TOML or a bad key, Unsupported for another `format`.
Result<Script> ParseScript(std::string_view text, std::string_view file);

// Reads (at most kMaxScriptBytes) and parses a script file; NotFound / IoError name the file.
Result<Script> ReadScriptFile(const std::string& path);

}  // namespace keyrite::ceremony
