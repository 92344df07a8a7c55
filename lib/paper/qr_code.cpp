#include "paper/qr_code.h"

#include <qrencode.h>

#include <cerrno>
#include <memory>
#include <string>

namespace keyrite::paper {
namespace {

struct QrInputFree {
  void operator()(QRinput* input) const { QRinput_free(input); }
};
using QrInputPtr = std::unique_ptr<QRinput, QrInputFree>;

// The module matrix shows the payload: wipe it before libqrencode frees it.
struct QrCodeFree {
  void operator()(QRcode* code) const {
    const auto side = static_cast<std::size_t>(code->width);
    secmem::Wipe(code->data, side * side);
    QRcode_free(code);
  }
};
using QrCodePtr = std::unique_ptr<QRcode, QrCodeFree>;

// All-ones when lo <= c <= hi, without a branch.
unsigned InRange(unsigned c, unsigned lo, unsigned hi) {
  return ~static_cast<unsigned>((static_cast<int>(c - lo) | static_cast<int>(hi - c)) >> 31) & 1u;
}

unsigned IsAlnumChar(unsigned c) {
  unsigned ok = InRange(c, '0', '9') | InRange(c, 'A', 'Z');
  for (const unsigned special : {' ', '$', '%', '*', '+', '-', '.', '/', ':'}) {
    ok |= InRange(c, special, special);
  }
  return ok;
}

QRecLevel ToLibLevel(QrLevel level) {
  switch (level) {
    case QrLevel::kM:
      return QR_ECLEVEL_M;
    case QrLevel::kQ:
      return QR_ECLEVEL_Q;
    case QrLevel::kH:
      return QR_ECLEVEL_H;
  }
  return QR_ECLEVEL_M;
}

// Version 40 at level L holds 7089 digits; nothing longer can fit.
constexpr std::size_t kMaxQrPayloadBytes = 7089;

Status EncodeFailure(std::size_t bytes, int err) {
  if (err == ERANGE || err == EINVAL) {
    return InvalidInput("a payload of " + std::to_string(bytes) +
                        " bytes does not fit in a QR code at this error correction level");
  }
  return Internal("libqrencode could not encode a payload of " + std::to_string(bytes) + " bytes");
}

QrMatrix ToMatrix(const QRcode& code) {
  const auto side = static_cast<std::size_t>(code.width);
  QrMatrix matrix{code.version, side, secmem::SecureBytes(side * side)};
  // Bit 0 of each libqrencode byte is the module's colour; the other bits describe its role.
  for (std::size_t i = 0; i < side * side; ++i) matrix.modules[i] = code.data[i] & 1u;
  return matrix;
}

}  // namespace

bool IsQrAlphanumeric(std::span<const std::uint8_t> payload) {
  unsigned all = 1;
  for (const std::uint8_t c : payload) all &= IsAlnumChar(c);
  return all == 1;
}

Result<QrMatrix> EncodeQr(std::span<const std::uint8_t> payload, QrLevel level) {
  if (payload.empty()) return InvalidInput("nothing to put in a QR code");
  if (payload.size() > kMaxQrPayloadBytes) return EncodeFailure(payload.size(), ERANGE);
  QrInputPtr input(QRinput_new2(0, ToLibLevel(level)));  // version 0: the smallest that fits
  if (!input) return Internal("libqrencode could not start an input");
  const QRencodeMode mode = IsQrAlphanumeric(payload) ? QR_MODE_AN : QR_MODE_8;
  errno = 0;
  if (QRinput_append(input.get(), mode, static_cast<int>(payload.size()), payload.data()) != 0) {
    return EncodeFailure(payload.size(), errno);
  }
  errno = 0;
  QrCodePtr code(QRcode_encodeInput(input.get()));
  if (!code) return EncodeFailure(payload.size(), errno);
  return ToMatrix(*code);
}

}  // namespace keyrite::paper
