#pragma once
// GrayImage: an 8-bit grayscale bitmap (0 black .. 255 white, row-major, no padding) in locked
// memory. Rendered sheets and scanned photos show a share's QR code and typed lines, so their
// pixels are secret. The transforms read pixels at positions that depend only on the geometry,
// never on pixel values. Construction checks the memory-lock budget first, so a huge image is a
// clear error rather than an abort.

#include <cstddef>
#include <cstdint>

#include "base/status.h"
#include "secmem/secure_bytes.h"

namespace keyrite::paper {

// Scanned images are reduced (by an integer box average) to at most this many pixels: a
// 12-megapixel photo of a sheet still shows each QR module over several pixels at 3 megapixels.
inline constexpr std::size_t kMaxWorkingPixels = 3'200'000;

struct GrayImage {
  std::size_t width = 0;
  std::size_t height = 0;
  secmem::SecureBytes pixels;

  // A white image; Refused when the lock budget cannot hold it, InvalidInput when empty or huge.
  static Result<GrayImage> Make(std::size_t width, std::size_t height);

  std::uint8_t At(std::size_t x, std::size_t y) const { return pixels[y * width + x]; }
  std::uint8_t& At(std::size_t x, std::size_t y) { return pixels[y * width + x]; }
};

// Turned clockwise by quarter_turns * 90 degrees (exact).
Result<GrayImage> RotateQuarterTurns(const GrayImage& image, int quarter_turns);
// Turned by `degrees` about the centre into a canvas of the same size (corners are cut, the
// uncovered area is white); bilinear.
Result<GrayImage> RotateDegrees(const GrayImage& image, double degrees);
// Each output pixel the average of a factor x factor block (factor >= 1).
Result<GrayImage> ShrinkBy(const GrayImage& image, std::size_t factor);
// Scaled by `scale` (> 0) with bilinear interpolation.
Result<GrayImage> Resize(const GrayImage& image, double scale);
// A 3x3 box blur: evens out sensor noise and JPEG blocks before a retry.
Result<GrayImage> BoxBlur3(const GrayImage& image);
// Black where a pixel is darker than the mean of the (2 * radius + 1)^2 square around it by more
// than `offset`, white elsewhere: undoes uneven light, grey ink and blur. Branch-free per pixel.
Result<GrayImage> AdaptiveThreshold(const GrayImage& image, std::size_t radius, int offset);

}  // namespace keyrite::paper
