#pragma once
// paper: print share sheets (one PDF per share, shard or SLIP-39 share, plus envelope labels) and
// scan them back.
// Every sheet is rendered, its QR decoded and compared before the PDF is written (lib/paper);
// sheets holding a share are mode 0600, labels (no secret) 0644. Nothing is overwritten.

#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "share/share.h"

namespace keyrite::ops {

struct PrintRequest {
  std::vector<std::string> inputs;  // share files, SLIP-39 mnemonic files, or shard files (.asc,
                                    // with `manifest`)
  std::string manifest;             // shard-set manifest: names custodians, binds shard digests
  std::string out_dir;              // created 0700 if missing
  std::string template_path;        // empty: the built-in share-sheet template
  std::string title;
  std::string secret_label;
  std::string ceremony_id;
  std::uint8_t count = 0;  // shares in the set (SLIP-39: in the group), when nothing else says
};

struct PrintReport {
  std::vector<std::string> sheets;  // one PDF per share or shard
  std::string labels;               // envelope labels, one page per sheet
};

Result<PrintReport> PrintSheets(const PrintRequest& request, Clock& clock);

// Sheets for shares still in memory (split --print): the same files as PrintSheets.
Result<PrintReport> PrintShareSheets(const std::vector<share::Share>& shares, std::uint8_t count,
                                     const PrintRequest& request, Clock& clock);

struct ScanReport {
  struct Found {
    std::string origin;
    std::string kind;  // "share", "shard" or "slip39"
    std::string set_id;  // "SLIP39-01234" for a SLIP-39 mnemonic
    std::uint8_t index = 0;
    std::uint8_t group = 0;  // SLIP-39: 1-based group; 0 otherwise
    std::string saved;  // the file written with an out_dir
  };
  std::vector<Found> found;
};

// Decodes the sheets' QR codes; with `out_dir`, saves each share line or SLIP-39 mnemonic as a
// share file (0600; combine reads it) and each shard as an .asc file. Without it, only the public facts are reported.
Result<ScanReport> ScanSheets(const std::vector<std::string>& images, const std::string& out_dir);

// Frees caches the drawing libraries keep for the life of the process (at exit).
void ReleaseDrawingCaches();

}  // namespace keyrite::ops
