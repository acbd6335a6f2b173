// SessionRegistry: the live WebSocket sessions, so Stop() can close every one
// of them.
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

class WebSocketSession;

class SessionRegistry {
 public:
  SessionRegistry() = default;
  SessionRegistry(const SessionRegistry&) = delete;
  SessionRegistry& operator=(const SessionRegistry&) = delete;

  // Registers `session`. Returns false once shutdown has begun: the caller must
  // close.
  bool Join(WebSocketSession* key, std::weak_ptr<WebSocketSession> session);
  // Unregisters `key` (no-op if absent) and wakes WaitEmpty.
  void Leave(WebSocketSession* key);

  // Refuses further joins and returns every session still alive, for the caller
  // to close. Drop the returned pointers before WaitEmpty, or the sessions
  // cannot end.
  std::vector<std::shared_ptr<WebSocketSession>> BeginShutdown();
  // Blocks until no session is registered or `timeout` passed. True if none is
  // left.
  bool WaitEmpty(std::chrono::milliseconds timeout);

  size_t size() const;

 private:
  mutable std::mutex mu_;
  std::condition_variable empty_;
  std::unordered_map<WebSocketSession*, std::weak_ptr<WebSocketSession>>
      sessions_;
  bool shutting_down_ = false;
};

}  // namespace kneebot

#endif  // KNEEBOT_BOT_SERVER_SESSION_REGISTRY_H_
