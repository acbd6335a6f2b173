// SessionRegistry: the live WebSocket connections (chat sessions on /ws and
// Direct Line streams), so Stop() can close every one of them.
//
// Holds weak pointers only (chat-multi's shared_state): the registry never
// keeps a session alive; a session joins after its handshake and leaves in its
// destructor. Safe for concurrent use.
#ifndef KNEEBOT_BOT_SERVER_SESSION_REGISTRY_H_
#define KNEEBOT_BOT_SERVER_SESSION_REGISTRY_H_

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace kneebot {

// A connection Stop() must close: WebSocketSession, DirectLineStream.
class LiveConnection {
 public:
  virtual ~LiveConnection() = default;
  // Graceful close with 1001 (going_away). Safe from any thread, any number of
  // times.
  virtual void Shutdown() = 0;
};

class SessionRegistry {
 public:
  SessionRegistry() = default;
  SessionRegistry(const SessionRegistry&) = delete;
  SessionRegistry& operator=(const SessionRegistry&) = delete;

  // Registers `session`. Returns false once shutdown has begun: the caller must
  // close.
  bool Join(LiveConnection* key, std::weak_ptr<LiveConnection> session);
  // Unregisters `key` (no-op if absent) and wakes WaitEmpty.
  void Leave(LiveConnection* key);

  // Refuses further joins and returns every session still alive, for the caller
  // to close. Drop the returned pointers before WaitEmpty, or the sessions
  // cannot end.
  std::vector<std::shared_ptr<LiveConnection>> BeginShutdown();
  // Blocks until no session is registered or `timeout` passed. True if none is
  // left.
  bool WaitEmpty(std::chrono::milliseconds timeout);

  size_t size() const;

 private:
  mutable std::mutex mu_;
  std::condition_variable empty_;
  std::unordered_map<LiveConnection*, std::weak_ptr<LiveConnection>>
      sessions_;
  bool shutting_down_ = false;
};

}  // namespace kneebot

#endif  // KNEEBOT_BOT_SERVER_SESSION_REGISTRY_H_
