#include "completion.h"

#include <algorithm>

namespace keyrite::cli {
namespace {

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

void AddOptionNames(const CLI::Option& opt, CompletionNode& node) {
  std::vector<std::string>& into = opt.get_items_expected_max() == 0 ? node.flags : node.value_options;
  for (const std::string& name : opt.get_lnames()) into.push_back("--" + name);
  for (const std::string& name : opt.get_snames()) into.push_back("-" + name);
}

// The root's own options other than --help and --version (such as --json) are accepted after
// any command too (the root falls through), so every node offers them as well.
CompletionNode Inherited(const CompletionNode& root) {
  CompletionNode node;
  for (const std::string& flag : root.flags) {
    if (flag != "--help" && flag != "-h" && flag != "--version") node.flags.push_back(flag);
  }
  node.value_options = root.value_options;
  return node;
}

void Collect(CLI::App& app, const std::string& path, const CompletionNode& inherited,
             std::vector<CompletionNode>& out) {
  CompletionNode node = inherited;
  node.path = path;
  for (const CLI::Option* opt : app.get_options()) {
    if (opt->get_positional() || opt->get_group().empty()) continue;
    AddOptionNames(*opt, node);
  }
  const std::vector<CLI::App*> subs = app.get_subcommands([](CLI::App*) { return true; });
  for (const CLI::App* sub : subs) node.subcommands.push_back(sub->get_name());
  const CompletionNode passed_down = path.empty() ? Inherited(node) : inherited;
  out.push_back(std::move(node));
  for (CLI::App* sub : subs) {
    Collect(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), passed_down, out);
  }
}

// "unsealer init" -> "/unsealer/init": a key for shell case patterns (names are [a-z0-9-]).
std::string Key(const std::string& path) {
  std::string key = path.empty() ? "" : "/" + path;
  for (char& c : key) c = c == ' ' ? '/' : c;
  return key;
}

// The case arms shared by both shells: walk the words typed so far down the command tree.
std::string PathArms(const std::vector<CompletionNode>& nodes) {
  std::string arms;
  for (const CompletionNode& node : nodes) {
    for (const std::string& sub : node.subcommands) {
      const std::string next = Key(node.path) + "/" + sub;
      arms += "      '" + next + "') kr_path='" + next + "' ;;\n";
    }
  }
  return arms;
}

std::string WordArms(const std::vector<CompletionNode>& nodes) {
  std::string arms;
  for (const CompletionNode& node : nodes) {
    std::vector<std::string> words = node.subcommands;
    words.insert(words.end(), node.flags.begin(), node.flags.end());
    words.insert(words.end(), node.value_options.begin(), node.value_options.end());
    arms += "    '" + Key(node.path) + "') kr_words='" + Join(words) + "' ;;\n";
  }
  return arms;
}

std::vector<std::string> AllValueOptions(const std::vector<CompletionNode>& nodes) {
  std::vector<std::string> all;
  for (const CompletionNode& node : nodes) {
    for (const std::string& opt : node.value_options) {
      if (std::find(all.begin(), all.end(), opt) == all.end()) all.push_back(opt);
    }
  }
  return all;
}

std::string ValuePattern(const std::vector<CompletionNode>& nodes) {
  std::string pattern;
  for (const std::string& opt : AllValueOptions(nodes)) pattern += (pattern.empty() ? "" : "|") + opt;
  return pattern.empty() ? "--no-such-option" : pattern;
}

}  // namespace

std::vector<CompletionNode> CollectCompletion(CLI::App& app) {
  std::vector<CompletionNode> nodes;
  Collect(app, "", CompletionNode{}, nodes);
  return nodes;
}

namespace {

// How one shell names the words typed so far and offers candidates; the logic is shared.
struct Dialect {
  const char* prev;        // the word before the cursor
  const char* word_i;      // the i-th word
  const char* first;       // the index of the first word after "keyrite"
  const char* cursor;      // the index of the word being completed
  const char* offer_files;
  const char* offer_words;  // from $kr_words
};

std::string FunctionBody(const std::vector<CompletionNode>& nodes, const Dialect& d) {
  return std::string("  local kr_path='' kr_words='' i\n") +
         "  case \"" + d.prev + "\" in\n"
         "    " + ValuePattern(nodes) + ")\n"
         "      " + d.offer_files + "; return ;;\n"
         "  esac\n"
         "  for ((i = " + d.first + "; i < " + d.cursor + "; i++)); do\n"
         "    case \"$kr_path/" + d.word_i + "\" in\n" + PathArms(nodes) +
         "    esac\n"
         "  done\n"
         "  case \"$kr_path\" in\n" + WordArms(nodes) +
         "  esac\n"
         "  " + d.offer_words + "\n";
}

}  // namespace

std::string BashCompletion(const std::vector<CompletionNode>& nodes) {
  const Dialect bash{.prev = "${COMP_WORDS[COMP_CWORD-1]}",
                     .word_i = "${COMP_WORDS[i]}",
                     .first = "1",
                     .cursor = "COMP_CWORD",
                     .offer_files = "COMPREPLY=($(compgen -f -- \"${COMP_WORDS[COMP_CWORD]}\"))",
                     .offer_words =
                         "COMPREPLY=($(compgen -W \"$kr_words\" -- \"${COMP_WORDS[COMP_CWORD]}\"))"};
  return "# bash completion for keyrite, generated by `keyrite completion bash`.\n"
         "_keyrite() {\n" + FunctionBody(nodes, bash) +
         "}\n"
         "complete -o default -F _keyrite keyrite\n";
}

std::string ZshCompletion(const std::vector<CompletionNode>& nodes) {
  const Dialect zsh{.prev = "${words[CURRENT-1]}",
                    .word_i = "${words[i]}",
                    .first = "2",
                    .cursor = "CURRENT",
                    .offer_files = "_files",
                    .offer_words = "compadd -- ${=kr_words}"};
  return "#compdef keyrite\n"
         "# zsh completion for keyrite, generated by `keyrite completion zsh`.\n"
         "_keyrite() {\n" + FunctionBody(nodes, zsh) +
         "}\n"
         "_keyrite \"$@\"\n";
}

}  // namespace keyrite::cli
