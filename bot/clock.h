// Clock: where "now" comes from, so expiry and latency are testable with a fake clock.
#ifndef KNEEBOT_BOT_CLOCK_H_
#define KNEEBOT_BOT_CLOCK_H_

#include <chrono>

namespace kneebot {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  // Safe for concurrent use.
  virtual TimePoint Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
};

}  // namespace kneebot

#endif  // KNEEBOT_BOT_CLOCK_H_
