#include "bot/session_store.h"

namespace kneebot {

Status MemorySessionStore::Load(const std::string& id, Session* session) {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return Status::NotFound("no session");
  if (Expired(it->second, clock_->Now())) {
    sessions_.erase(it);
    return Status::NotFound("session expired");
  }
  *session = it->second;
  return Status::OK();
}

Status MemorySessionStore::Save(Session* session) {
  std::lock_guard lock(mu_);
  TimePoint now = clock_->Now();
  SweepLocked(now);
  auto it = sessions_.find(session->id);
  int64_t stored = it == sessions_.end() ? 0 : it->second.version;
  if (stored != session->version) {
    return Status::Conflict("session was saved by another turn");
  }
  session->version = stored + 1;
  session->updated_at = now;
  sessions_[session->id] = *session;
  return Status::OK();
}

Status MemorySessionStore::Erase(const std::string& id) {
  std::lock_guard lock(mu_);
  sessions_.erase(id);
  return Status::OK();
}

size_t MemorySessionStore::Size() {
  std::lock_guard lock(mu_);
  return sessions_.size();
}

void MemorySessionStore::SweepLocked(TimePoint now) {
  // A full sweep at most once a minute keeps Save O(1) amortised.
  if (now < next_sweep_) return;
  next_sweep_ = now + std::chrono::minutes(1);
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    it = Expired(it->second, now) ? sessions_.erase(it) : std::next(it);
  }
}

}  // namespace kneebot
