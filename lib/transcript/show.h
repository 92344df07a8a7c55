#pragma once
// A transcript as rows for people: `keyrite audit show` prints them as a text table and
// `keyrite audit print` lays them out on paper. Built from a VerifyReport, so only records that
// verified are shown. Public data only.

#include <string>
#include <vector>

#include "transcript/verify.h"

namespace keyrite::transcript {

struct ShowRow {
  std::string record;  // "3"
  std::string time;    // "2026-11-21T23:30:00Z"
  std::string step;    // "2.3" or "-"
  std::string roles;   // "administrator, auditor"
  std::string action;
  std::vector<std::string> details;  // "k = v", "in  name  sha256:1a2b3c4d…", "out …"
  std::string exception;             // "" or the reason
};

std::vector<ShowRow> ShowTranscript(const VerifyReport& report);

// The title lines above the table: ceremony, id, created, rehearsal mark.
std::vector<std::string> ShowTitle(const VerifyReport& report);

// The rows as a fixed-width text table (columns sized to fit, details on continuation lines),
// with the title above it and the checkpoint's digest in hex and words below it.
std::string FormatShowTable(const VerifyReport& report);

}  // namespace keyrite::transcript
