// MemoryReplayGuard: the delivery ids seen in the last `window`, in memory (one
// server). Bounded: past `capacity` ids the oldest are forgotten first.
#ifndef KNEEBOT_ADAPTERS_REPLAY_GUARD_H_
#define KNEEBOT_ADAPTERS_REPLAY_GUARD_H_

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

#include "adapters/channel.h"
#include "bot/clock.h"

namespace kneebot {

class MemoryReplayGuard final : public ReplayGuard {
 public:
  MemoryReplayGuard(const Clock* clock, std::chrono::seconds window, size_t capacity)
      : clock_(clock), window_(window), capacity_(capacity) {}

  bool FirstTime(const std::string& key) override;

 private:
  const Clock* clock_;
  const std::chrono::seconds window_;
  const size_t capacity_;
  std::mutex mu_;
  std::unordered_map<std::string, TimePoint> seen_;       // guarded by mu_
  std::deque<std::pair<TimePoint, std::string>> order_;  // guarded by mu_, oldest first
};

}  // namespace kneebot

#endif  // KNEEBOT_ADAPTERS_REPLAY_GUARD_H_
