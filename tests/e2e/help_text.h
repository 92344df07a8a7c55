#pragma once
// Reading keyrite's --help text the way a person does: the long options it lists and the
// subcommands under its "Subcommands:" heading. Shared by the man-page and completion tests.

#include <cctype>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace keyrite::testing {

// Every "--name" in the text, without the dashes.
inline std::set<std::string> LongOptions(const std::string& help) {
  std::set<std::string> out;
  const std::regex option("--([a-z][a-z0-9-]*)");
  for (auto it = std::sregex_iterator(help.begin(), help.end(), option); it != std::sregex_iterator(); ++it) {
    out.insert((*it)[1]);
  }
  return out;
}

// The long options in the option list of --help ("  -t,--threshold UINT  ..."), not those
// mentioned in descriptions or examples.
inline std::set<std::string> ListedOptions(const std::string& help) {
  std::set<std::string> out;
  std::istringstream lines(help);
  std::string line;
  const std::regex entry("^ +(-[A-Za-z0-9],)?--([a-z][a-z0-9-]*)");
  while (std::getline(lines, line)) {
    std::smatch m;
    if (std::regex_search(line, m, entry)) out.insert(m[2]);
  }
  return out;
}

inline std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// The names CLI11 lists under its "Subcommands:" heading (any case), one per indented line.
inline std::vector<std::string> Subcommands(const std::string& help) {
  std::vector<std::string> out;
  std::istringstream lines(help);
  std::string line;
  bool in_list = false;
  const std::regex entry("^ +([a-z][a-z0-9-]*)( .*)?$");
  while (std::getline(lines, line)) {
    std::smatch m;
    if (Lower(line).rfind("subcommands:", 0) == 0) {
      in_list = true;
    } else if (in_list && std::regex_match(line, m, entry)) {
      out.push_back(m[1]);
    } else if (in_list) {
      in_list = false;
    }
  }
  return out;
}

}  // namespace keyrite::testing
