#pragma once
// Scanning sheets: the QR codes in images (PNG, JPEG, every page of a PDF; flatbed scans and
// phone photos) turned back into what the sheets carry: share lines and armored shards.
// Multi-part payloads are put back together in any order and across files, exact duplicates are
// dropped, and every payload of one scan must belong to one share set. When zbar finds nothing in
// an image as it is, the image is tried again shrunk, smoothed, enlarged and turned (the list is
// in docs/paper.md). Share lines come back in SecureBytes; they are checked by the share codec
// (ParseShareV1) before they are returned.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "paper/gray_image.h"
#include "secmem/secure_bytes.h"

namespace keyrite::paper {

enum class PayloadKind { kShareLine, kArmoredShard };

struct ScannedPayload {
  std::string origin;  // "scan.png", "sheets.pdf page 2", or the files its parts came from
  PayloadKind kind = PayloadKind::kShareLine;
  std::string set_id;  // as printed
  std::uint8_t index = 0;
  secmem::SecureBytes text;  // the share line (secret) or the armored shard
};

// Every keyrite payload in the files, ordered by share index. Errors name the file: NotFound
// (missing file, or no keyrite QR code in it), InvalidInput / IoError (unreadable image),
// Mismatch (a code of another set, or parts of two printings), Insufficient (parts missing,
// named), Corrupt (a damaged share line or reassembled payload).
Result<std::vector<ScannedPayload>> ScanImageFiles(std::span<const std::string> paths);
Result<std::vector<ScannedPayload>> ScanImageFile(const std::string& path);

// The distinct QR payloads zbar finds in one bitmap, after the retries (possibly none).
Result<std::vector<secmem::SecureBytes>> FindQrPayloads(const GrayImage& image);

}  // namespace keyrite::paper
