#include "base/clock.h"

#include <ctime>

namespace keyrite {
namespace {

class RealClock final : public Clock {
 public:
  std::int64_t NowUnixSeconds() override { return static_cast<std::int64_t>(std::time(nullptr)); }
};

}  // namespace

Clock& SystemClock() {
  static RealClock clock;
  return clock;
}

std::string FormatUtc(std::int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace keyrite
