#pragma once
// paper: print share sheets (one PDF per share or shard, plus envelope labels) and scan them back.
// Every sheet is rendered, its QR decoded and compared before the PDF is written (lib/paper);
// sheets holding a share are mode 0600, labels (no secret) 0644. Nothing is overwritten.

#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "share/share.h"

namespace keyrite::ops {

struct PrintRequest {
  std::vector<std::string> inputs;  // share files (text) or shard files (.asc, with `manifest`)
  std::string manifest;             // shard-set manifest: names custodians, binds shard digests
  std::string out_dir;              // created 0700 if missing
  std::string template_path;        // empty: the built-in share-sheet template
  std::string title;
  std::string secret_label;
  std::string ceremony_id;
  std::uint8_t count = 0;  // shares in the set, when neither the manifest nor the files say
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
    std::string kind;  // "share" or "shard"
    std::string set_id;
    std::uint8_t index = 0;
    std::string saved;  // the file written with an out_dir
  };
  std::vector<Found> found;
};

// Decodes the sheets' QR codes; with `out_dir`, saves each share line as a share file (0600) and
// each shard as an .asc file. Without it, only the public facts are reported.
Result<ScanReport> ScanSheets(const std::vector<std::string>& images, const std::string& out_dir);

// Frees caches the drawing libraries keep for the life of the process (at exit).
void ReleaseDrawingCaches();

}  // namespace keyrite::ops
