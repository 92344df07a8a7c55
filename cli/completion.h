#pragma once
// Shell completion scripts generated from the command definitions themselves (the CLI11 tree),
// so a new command or option completes without anyone editing a script. Everything is public:
// command, subcommand and option names.

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace keyrite::cli {

// One command path ("", "unsealer", "unsealer init") and what may follow it.
struct CompletionNode {
  std::string path;                         // words after "keyrite", joined by spaces
  std::vector<std::string> subcommands;     // in definition order
  std::vector<std::string> flags;           // options that take no value ("--json", "-h")
  std::vector<std::string> value_options;   // options followed by a value (a file, a number)
};

// Every command path of `app`, depth first, the root first. Options in no help group (hidden)
// are left out, as --help leaves them out.
std::vector<CompletionNode> CollectCompletion(CLI::App& app);

// A bash script defining and registering _keyrite (sourced by bash-completion or ~/.bashrc).
std::string BashCompletion(const std::vector<CompletionNode>& nodes);
// A zsh script for $fpath ("_keyrite", #compdef keyrite).
std::string ZshCompletion(const std::vector<CompletionNode>& nodes);

}  // namespace keyrite::cli
