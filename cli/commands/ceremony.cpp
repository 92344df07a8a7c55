// keyrite ceremony lint|list: check ceremony scripts (TOML) before a ceremony, and list the
// scripts of a directory. No secret is involved. `run` and `resume` are in ceremony_run.cpp.

#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "../ceremony_desk.h"
#include "../command.h"
#include "ceremony_run.h"
#include "ceremony/catalog.h"
#include "ceremony/lint.h"
#include "ceremony/script_parse.h"
#include "io/files.h"

namespace keyrite::cli {
namespace {

constexpr const char* kFooter =
    "Example:\n"
    "  keyrite ceremony lint ceremony-scripts/unsealer-init.toml\n"
    "  keyrite ceremony lint ceremony-scripts/*.toml\n"
    "  keyrite ceremony list\n"
    "  keyrite --json ceremony list ceremony-scripts/\n"
    "Exits 0 when every script is clean, 3 with one line per finding. See keyrite-ceremony(1).";

void PrintJson(const nlohmann::json& j) {
  std::printf("%s\n", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
}

// The findings of one file: a parse error is a finding at its line.
std::vector<std::string> FileFindings(const std::string& path, ErrorKind& worst) {
  Result<ceremony::Script> script = ceremony::ReadScriptFile(path);
  if (!script.ok()) {
    if (worst == ErrorKind::kOk || worst == ErrorKind::kInvalidInput) worst = script.status().kind();
    return {script.status().message()};
  }
  std::vector<std::string> lines;
  for (const ceremony::Finding& f : ceremony::LintScript(*script)) {
    lines.push_back(ceremony::FormatFinding(f));
  }
  if (!lines.empty() && worst == ErrorKind::kOk) worst = ErrorKind::kInvalidInput;
  return lines;
}

void RunLint(const Globals& globals, const std::vector<std::string>& files, Outcome& outcome) {
  ErrorKind worst = ErrorKind::kOk;
  nlohmann::json scripts = nlohmann::json::array();
  std::size_t total = 0;
  for (const std::string& path : files) {
    const std::vector<std::string> findings = FileFindings(path, worst);
    total += findings.size();
    scripts.push_back({{"file", path}, {"ok", findings.empty()}, {"findings", findings}});
    if (globals.json) continue;
    for (const std::string& line : findings) std::printf("%s\n", line.c_str());
  }
  outcome.code = ExitCodeFor(worst);
  if (globals.json) {
    PrintJson({{"ok", total == 0}, {"command", "ceremony lint"}, {"scripts", scripts},
               {"findings", total}, {"exit_code", static_cast<int>(outcome.code)}});
  } else if (total == 0) {
    std::printf("%zu script(s) clean\n", files.size());
  } else {
    std::fprintf(stderr, "keyrite: ceremony lint: %zu finding(s) in %zu script(s)\n", total,
                 files.size());
  }
}

nlohmann::json EntryJson(const ceremony::CatalogEntry& e) {
  nlohmann::json j = {{"file", e.path}, {"ok", e.problem.empty()}};
  if (!e.problem.empty()) {
    j["error"] = e.problem;
    return j;
  }
  j.update({{"name", e.name}, {"version", e.version}, {"title", e.title}, {"roles", e.roles},
            {"steps", e.steps}});
  return j;
}

void PrintEntry(const ceremony::CatalogEntry& e) {
  if (!e.problem.empty()) {
    std::printf("%s\n  NOT READABLE: %s\n", e.path.c_str(), e.problem.c_str());
    return;
  }
  std::string roles;
  for (const std::string& r : e.roles) roles += (roles.empty() ? "" : ", ") + r;
  std::printf("%s (version %s, %zu steps)\n  %s\n  roles: %s\n  file: %s\n", e.name.c_str(),
              e.version.c_str(), e.steps, e.title.c_str(), roles.c_str(), e.path.c_str());
}

void RunList(const Globals& globals, const std::string& dir_flag, Outcome& outcome) {
  const std::string dir = dir_flag.empty() ? DefaultScriptsDir() : dir_flag;
  Result<std::vector<ceremony::CatalogEntry>> entries = ceremony::ListScripts(dir);
  if (!entries.ok()) {
    outcome.code = Fail(globals, "ceremony list", entries.status());
    return;
  }
  bool all_ok = true;
  nlohmann::json list = nlohmann::json::array();
  for (const ceremony::CatalogEntry& e : *entries) {
    all_ok = all_ok && e.problem.empty();
    list.push_back(EntryJson(e));
    if (!globals.json) PrintEntry(e);
  }
  if (globals.json) PrintJson({{"ok", all_ok}, {"command", "ceremony list"}, {"dir", dir},
                               {"scripts", list}});
  if (!globals.json && entries->empty()) std::printf("No ceremony scripts in %s\n", dir.c_str());
  if (!all_ok) outcome.code = ExitCode::kInvalidInput;
}

void AddLint(CLI::App* parent, const Globals& globals, Outcome& outcome) {
  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = parent->add_subcommand(
      "lint", "Check ceremony scripts: actions, arguments, references, roles, thresholds");
  cmd->add_option("scripts", *files, "Ceremony script files (TOML)")->required();
  cmd->footer(kFooter);
  cmd->callback([&globals, &outcome, files] { RunLint(globals, *files, outcome); });
}

void AddList(CLI::App* parent, const Globals& globals, Outcome& outcome) {
  auto dir = std::make_shared<std::string>();
  CLI::App* cmd = parent->add_subcommand(
      "list", "List the scripts of a directory: name, version, title, roles, steps");
  cmd->add_option("dir", *dir, "Directory of scripts (default: the installed ceremony-scripts)");
  cmd->footer(kFooter);
  cmd->callback([&globals, &outcome, dir] { RunList(globals, *dir, outcome); });
}

}  // namespace

void AddCeremonyCommand(CLI::App& app, const Globals& globals, Outcome& outcome) {
  CLI::App* cmd = app.add_subcommand("ceremony", "Ceremony scripts: lint, list, run and resume them");
  cmd->require_subcommand(1);
  cmd->footer(kFooter);
  AddLint(cmd, globals, outcome);
  AddList(cmd, globals, outcome);
  AddCeremonyRunCommands(cmd, globals, outcome);
}

}  // namespace keyrite::cli
