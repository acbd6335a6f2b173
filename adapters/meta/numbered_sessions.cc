#include "adapters/meta/numbered_sessions.h"

namespace kneebot::meta {

bool NumberedSessions::Get(const std::string& session_id) const {
  std::lock_guard lock(mu_);
  return numbered_.count(session_id) > 0;
}

void NumberedSessions::Set(const std::string& session_id, bool numbered) {
  std::lock_guard lock(mu_);
  if (!numbered) {
    numbered_.erase(session_id);
    return;
  }
  if (!numbered_.insert(session_id).second) return;
  order_.push_back(session_id);
  // order_ can also hold ids unset since; trimming it by size keeps both bounded.
  while (order_.size() > capacity_) {
    numbered_.erase(order_.front());
    order_.pop_front();
  }
}

}  // namespace kneebot::meta
