#include "bot/server/session_registry.h"

#include <utility>

namespace kneebot {

bool SessionRegistry::Join(LiveConnection* key,
                           std::weak_ptr<LiveConnection> session) {
  std::lock_guard lock(mu_);
  if (shutting_down_) return false;
  sessions_.emplace(key, std::move(session));
  return true;
}

void SessionRegistry::Leave(LiveConnection* key) {
  std::lock_guard lock(mu_);
  sessions_.erase(key);
  if (sessions_.empty()) empty_.notify_all();
}

std::vector<std::shared_ptr<LiveConnection>>
SessionRegistry::BeginShutdown() {
  std::vector<std::shared_ptr<LiveConnection>> live;
  std::lock_guard lock(mu_);
  shutting_down_ = true;
  live.reserve(sessions_.size());
  for (auto& [key, weak] : sessions_) {
    if (auto s = weak.lock()) live.push_back(std::move(s));
  }
  return live;
}

bool SessionRegistry::WaitEmpty(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  return empty_.wait_for(lock, timeout, [this] { return sessions_.empty(); });
}

size_t SessionRegistry::size() const {
  std::lock_guard lock(mu_);
  return sessions_.size();
}

}  // namespace kneebot
