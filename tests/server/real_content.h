// The real intents and dialogs content (region US), loaded once per test binary, for
// the server tests that talk to the real bot.
#ifndef KNEEBOT_TESTS_SERVER_REAL_CONTENT_H_
#define KNEEBOT_TESTS_SERVER_REAL_CONTENT_H_

#include <cstdint>
#include <memory>

#include "bot/bot.h"
#include "bot/clock.h"
#include "bot/server/server.h"
#include "bot/session_store.h"
#include "bot/status.h"
#include "dialogs/dialog_engine.h"
#include "intents/understander.h"

namespace kneebot::test {

struct RealContent {
  // Not OK when the content does not load: a test should fail on it, never skip.
  Status status;
  std::shared_ptr<const Understander> understander;
  std::shared_ptr<const DialogEngine> engine;

  static const RealContent& Get();
};

// The real bot (RealContent, sessions in memory) behind a Server on 127.0.0.1.
class RealBotServer {
 public:
  // Starts with `options` (port 0 picks a free port); fails if the content does not
  // load or the server does not start.
  Status Start(ServerOptions options);
  // Safe to call more than once, and without a Start.
  void Stop() {
    if (server_) server_->Stop();
  }
  Server& server() { return *server_; }
  uint16_t port() const { return server_->port(); }

 private:
  SystemClock clock_;
  std::unique_ptr<MemorySessionStore> store_;
  std::unique_ptr<Bot> bot_;
  std::unique_ptr<Server> server_;
};

}  // namespace kneebot::test

#endif  // KNEEBOT_TESTS_SERVER_REAL_CONTENT_H_
