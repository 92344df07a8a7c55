#include "ops/paper.h"

#include <cstdlib>
#include <cstring>
#include <optional>

#include "base/digest.h"
#include "io/files.h"
#include "ops/split.h"
#include "paper/font_cache.h"
#include "paper/scan.h"
#include "paper/sheet_content.h"
#include "paper/sheet_writer.h"
#include "paper/slip39_sheet.h"
#include "paper/template.h"
#include "shards/manifest.h"
#include "shards/shard_file.h"
#include "share/share_file.h"
#include "share/share_v1.h"

namespace keyrite::ops {
namespace {

constexpr std::size_t kMaxInputBytes = 1024 * 1024;

Result<paper::Template> LoadSheetTemplate(const std::string& path) {
  if (path.empty()) return paper::DefaultShareSheetTemplate();
  return paper::LoadTemplate(path);
}

paper::SheetCommon Common(const PrintRequest& r, Clock& clock) {
  return {r.title, r.secret_label, r.ceremony_id, clock.NowUnixSeconds()};
}

std::string SheetName(const paper::SheetContent& s) {
  if (s.IsSlip39() && s.slip39_groups > 1) {
    return "sheet-group-" + std::to_string(s.slip39_group) + "-of-" +
           std::to_string(s.slip39_groups) + "-share-" + std::to_string(s.index) + "-of-" +
           std::to_string(s.count) + ".pdf";
  }
  return "sheet-" + std::to_string(s.index) + "-of-" + std::to_string(s.count) + ".pdf";
}

Status PrepareDirectory(const std::string& dir, const std::vector<paper::SheetContent>& sheets) {
  if (dir.empty()) return InvalidArgument("say where the sheets go: --out DIR");
  if (io::PathExists(dir) && !io::IsDirectory(dir)) {
    return AlreadyExists(dir + ": exists and is not a directory; nothing was written");
  }
  for (const paper::SheetContent& s : sheets) {
    const std::string path = io::JoinPath(dir, SheetName(s));
    if (io::PathExists(path)) return AlreadyExists(path + ": already exists; nothing was written");
  }
  if (io::PathExists(io::JoinPath(dir, "labels.pdf"))) {
    return AlreadyExists(io::JoinPath(dir, "labels.pdf") + ": already exists; nothing was written");
  }
  if (!io::PathExists(dir)) return io::MakeDirectory(dir);
  return OkStatus();
}

// One PDF per sheet and a labels PDF; on failure, whatever was written is removed.
Result<PrintReport> WriteSheets(const std::vector<paper::SheetContent>& sheets,
                                const PrintRequest& request) {
  KR_ASSIGN_OR_RETURN(const paper::Template tmpl, LoadSheetTemplate(request.template_path));
  KR_RETURN_IF_ERROR(PrepareDirectory(request.out_dir, sheets));
  PrintReport report;
  auto undo = [&report](const Status& s) {
    for (const std::string& f : report.sheets) io::RemoveQuietly(f);
    return s;
  };
  for (const paper::SheetContent& sheet : sheets) {
    const std::string path = io::JoinPath(request.out_dir, SheetName(sheet));
    const Status s = paper::WriteShareSheetsPdf({&sheet, 1}, tmpl, path);
    if (!s.ok()) return undo(s);
    report.sheets.push_back(path);
  }
  report.labels = io::JoinPath(request.out_dir, "labels.pdf");
  const Status s = paper::WriteEnvelopeLabelsPdf(sheets, paper::DefaultEnvelopeLabelTemplate(),
                                                 report.labels);
  if (!s.ok()) return undo(s);
  return report;
}

// A shard file becomes a shard sheet; the manifest supplies its index and custodian.
Result<paper::SheetContent> ShardSheetFor(const std::string& path, const secmem::SecureBytes& text,
                                          const shards::Manifest* manifest,
                                          const paper::SheetCommon& common) {
  if (manifest == nullptr) return InvalidArgument(path + ": printing a shard needs --manifest");
  const shards::CustodianEntry* who = shards::FindByDigest(*manifest, Sha256(text.span()));
  if (who == nullptr) return Mismatch(path + ": not a shard listed in the manifest");
  paper::ShardFacts facts{manifest->set_id, who->index,   manifest->count,
                          manifest->threshold, who->user_id, who->fingerprint};
  return paper::ShardSheet(facts, std::string(text.view()), common);
}

// How many shares the set has ("share i of n"): from the manifest, --of, or the comment keyrite
// writes at the top of a share file ("# keyrite share 2 of 5 ...").
Result<std::uint8_t> SetSize(const PrintRequest& request, const std::optional<shards::Manifest>& m,
                             std::string_view text, const std::string& path) {
  if (m) return m->count;
  if (request.count != 0) return request.count;
  const std::size_t of = text.find(" of ");
  if (text.starts_with("# keyrite share ") && of != std::string_view::npos) {
    const int n = std::atoi(std::string(text.substr(of + 4, 3)).c_str());
    if (n >= 1 && n <= 255) return static_cast<std::uint8_t>(n);
  }
  return InvalidArgument(path + ": cannot tell how many shares the set has; give --of N");
}

// The members of the share's group: --of, or the file name split --format slip39 gives
// ("slip39-share-2-of-5.txt", "slip39-group-1-of-2-share-2-of-3.txt").
Result<std::uint8_t> Slip39GroupSize(const PrintRequest& request, const std::string& path) {
  if (request.count != 0) return request.count;
  const std::string name = path.substr(path.find_last_of('/') + 1);
  const std::size_t share = name.rfind("share-");
  const std::size_t of = name.find("-of-", share == std::string::npos ? 0 : share);
  if (share != std::string::npos && of != std::string::npos) {
    const int n = std::atoi(name.c_str() + of + 4);
    if (n >= 1 && n <= 16) return static_cast<std::uint8_t>(n);
  }
  return InvalidArgument(path + ": cannot tell how many members the SLIP-39 group has; give --of N");
}

// Whether the file's first line that is not blank or a comment looks like a SLIP-39 mnemonic.
bool IsSlip39File(std::string_view text) {
  while (!text.empty()) {
    const std::string_view line = text.substr(0, std::min(text.find('\n'), text.size()));
    text.remove_prefix(std::min(line.size() + 1, text.size()));
    const std::size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos || line[first] == '#') continue;
    const std::size_t last = line.find_last_not_of(" \t\r");
    const std::string_view words = line.substr(first, last + 1 - first);
    return paper::LooksLikeSlip39Mnemonic(
        {reinterpret_cast<const std::uint8_t*>(words.data()), words.size()});
  }
  return false;
}

// Every mnemonic in a SLIP-39 file (one per line, as combine --format slip39 reads them).
Status ReadSlip39Sheets(const PrintRequest& request, const std::string& path,
                        std::string_view text, const paper::SheetCommon& common,
                        std::vector<paper::SheetContent>& sheets) {
  KR_ASSIGN_OR_RETURN(const std::uint8_t count, Slip39GroupSize(request, path));
  std::size_t number = 0;
  while (!text.empty()) {
    const std::string_view line = text.substr(0, std::min(text.find('\n'), text.size()));
    text.remove_prefix(std::min(line.size() + 1, text.size()));
    ++number;
    const std::size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos || line[first] == '#') continue;
    const std::string_view words = line.substr(first, line.find_last_not_of(" \t\r") + 1 - first);
    const std::string origin = path + " line " + std::to_string(number);
    KR_ASSIGN_OR_RETURN(const slip39::Share share, slip39::DecodeMnemonic(words, origin));
    sheets.push_back(
        paper::Slip39Sheet(share, secmem::SecureBytes::CopyOf(words), count, common));
  }
  return OkStatus();
}

Result<std::vector<paper::SheetContent>> ReadSheets(const PrintRequest& request, Clock& clock) {
  std::optional<shards::Manifest> manifest;
  if (!request.manifest.empty()) {
    KR_ASSIGN_OR_RETURN(manifest, shards::ReadManifestFile(request.manifest));
  }
  const paper::SheetCommon common = Common(request, clock);
  std::vector<paper::SheetContent> sheets;
  for (const std::string& path : request.inputs) {
    KR_ASSIGN_OR_RETURN(const secmem::SecureBytes text, io::ReadSecretFile(path, kMaxInputBytes));
    if (shards::LooksLikeOpenPgpMessage(text.span())) {
      KR_ASSIGN_OR_RETURN(paper::SheetContent sheet,
                          ShardSheetFor(path, text, manifest ? &*manifest : nullptr, common));
      sheets.push_back(std::move(sheet));
      continue;
    }
    if (IsSlip39File(text.view())) {
      KR_RETURN_IF_ERROR(ReadSlip39Sheets(request, path, text.view(), common, sheets));
      continue;
    }
    KR_ASSIGN_OR_RETURN(const std::vector<share::SourcedShare> shares,
                        share::ParseShareText(path, text.view()));
    KR_ASSIGN_OR_RETURN(const std::uint8_t count, SetSize(request, manifest, text.view(), path));
    for (const share::SourcedShare& s : shares) sheets.push_back(paper::ShareSheet(s.share, count, common));
  }
  if (sheets.empty()) return InvalidArgument("no share or shard files given");
  return sheets;
}

std::string ScannedName(const paper::ScannedPayload& p) {
  const std::string group = p.group == 0 ? "" : "g" + std::to_string(p.group) + "-";
  const bool shard = p.kind == paper::PayloadKind::kArmoredShard;
  return "scanned-" + p.set_id + "-" + group + std::to_string(p.index) + (shard ? ".asc" : ".txt");
}

std::string KindName(paper::PayloadKind kind) {
  switch (kind) {
    case paper::PayloadKind::kArmoredShard:
      return "shard";
    case paper::PayloadKind::kSlip39Mnemonic:
      return "slip39";
    case paper::PayloadKind::kShareLine:
      break;
  }
  return "share";
}

Result<std::string> SaveScanned(const paper::ScannedPayload& p, const std::string& dir) {
  const bool shard = p.kind == paper::PayloadKind::kArmoredShard;
  const std::string path = io::JoinPath(dir, ScannedName(p));
  if (shard) {
    KR_RETURN_IF_ERROR(io::WriteNewFile(path, p.text.span(), io::FileMode::kPublic));
    return path;
  }
  secmem::SecureBytes line(p.text.size() + 1);
  std::memcpy(line.data(), p.text.data(), p.text.size());
  line[p.text.size()] = '\n';
  KR_RETURN_IF_ERROR(io::WriteNewFile(path, line.span(), io::FileMode::kSecret));
  return path;
}

}  // namespace

Result<PrintReport> PrintSheets(const PrintRequest& request, Clock& clock) {
  KR_ASSIGN_OR_RETURN(const std::vector<paper::SheetContent> sheets, ReadSheets(request, clock));
  return WriteSheets(sheets, request);
}

Result<PrintReport> PrintShareSheets(const std::vector<share::Share>& shares, std::uint8_t count,
                                     const PrintRequest& request, Clock& clock) {
  const paper::SheetCommon common = Common(request, clock);
  std::vector<paper::SheetContent> sheets;
  for (const share::Share& s : shares) sheets.push_back(paper::ShareSheet(s, count, common));
  return WriteSheets(sheets, request);
}

Result<ScanReport> ScanSheets(const std::vector<std::string>& images, const std::string& out_dir) {
  if (images.empty()) return InvalidArgument("no images given");
  KR_ASSIGN_OR_RETURN(const std::vector<paper::ScannedPayload> scanned,
                      paper::ScanImageFiles(images, {.accept_slip39 = true}));
  if (!out_dir.empty() && !io::PathExists(out_dir)) KR_RETURN_IF_ERROR(io::MakeDirectory(out_dir));
  ScanReport report;
  for (const paper::ScannedPayload& p : scanned) {
    ScanReport::Found found{p.origin, KindName(p.kind), p.set_id, p.index, p.group, ""};
    if (!out_dir.empty()) {
      KR_ASSIGN_OR_RETURN(found.saved, SaveScanned(p, out_dir));
    }
    report.found.push_back(std::move(found));
  }
  return report;
}

void ReleaseDrawingCaches() { paper::ReleaseFontCaches(); }

}  // namespace keyrite::ops
