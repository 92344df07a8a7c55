#pragma once
// Scanning sheets: the QR codes in images (PNG, JPEG, every page of a PDF; flatbed scans and
// phone photos) turned back into what the sheets carry: share lines and armored shards.
// Multi-part payloads are put back together in any order and across files, exact duplicates are
// dropped, and every payload of one scan must belong to one share set. When zbar finds nothing in
// an image as it is, the image is tried again shrunk, smoothed, enlarged and turned (the list is
// in docs/paper.md). Share lines come back in SecureBytes; they are checked by the share codec
// (ParseShareV1) before they are returned. SLIP-39 mnemonics (the QR code of a SLIP-39 sheet)
// are decoded (slip39::DecodeMnemonic) and returned only when the caller asks for them; whether
// they form one set is left to slip39::Combine, which names the shares that disagree.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "paper/gray_image.h"
#include "secmem/secure_bytes.h"

namespace keyrite::paper {

enum class PayloadKind { kShareLine, kArmoredShard, kSlip39Mnemonic };

struct ScannedPayload {
  std::string origin;  // "scan.png", "sheets.pdf page 2", or the files its parts came from
  PayloadKind kind = PayloadKind::kShareLine;
  std::string set_id;  // as printed ("SLIP39-01234" for a SLIP-39 mnemonic)
  std::uint8_t index = 0;    // 1-based; a SLIP-39 member's number in its group
  std::uint8_t group = 0;    // SLIP-39: 1-based group number; 0 otherwise
  secmem::SecureBytes text;  // the share line or mnemonic (secret), or the armored shard
};

struct ScanOptions {
  // False: a SLIP-39 mnemonic is refused (InvalidInput, saying to use --format slip39), so a
  // caller that only combines keyrite shares never sees one.
  bool accept_slip39 = false;
};

// Every keyrite payload in the files, ordered by share index. Errors name the file: NotFound
// (missing file, or no keyrite QR code in it), InvalidInput / IoError (unreadable image),
// Mismatch (a code of another set, or parts of two printings), Insufficient (parts missing,
// named), Corrupt (a damaged share line or reassembled payload).
// Mismatch, too, when one scan mixes SLIP-39 mnemonics and keyrite shares.
Result<std::vector<ScannedPayload>> ScanImageFiles(std::span<const std::string> paths,
                                                   const ScanOptions& options = {});
Result<std::vector<ScannedPayload>> ScanImageFile(const std::string& path);

// The distinct QR payloads zbar finds in one bitmap, after the retries (possibly none).
Result<std::vector<secmem::SecureBytes>> FindQrPayloads(const GrayImage& image);

}  // namespace keyrite::paper
