#pragma once
// The ceremony-script linter: everything that parses but would fail or mislead at the ceremony
// (unknown actions, bad or missing arguments, undefined references, roles, confirmers, threshold
// against custodians, empty acts, duplicate ids, a missing preflight). It returns every finding,
// not just the first, so a reviewer fixes a script in one pass. Findings hold no secret.

#include <string>
#include <vector>

#include "ceremony/script.h"

namespace keyrite::ceremony {

struct Finding {
  std::string file;
  int line = 0;
  std::string step;  // the step id, or empty for the script as a whole
  std::string message;  // one line a person can act on
};

// Every finding, in the order of the script.
std::vector<Finding> LintScript(const Script& script);

// "FILE:LINE: step ID: message" (or "FILE:LINE: message").
std::string FormatFinding(const Finding& finding);

}  // namespace keyrite::ceremony
