// FakeClock: a clock tests move by hand.
#ifndef KNEEBOT_TESTS_TESTING_FAKE_CLOCK_H_
#define KNEEBOT_TESTS_TESTING_FAKE_CLOCK_H_

#include <atomic>
#include <chrono>

#include "bot/clock.h"

namespace kneebot::test {

class FakeClock final : public Clock {
 public:
  TimePoint Now() const override { return TimePoint(std::chrono::milliseconds(ms_.load())); }
  void Advance(std::chrono::milliseconds d) { ms_ += d.count(); }

 private:
  std::atomic<int64_t> ms_{1'700'000'000'000};
};

}  // namespace kneebot::test

#endif  // KNEEBOT_TESTS_TESTING_FAKE_CLOCK_H_
