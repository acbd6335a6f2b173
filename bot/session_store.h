// SessionStore: where sessions live between turns.
//
// This issue ships MemorySessionStore; SQLite and Redis backends come later behind the
// same interface. Saves are compare-and-set on Session::version (botbuilder's eTag), so
// two turns of one conversation racing on two connections never lose an update.
#ifndef KNEEBOT_BOT_SESSION_STORE_H_
#define KNEEBOT_BOT_SESSION_STORE_H_

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "bot/clock.h"
#include "bot/session.h"
#include "bot/status.h"

namespace kneebot {

class SessionStore {
 public:
  SessionStore() = default;
  SessionStore(const SessionStore&) = delete;
  SessionStore& operator=(const SessionStore&) = delete;
  virtual ~SessionStore() = default;

  // Copies the session into *session. Returns NotFound if there is none or it expired.
  // Safe for concurrent use.
  virtual Status Load(const std::string& id, Session* session) = 0;
  // Saves *session if session->version equals the stored version (0 = new session),
  // then increments session->version. Returns Conflict otherwise: reload and retry.
  // Safe for concurrent use.
  virtual Status Save(Session* session) = 0;
  // Forgets the session. OK when there was none. Safe for concurrent use.
  virtual Status Erase(const std::string& id) = 0;
  // Number of live sessions (for /metrics and tests).
  virtual size_t Size() = 0;
};

// A mutex and a hash map. Sessions idle for longer than `ttl` are gone: Load reports
// NotFound and a sweep on Save drops them, so memory stays bounded by live sessions.
class MemorySessionStore final : public SessionStore {
 public:
  MemorySessionStore(const Clock* clock, std::chrono::seconds ttl)
      : clock_(clock), ttl_(ttl) {}

  Status Load(const std::string& id, Session* session) override;
  Status Save(Session* session) override;
  Status Erase(const std::string& id) override;
  size_t Size() override;

 private:
  bool Expired(const Session& s, TimePoint now) const { return now - s.updated_at > ttl_; }
  void SweepLocked(TimePoint now);

  const Clock* clock_;
  const std::chrono::seconds ttl_;
  std::mutex mu_;
  std::unordered_map<std::string, Session> sessions_;  // guarded by mu_
  TimePoint next_sweep_{};                             // guarded by mu_
};

}  // namespace kneebot

#endif  // KNEEBOT_BOT_SESSION_STORE_H_
