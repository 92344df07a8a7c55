#pragma once
// The scripts in a directory (ceremony-scripts/): each *.toml file parsed and summarized for
// `keyrite ceremony list`. A file that does not parse is listed with its problem, never skipped.
// Summaries are public.

#include <cstddef>
#include <string>
#include <vector>

#include "base/status.h"

namespace keyrite::ceremony {

struct CatalogEntry {
  std::string path;
  std::string name, version, title;
  std::vector<std::string> roles;  // "administrator (administrator)", in script order
  std::size_t steps = 0;
  std::string problem;  // the parse error; empty when the script parsed
};

// Every *.toml file of `dir`, sorted by file name. NotFound when `dir` is not a directory.
Result<std::vector<CatalogEntry>> ListScripts(const std::string& dir);

}  // namespace keyrite::ceremony
