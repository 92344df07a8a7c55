#include "command.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "ops/preflight.h"

namespace keyrite::cli {

ExitCode Fail(const Globals& globals, std::string_view command, const Status& status) {
  const ExitCode code = ExitCodeFor(status.kind());
  if (globals.json) {
    nlohmann::json j = {{"ok", false},
                        {"command", command},
                        {"exit_code", static_cast<int>(code)},
                        {"error", status.message()}};
    std::printf("%s\n", j.dump().c_str());
  }
  std::fprintf(stderr, "keyrite: %.*s: %s\n", static_cast<int>(command.size()), command.data(),
               status.message().c_str());
  return code;
}

bool Preflight(const Globals& globals, std::string_view command, bool allow_online,
               Outcome& outcome) {
  Result<std::vector<std::string>> online = ops::PreflightSecretCommand(allow_online);
  if (!online.ok()) {
    outcome.code = Fail(globals, command, online.status());
    return false;
  }
  std::string names;
  for (const std::string& name : *online) names += (names.empty() ? "" : ", ") + name;
  if (!names.empty()) Warn("running online by --allow-online (up: " + names + ")");
  return true;
}

void Warn(std::string_view message) {
  std::fprintf(stderr, "keyrite: warning: %.*s\n", static_cast<int>(message.size()),
               message.data());
}

}  // namespace keyrite::cli
