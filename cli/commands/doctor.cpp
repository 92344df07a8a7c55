// keyrite doctor: the air-gap and hardening self-check, and the tool's own digest.

#include <cstdio>
#include <nlohmann/json.hpp>

#include "../command.h"
#include "sys/doctor.h"

namespace keyrite::cli {
namespace {

void Run(const Globals& globals, Outcome& outcome) {
  Result<sys::DoctorInputs> inputs = sys::DoctorInputs::FromSystem();
  if (!inputs.ok()) {
    outcome.code = Fail(globals, "doctor", inputs.status());
    return;
  }
  Result<sys::DoctorReport> report = sys::RunDoctor(*inputs);
  if (!report.ok()) {
    outcome.code = Fail(globals, "doctor", report.status());
    return;
  }
  if (globals.json) {
    std::printf("%s\n", sys::DoctorReportJson(*report).dump(2).c_str());
  } else {
    std::printf("%s", sys::FormatDoctorReport(*report).c_str());
  }
  // A failed check is a refusal to call this machine fit for a ceremony.
  if (report->overall == sys::Verdict::kFail) outcome.code = ExitCode::kRefused;
}

void Add(CLI::App& app, const Globals& globals, Outcome& outcome) {
  CLI::App* cmd = app.add_subcommand("doctor", "Check the machine is offline and hardened; print keyrite's own digest");
  cmd->footer("Example:\n  keyrite doctor\n  keyrite doctor --json | jq .self.sha256\n"
              "Exits 0 when every check is ok or warn, 11 when one fails. See keyrite-doctor(1).");
  cmd->callback([&globals, &outcome] { Run(globals, outcome); });
}

}  // namespace

void AddDoctorCommand(CLI::App& app, const Globals& globals, Outcome& outcome) {
  Add(app, globals, outcome);
}

}  // namespace keyrite::cli
