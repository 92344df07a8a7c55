#include "paper/gray_image.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>
#include <span>
#include <string>

namespace keyrite::paper {
namespace {

// Big enough for a 600 dpi Letter page, small enough that width * height cannot overflow.
constexpr std::size_t kMaxSide = 1 << 15;

// Bilinear sample at (fx, fy) in source pixels; outside the image reads as white.
double Sample(const GrayImage& image, double fx, double fy) {
  const double x0 = std::floor(fx);
  const double y0 = std::floor(fy);
  const double ax = fx - x0;
  const double ay = fy - y0;
  auto px = [&](double x, double y) -> double {
    if (x < 0 || y < 0 || x >= static_cast<double>(image.width) ||
        y >= static_cast<double>(image.height)) {
      return 255.0;
    }
    return image.At(static_cast<std::size_t>(x), static_cast<std::size_t>(y));
  };
  const double top = px(x0, y0) * (1 - ax) + px(x0 + 1, y0) * ax;
  const double bottom = px(x0, y0 + 1) * (1 - ax) + px(x0 + 1, y0 + 1) * ax;
  return top * (1 - ay) + bottom * ay;
}

std::uint8_t ToPixel(double value) {
  return static_cast<std::uint8_t>(std::lround(std::fmin(255.0, std::fmax(0.0, value))));
}

}  // namespace

Result<GrayImage> GrayImage::Make(std::size_t width, std::size_t height) {
  if (width == 0 || height == 0) return InvalidInput("the image is empty");
  if (width > kMaxSide || height > kMaxSide) {
    return InvalidInput("the image is too large (" + std::to_string(width) + "x" +
                        std::to_string(height) + " pixels)");
  }
  KR_RETURN_IF_ERROR(secmem::CheckLockBudget(width * height));
  GrayImage image{width, height, secmem::SecureBytes(width * height)};
  std::memset(image.pixels.data(), 255, image.pixels.size());
  return image;
}

Result<GrayImage> RotateQuarterTurns(const GrayImage& image, int quarter_turns) {
  const int turns = ((quarter_turns % 4) + 4) % 4;
  const bool swap = turns % 2 == 1;
  KR_ASSIGN_OR_RETURN(GrayImage out, GrayImage::Make(swap ? image.height : image.width,
                                                     swap ? image.width : image.height));
  const std::size_t w = image.width;
  const std::size_t h = image.height;
  for (std::size_t y = 0; y < h; ++y) {
    for (std::size_t x = 0; x < w; ++x) {
      const std::uint8_t v = image.At(x, y);
      if (turns == 0) out.At(x, y) = v;
      if (turns == 1) out.At(h - 1 - y, x) = v;
      if (turns == 2) out.At(w - 1 - x, h - 1 - y) = v;
      if (turns == 3) out.At(y, w - 1 - x) = v;
    }
  }
  return out;
}

Result<GrayImage> RotateDegrees(const GrayImage& image, double degrees) {
  KR_ASSIGN_OR_RETURN(GrayImage out, GrayImage::Make(image.width, image.height));
  const double rad = degrees * std::numbers::pi / 180.0;
  const double c = std::cos(rad);
  const double s = std::sin(rad);
  const double cx = static_cast<double>(image.width) / 2.0;
  const double cy = static_cast<double>(image.height) / 2.0;
  for (std::size_t y = 0; y < out.height; ++y) {
    for (std::size_t x = 0; x < out.width; ++x) {
      const double dx = static_cast<double>(x) - cx;
      const double dy = static_cast<double>(y) - cy;
      out.At(x, y) = ToPixel(Sample(image, cx + c * dx + s * dy, cy - s * dx + c * dy));
    }
  }
  return out;
}

Result<GrayImage> ShrinkBy(const GrayImage& image, std::size_t factor) {
  KR_CHECK(factor >= 1);
  const std::size_t w = image.width / factor;
  const std::size_t h = image.height / factor;
  KR_ASSIGN_OR_RETURN(GrayImage out, GrayImage::Make(w, h));
  for (std::size_t y = 0; y < h; ++y) {
    for (std::size_t x = 0; x < w; ++x) {
      std::size_t sum = 0;
      for (std::size_t dy = 0; dy < factor; ++dy) {
        for (std::size_t dx = 0; dx < factor; ++dx)
          sum += image.At(x * factor + dx, y * factor + dy);
      }
      out.At(x, y) = static_cast<std::uint8_t>(sum / (factor * factor));
    }
  }
  return out;
}

Result<GrayImage> Resize(const GrayImage& image, double scale) {
  KR_CHECK(scale > 0);
  const auto w = static_cast<std::size_t>(static_cast<double>(image.width) * scale);
  const auto h = static_cast<std::size_t>(static_cast<double>(image.height) * scale);
  KR_ASSIGN_OR_RETURN(GrayImage out, GrayImage::Make(w, h));
  for (std::size_t y = 0; y < h; ++y) {
    for (std::size_t x = 0; x < w; ++x) {
      // Pixel centres map to pixel centres.
      const double fx = (static_cast<double>(x) + 0.5) / scale - 0.5;
      const double fy = (static_cast<double>(y) + 0.5) / scale - 0.5;
      out.At(x, y) = ToPixel(Sample(image, fx, fy));
    }
  }
  return out;
}

Result<GrayImage> BoxBlur3(const GrayImage& image) {
  KR_ASSIGN_OR_RETURN(GrayImage out, GrayImage::Make(image.width, image.height));
  const auto w = static_cast<long>(image.width);
  const auto h = static_cast<long>(image.height);
  for (long y = 0; y < h; ++y) {
    for (long x = 0; x < w; ++x) {
      unsigned sum = 0;
      unsigned n = 0;
      for (long dy = -1; dy <= 1; ++dy) {
        for (long dx = -1; dx <= 1; ++dx) {
          if (x + dx < 0 || y + dy < 0 || x + dx >= w || y + dy >= h) continue;
          sum += image.At(static_cast<std::size_t>(x + dx), static_cast<std::size_t>(y + dy));
          ++n;
        }
      }
      out.At(static_cast<std::size_t>(x), static_cast<std::size_t>(y)) =
          static_cast<std::uint8_t>(sum / n);
    }
  }
  return out;
}

namespace {

// Sums of each column over rows [y - r, y + r] (clipped), slid down one row at a time.
void SlideColumnSums(const GrayImage& image, std::size_t y, std::size_t r,
                     std::span<std::uint32_t> sums) {
  const std::size_t enter = y + r;
  if (enter < image.height) {
    for (std::size_t x = 0; x < image.width; ++x) sums[x] += image.At(x, enter);
  }
  if (y > r) {
    for (std::size_t x = 0; x < image.width; ++x) sums[x] -= image.At(x, y - r - 1);
  }
}

void ThresholdRow(const GrayImage& image, std::size_t y, std::size_t r, int offset,
                  std::span<const std::uint32_t> sums, GrayImage& out) {
  const std::size_t rows = std::min(y + r + 1, image.height) - (y > r ? y - r : 0);
  std::int64_t window = 0;
  for (std::size_t x = 0; x < std::min(r, image.width); ++x) window += sums[x];
  for (std::size_t x = 0; x < image.width; ++x) {
    if (x + r < image.width) window += sums[x + r];
    if (x > r) window -= sums[x - r - 1];
    const auto n =
        static_cast<std::int64_t>(rows * (std::min(x + r + 1, image.width) - (x > r ? x - r : 0)));
    // Ink when value * n + offset * n < window: the sign bit of the difference, without a branch.
    const std::int64_t diff = static_cast<std::int64_t>(image.At(x, y)) * n + offset * n - window;
    const auto ink = static_cast<std::uint8_t>(static_cast<std::uint64_t>(diff) >> 63);
    out.At(x, y) = static_cast<std::uint8_t>(255u * (1u - ink));
  }
}

}  // namespace

Result<GrayImage> AdaptiveThreshold(const GrayImage& image, std::size_t radius, int offset) {
  KR_ASSIGN_OR_RETURN(GrayImage out, GrayImage::Make(image.width, image.height));
  KR_RETURN_IF_ERROR(secmem::CheckLockBudget(image.width * sizeof(std::uint32_t)));
  secmem::SecureBytes sum_bytes(image.width * sizeof(std::uint32_t));
  const std::span<std::uint32_t> sums(reinterpret_cast<std::uint32_t*>(sum_bytes.data()),
                                      image.width);
  for (std::size_t y = 0; y < std::min(radius, image.height); ++y) {
    for (std::size_t x = 0; x < image.width; ++x) sums[x] += image.At(x, y);
  }
  for (std::size_t y = 0; y < image.height; ++y) {
    SlideColumnSums(image, y, radius, sums);
    ThresholdRow(image, y, radius, offset, sums, out);
  }
  return out;
}

}  // namespace keyrite::paper
