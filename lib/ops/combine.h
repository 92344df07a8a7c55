#pragma once
// combine: read share files (any mix, each holding one or more share lines), check them as a set
// and write the recovered secret to a new 0600 file or, when explicitly asked, to standard output
// (never to a terminal). A wrong, mixed, duplicated or insufficient set is refused and nothing
// is written.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "io/prompt.h"
#include "share/share.h"

namespace keyrite::ops {

struct CombineRequest {
  std::vector<std::string> inputs;  // share files; "-" reads standard input
  std::string output;               // a new file; empty with to_stdout
  bool to_stdout = false;
  // When set, custodians also type share lines here (after the files) until the threshold.
  io::Prompter* typed = nullptr;
};

struct CombineReport {
  share::SetId set_id{};
  std::uint8_t threshold = 0;
  std::vector<std::pair<std::uint8_t, std::string>> shares;  // index and origin, as given
  std::size_t secret_bytes = 0;
  std::string output;  // the file written, or "-"
};

Result<CombineReport> CombineFromInputs(const CombineRequest& request);

}  // namespace keyrite::ops
