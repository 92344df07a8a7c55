#pragma once
// Reading QR codes from a grayscale image with zbar. zbar is told to return each code's bytes as
// they are (ZBAR_CFG_BINARY), not converted to UTF-8 by a guessed character set, so a byte-mode
// payload comes back byte for byte; alphanumeric codes come back as their ASCII text. Payloads
// may be shares: they are copied into SecureBytes and zbar's copy is wiped before it is freed.

#include <vector>

#include "base/status.h"
#include "paper/gray_image.h"
#include "secmem/secure_bytes.h"

namespace keyrite::paper {

// Every QR code zbar finds, in the order it reports them (possibly none). Internal when zbar
// fails to run at all.
Result<std::vector<secmem::SecureBytes>> DecodeQrCodes(const GrayImage& image);

}  // namespace keyrite::paper
