#pragma once
// A rehearsal's answers file (TOML): what the people of a rehearsal would type — each role's
// initials, the fields a step records, and which skippable steps are skipped and why. Only a
// rehearsal reads one; a real ceremony takes every answer at the keyboard
// (docs/ceremony-scripts.md).
//
//   [initials]
//   administrator = "AD"
//   [fields]
//   envelope_serials = ["E-101", "E-102"]
//   [skip]
//   backup = "no backup media at a rehearsal"

#include <map>
#include <string>
#include <vector>

#include "base/status.h"

namespace keyrite::ceremony {

inline constexpr std::size_t kMaxAnswersBytes = 64 * 1024;

struct Answers {
  std::map<std::string, std::string, std::less<>> initials;             // role id -> initials
  std::map<std::string, std::vector<std::string>, std::less<>> fields;  // field -> values in order
  std::map<std::string, std::string, std::less<>> skip;                 // step id -> reason
};

// InvalidInput naming FILE:LINE for bad TOML, an unknown table or a value of the wrong type.
Result<Answers> ParseAnswers(std::string_view text, const std::string& file);
// Reads and parses; NotFound / IoError name the file.
Result<Answers> ReadAnswersFile(const std::string& path);

}  // namespace keyrite::ceremony
