#pragma once
// QR codes from payloads, through libqrencode. A payload may be a share line, so the payload and
// the module matrix live only in SecureBytes; libqrencode's own result buffer is wiped before it
// is freed (its internal scratch buffers are not ours to wipe: see docs/paper.md). A payload made
// only of QR alphanumeric characters (0-9 A-Z space $ % * + - . / :), as share lines and part
// headers are, is encoded in alphanumeric mode; anything else in byte mode.

#include <cstddef>
#include <cstdint>
#include <span>

#include "base/status.h"
#include "secmem/secure_bytes.h"

namespace keyrite::paper {

// Error correction: M restores about 15% of the modules, Q 25%, H 30%.
enum class QrLevel { kM, kQ, kH };

// Light modules kept around a code so a reader finds its edge (the QR standard's minimum).
inline constexpr std::size_t kQrQuietZoneModules = 4;

struct QrMatrix {
  int version = 0;              // 1..40
  std::size_t width = 0;        // modules per side, without the quiet zone
  secmem::SecureBytes modules;  // width * width, row-major: 1 dark, 0 light. Secret.

  bool Dark(std::size_t x, std::size_t y) const { return modules[y * width + x] != 0; }
};

// Whether every byte is in the QR alphanumeric set. Constant time in the bytes.
bool IsQrAlphanumeric(std::span<const std::uint8_t> payload);

// The smallest QR code holding `payload` at `level`. InvalidInput when it is empty or too long
// for any QR version (the message gives its length, never its bytes).
Result<QrMatrix> EncodeQr(std::span<const std::uint8_t> payload, QrLevel level);

}  // namespace keyrite::paper
