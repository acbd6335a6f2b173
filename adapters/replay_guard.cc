#include "adapters/replay_guard.h"

namespace kneebot {

bool MemoryReplayGuard::FirstTime(const std::string& key) {
  const TimePoint now = clock_->Now();
  std::lock_guard lock(mu_);
  while (!order_.empty() &&
         (now - order_.front().first > window_ || order_.size() >= capacity_)) {
    auto it = seen_.find(order_.front().second);
    if (it != seen_.end() && it->second == order_.front().first) seen_.erase(it);
    order_.pop_front();
  }
  auto [it, inserted] = seen_.emplace(key, now);
  if (!inserted) return false;
  order_.emplace_back(now, key);
  return true;
}

}  // namespace kneebot
