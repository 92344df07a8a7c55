#pragma once
// `keyrite audit print`: a verified transcript as a PDF for wet signatures (cairo, A4 portrait):
// one table of the steps with their times, roles and details and an empty box per row for the
// witness's initials, repeated headings on every page, and a final block with the closing digest
// in hex and in words and a signature line for every role. Public data only.

#include <string>

#include "base/status.h"
#include "transcript/verify.h"

namespace keyrite::transcript {

// The PDF's bytes. Refused unless the report verified and the transcript is closed: paper that
// people sign must carry the closing digest.
Result<std::string> RenderTranscriptPdf(const VerifyReport& report);

// Renders and writes a new file (kExists when `path` exists; nothing is overwritten).
Status WriteTranscriptPdf(const VerifyReport& report, const std::string& path);

}  // namespace keyrite::transcript
