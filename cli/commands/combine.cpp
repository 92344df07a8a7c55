// keyrite combine: share files (any t or more of one set) back into the secret.

#include <cstdio>
#include <nlohmann/json.hpp>

#include "../command.h"
#include "io/prompt.h"
#include "ops/combine.h"
#include "share/share_v1.h"

namespace keyrite::cli {
namespace {

struct CombineFlags {
  ops::CombineRequest request;
  bool typed = false;
  bool allow_online = false;
};

void Print(const Globals& globals, const ops::CombineReport& r) {
  std::FILE* out = r.output == "-" ? stderr : stdout;
  if (globals.json) {
    nlohmann::json used = nlohmann::json::array();
    for (const auto& [index, origin] : r.shares) used.push_back({{"index", index}, {"from", origin}});
    nlohmann::json j = {{"ok", true},          {"command", "combine"},
                        {"set_id", share::FormatSetId(r.set_id)},
                        {"threshold", r.threshold}, {"shares", used},
                        {"secret_bytes", r.secret_bytes}, {"output", r.output}};
    std::fprintf(out, "%s\n", j.dump().c_str());
    return;
  }
  std::fprintf(out, "Recovered a %zu-byte secret from set %s (any %u recover) using:\n",
               r.secret_bytes, share::FormatSetId(r.set_id).c_str(), r.threshold);
  for (const auto& [index, origin] : r.shares) std::fprintf(out, "  share %u  %s\n", index, origin.c_str());
  if (r.output != "-") std::fprintf(out, "Wrote %s (mode 0600)\n", r.output.c_str());
}

void Run(const Globals& globals, CombineFlags& flags, Outcome& outcome) {
  if (!Preflight(globals, "combine", flags.allow_online, outcome)) return;
  std::unique_ptr<io::Prompter> terminal;
  if (flags.typed) {
    Result<std::unique_ptr<io::Prompter>> opened = io::OpenTerminalPrompter();
    if (!opened.ok()) {
      outcome.code = Fail(globals, "combine", opened.status());
      return;
    }
    terminal = std::move(opened).value();
    flags.request.typed = terminal.get();
  }
  Result<ops::CombineReport> r = ops::CombineFromInputs(flags.request);
  if (!r.ok()) {
    outcome.code = Fail(globals, "combine", r.status());
    return;
  }
  Print(globals, *r);
}

void Add(CLI::App& app, const Globals& globals, Outcome& outcome) {
  auto flags = std::make_shared<CombineFlags>();
  CLI::App* cmd = app.add_subcommand("combine", "Recover a secret from t or more share files");
  cmd->add_option("shares", flags->request.inputs, "Share files (- for standard input)");
  cmd->add_flag("--typed", flags->typed,
                "Custodians type share lines at the terminal (echo off), after any files");
  cmd->add_option("--out", flags->request.output, "New file for the secret (created 0600)");
  cmd->add_flag("--stdout", flags->request.to_stdout,
                "Write the secret to standard output (refused when it is a terminal)");
  cmd->add_flag("--allow-online", flags->allow_online,
                "Run even while a network interface is up (not recommended)");
  cmd->footer("Example:\n  keyrite combine shares/share-1-of-5.txt shares/share-3-of-5.txt "
              "shares/share-5-of-5.txt --out recovered.bin\n"
              "  keyrite combine shares/share-1-of-5.txt --typed --out recovered.bin\n"
              "See keyrite-combine(1).");
  cmd->callback([&globals, &outcome, flags] { Run(globals, *flags, outcome); });
}

}  // namespace

void AddCombineCommand(CLI::App& app, const Globals& globals, Outcome& outcome) {
  Add(app, globals, outcome);
}

}  // namespace keyrite::cli
