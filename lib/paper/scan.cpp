#include "paper/scan.h"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "paper/image_file.h"
#include "paper/qr_decode.h"
#include "paper/qr_parts.h"
#include "paper/slip39_sheet.h"
#include "share/share_v1.h"

namespace keyrite::paper {
namespace {

using secmem::SecureBytes;

constexpr std::string_view kArmorBegin = "-----BEGIN PGP MESSAGE-----";
constexpr int kRetries = 6;

bool Contains(const std::vector<SecureBytes>& list, const SecureBytes& item) {
  return std::any_of(list.begin(), list.end(), [&](const SecureBytes& x) {
    return x.size() == item.size() && secmem::ConstantTimeEqual(x.span(), item.span());
  });
}

// Found something, and every multi-part payload seen here has all its parts.
bool LooksComplete(const std::vector<SecureBytes>& found) {
  if (found.empty()) return false;
  std::map<std::string, std::pair<std::size_t, std::size_t>> seen;  // header -> (parts, count)
  for (const SecureBytes& payload : found) {
    Result<Part> part = ParsePart(payload.span());
    if (!part.ok()) continue;
    const PartHeader& h = part->header;
    auto& entry = seen[h.set_id + ":" + std::to_string(h.index) + ":" + h.digest];
    entry = {h.parts, entry.second + 1};
  }
  return std::all_of(seen.begin(), seen.end(),
                     [](const auto& e) { return e.second.first == e.second.second; });
}

// Radius of the adaptive threshold window: about five QR modules on a sheet scanned at 150 dpi.
std::size_t ThresholdRadius(const GrayImage& image) {
  return std::max<std::size_t>(8, std::min(image.width, image.height) / 100);
}

Result<GrayImage> SmoothedAndThresholded(const GrayImage& image) {
  KR_ASSIGN_OR_RETURN(const GrayImage smooth, BoxBlur3(image));
  return AdaptiveThreshold(smooth, ThresholdRadius(image), 8);
}

// A transformed copy for retry `attempt`, or nullopt when it does not suit this image's size.
// The order is by how often each rescues a damaged scan (docs/paper.md).
std::optional<Result<GrayImage>> Retry(const GrayImage& image, int attempt) {
  const std::size_t short_side = std::min(image.width, image.height);
  switch (attempt) {
    case 0:
      return SmoothedAndThresholded(image);
    case 1:
      return BoxBlur3(image);
    case 2:
      return short_side >= 400 ? std::optional(ShrinkBy(image, 2)) : std::nullopt;
    case 3:
      return AdaptiveThreshold(image, ThresholdRadius(image), 8);
    case 4:
      return image.width * image.height <= 1'000'000 ? std::optional(Resize(image, 2.0))
                                                     : std::nullopt;
    case 5:
      return RotateDegrees(image, 45);
    default:
      return std::nullopt;
  }
}

Status DecodeInto(const GrayImage& image, std::vector<SecureBytes>& found) {
  KR_ASSIGN_OR_RETURN(std::vector<SecureBytes> decoded, DecodeQrCodes(image));
  for (SecureBytes& payload : decoded) {
    if (!Contains(found, payload)) found.push_back(std::move(payload));
  }
  return OkStatus();
}

bool StartsWith(const SecureBytes& bytes, std::string_view prefix) {
  return bytes.view().substr(0, prefix.size()) == prefix;
}

// "KR" and a digit: a share line of some version (ParseShareV1 rejects other versions).
bool IsShareLine(const SecureBytes& payload) {
  const std::string_view v = payload.view();
  return v.size() > 3 && v.substr(0, 2) == share::kShareV1Magic && v[2] >= '0' && v[2] <= '9';
}

class Scan {
 public:
  explicit Scan(const ScanOptions& options) : options_(options) {}
  Status AddFile(const std::string& path);
  Result<std::vector<ScannedPayload>> Finish();

 private:
  Status AddPayload(const std::string& origin, SecureBytes payload);
  Status AddShareLine(const std::string& origin, SecureBytes line, const std::string* expected_set);
  Status CheckSet(const std::string& origin, const std::string& set_id, std::uint8_t index);
  Status AddMnemonic(const std::string& origin, SecureBytes mnemonic);
  Status CheckKind(const std::string& origin, bool slip39);

  ScanOptions options_;
  std::string first_kind_origin_;
  bool first_slip39_ = false;
  PartCollector parts_;
  std::vector<ScannedPayload> found_;
  std::string set_id_;
  std::string set_origin_;
  std::size_t keyrite_codes_ = 0;
};

Status Scan::CheckSet(const std::string& origin, const std::string& set_id, std::uint8_t index) {
  if (set_id_.empty()) {
    set_id_ = set_id;
    set_origin_ = origin;
  }
  if (set_id == set_id_) return OkStatus();
  return Mismatch(origin + ": a QR code of share " + std::to_string(index) + " of set " + set_id +
                  ", but " + set_origin_ + " is of set " + set_id_ + "; scan one set at a time");
}

Status Scan::CheckKind(const std::string& origin, bool slip39) {
  if (first_kind_origin_.empty()) {
    first_kind_origin_ = origin;
    first_slip39_ = slip39;
  }
  if (slip39 == first_slip39_) return OkStatus();
  const auto kind = [](bool s) { return s ? "a SLIP-39 mnemonic" : "a keyrite share"; };
  return Mismatch(origin + " holds " + kind(slip39) + ", but " + first_kind_origin_ + " holds " +
                  kind(first_slip39_) + "; scan one set at a time");
}

// A SLIP-39 sheet's code: decoded here so a damaged one is named; the set is checked by Combine.
Status Scan::AddMnemonic(const std::string& origin, SecureBytes mnemonic) {
  if (!options_.accept_slip39) {
    return InvalidInput(origin +
                        ": a SLIP-39 mnemonic, not a keyrite share; combine SLIP-39 sheets with "
                        "--format slip39");
  }
  KR_RETURN_IF_ERROR(CheckKind(origin, true));
  KR_ASSIGN_OR_RETURN(const slip39::Share share, slip39::DecodeMnemonic(mnemonic.view(), origin));
  for (const ScannedPayload& seen : found_) {
    if (seen.text.size() == mnemonic.size() &&
        secmem::ConstantTimeEqual(seen.text.span(), mnemonic.span())) {
      return OkStatus();  // the same sheet scanned twice
    }
  }
  found_.push_back({origin, PayloadKind::kSlip39Mnemonic, Slip39SetName(share.identifier),
                    static_cast<std::uint8_t>(share.member_index + 1),
                    static_cast<std::uint8_t>(share.group_index + 1), std::move(mnemonic)});
  return OkStatus();
}

Status Scan::AddShareLine(const std::string& origin, SecureBytes line,
                          const std::string* expected_set) {
  KR_RETURN_IF_ERROR(CheckKind(origin, false));
  Result<share::Share> share = share::ParseShareV1(line.view());
  if (!share.ok()) return share.status().WithContext(origin);
  const std::string set_id = share::FormatSetId(share->set_id);
  if (expected_set != nullptr && *expected_set != set_id) {
    return Corrupt(origin + ": the share line inside the QR parts is of another set");
  }
  KR_RETURN_IF_ERROR(CheckSet(origin, set_id, share->index));
  for (const ScannedPayload& seen : found_) {
    if (seen.kind == PayloadKind::kShareLine && seen.text.size() == line.size() &&
        secmem::ConstantTimeEqual(seen.text.span(), line.span())) {
      return OkStatus();  // the same share scanned twice
    }
  }
  found_.push_back({origin, PayloadKind::kShareLine, set_id, share->index, 0, std::move(line)});
  return OkStatus();
}

Status Scan::AddPayload(const std::string& origin, SecureBytes payload) {
  if (IsPartPayload(payload.span())) {
    ++keyrite_codes_;
    Result<Part> part = ParsePart(payload.span());
    if (!part.ok()) return part.status().WithContext(origin);
    KR_RETURN_IF_ERROR(CheckSet(origin, part->header.set_id, part->header.index));
    return parts_.Add(origin, std::move(part).value());
  }
  if (IsPageMarkerPayload(payload.span())) {
    ++keyrite_codes_;  // a later page of a sheet: it only says whose it is
    KR_ASSIGN_OR_RETURN(const PartHeader marker, ParsePageMarker(payload.span()));
    return CheckSet(origin, marker.set_id, marker.index);
  }
  if (IsShareLine(payload)) {
    ++keyrite_codes_;
    return AddShareLine(origin, std::move(payload), nullptr);
  }
  if (LooksLikeSlip39Mnemonic(payload.span())) {
    ++keyrite_codes_;
    return AddMnemonic(origin, std::move(payload));
  }
  return OkStatus();  // someone else's QR code on the page: not ours to read
}

Status Scan::AddFile(const std::string& path) {
  const std::size_t before = keyrite_codes_;
  std::size_t other_codes = 0;
  const auto visit = [&](std::string_view origin, const GrayImage& page) -> Status {
    KR_ASSIGN_OR_RETURN(std::vector<SecureBytes> payloads, FindQrPayloads(page));
    for (SecureBytes& payload : payloads) {
      const std::size_t known = keyrite_codes_;
      KR_RETURN_IF_ERROR(AddPayload(std::string(origin), std::move(payload)));
      other_codes += keyrite_codes_ == known ? 1 : 0;
    }
    return OkStatus();
  };
  KR_RETURN_IF_ERROR(ForEachImagePage(path, visit));
  if (keyrite_codes_ > before) return OkStatus();
  if (other_codes > 0) {
    return NotFound(path + ": its QR code" + (other_codes > 1 ? "s are" : " is") +
                    " not from keyrite (no share line or KRP1 part)");
  }
  return NotFound(path +
                  ": no QR code found; scan or photograph the sheet again, flat, sharp "
                  "and well lit");
}

Result<std::vector<ScannedPayload>> Scan::Finish() {
  KR_ASSIGN_OR_RETURN(std::vector<AssembledPayload> assembled, parts_.Finish());
  for (AssembledPayload& whole : assembled) {
    const std::string origin = whole.origin + " (" + std::to_string(whole.header.parts) + " parts)";
    if (IsShareLine(whole.payload)) {
      KR_RETURN_IF_ERROR(AddShareLine(origin, std::move(whole.payload), &whole.header.set_id));
    } else if (StartsWith(whole.payload, kArmorBegin)) {
      KR_RETURN_IF_ERROR(CheckKind(origin, false));
      found_.push_back({origin, PayloadKind::kArmoredShard, whole.header.set_id, whole.header.index,
                        0, std::move(whole.payload)});
    } else {
      return InvalidInput(origin +
                          ": the QR parts put together are neither a share line nor an "
                          "armored shard");
    }
  }
  std::stable_sort(
      found_.begin(), found_.end(),
      [](const ScannedPayload& a, const ScannedPayload& b) {
        return std::tie(a.group, a.index) < std::tie(b.group, b.index);
      });
  return std::move(found_);
}

}  // namespace

Result<std::vector<SecureBytes>> FindQrPayloads(const GrayImage& image) {
  std::vector<SecureBytes> found;
  KR_RETURN_IF_ERROR(DecodeInto(image, found));
  for (int attempt = 0; attempt < kRetries && !LooksComplete(found); ++attempt) {
    std::optional<Result<GrayImage>> retry = Retry(image, attempt);
    if (!retry) continue;
    if (!retry->ok()) return retry->status();
    KR_RETURN_IF_ERROR(DecodeInto(retry->value(), found));
  }
  return found;
}

Result<std::vector<ScannedPayload>> ScanImageFiles(std::span<const std::string> paths,
                                                   const ScanOptions& options) {
  if (paths.empty()) return InvalidArgument("no images to scan");
  Scan scan(options);
  for (const std::string& path : paths) KR_RETURN_IF_ERROR(scan.AddFile(path));
  return scan.Finish();
}

Result<std::vector<ScannedPayload>> ScanImageFile(const std::string& path) {
  return ScanImageFiles(std::span(&path, 1));
}

}  // namespace keyrite::paper
