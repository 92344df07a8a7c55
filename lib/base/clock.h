#pragma once
// Clock: the only source of "now". Tests and golden outputs use a FixedClock.

#include <cstdint>
#include <string>

namespace keyrite {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t NowUnixSeconds() = 0;
};

Clock& SystemClock();

class FixedClock final : public Clock {
 public:
  explicit FixedClock(std::int64_t unix_seconds) : now_(unix_seconds) {}
  std::int64_t NowUnixSeconds() override { return now_; }

 private:
  std::int64_t now_;
};

// "2026-11-21T23:30:00Z"
std::string FormatUtc(std::int64_t unix_seconds);

}  // namespace keyrite
