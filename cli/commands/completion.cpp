// keyrite completion: the bash or zsh completion script, generated from the command definitions.

#include <cstdio>

#include "../command.h"
#include "../completion.h"

namespace keyrite::cli {
namespace {

struct Request {
  std::string shell;
};

void Run(CLI::App& root, const Request& request) {
  const std::vector<CompletionNode> nodes = CollectCompletion(root);
  const std::string script = request.shell == "zsh" ? ZshCompletion(nodes) : BashCompletion(nodes);
  std::fputs(script.c_str(), stdout);
}

void Add(CLI::App& app, const Globals&, Outcome&) {
  CLI::App* cmd = app.add_subcommand("completion", "Print the bash or zsh completion script");
  auto request = std::make_shared<Request>();
  cmd->add_option("shell", request->shell, "bash or zsh")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh"}));
  cmd->footer("Example:\n  source <(keyrite completion bash)\n"
              "  keyrite completion zsh > ~/.zfunc/_keyrite\n"
              "Packages install both scripts. See keyrite-completion(1).");
  cmd->callback([&app, request] { Run(app, *request); });
}

}  // namespace

void AddCompletionCommand(CLI::App& app, const Globals& globals, Outcome& outcome) {
  Add(app, globals, outcome);
}

}  // namespace keyrite::cli
