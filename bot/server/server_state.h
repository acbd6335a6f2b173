// ServerState: what every connection of one Server shares (chat-multi's
// shared_state): options, the turn handler, the codec, metrics, the session
// registry, the loggers. Connections hold it by shared_ptr, so it outlives the
// last of them even when the io_context is torn down with handlers still
// queued.
#ifndef KNEEBOT_BOT_SERVER_SERVER_STATE_H_
#define KNEEBOT_BOT_SERVER_SERVER_STATE_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "adapters/web_adapter.h"
#include "bot/activity.h"
#include "bot/bot.h"
#include "bot/server/metrics.h"
#include "bot/server/server_options.h"
#include "bot/server/session_registry.h"
#include "bot/status.h"

namespace spdlog {
class logger;
}

namespace kneebot {

class DirectLineService;

// Runs one turn; Bot::OnTurn in production, a fake in protocol tests. Called on
// the connection's strand, so it must be quick and must be safe for concurrent
// use.
using TurnHandler = std::function<Status(const Activity&, Reply*, TurnInfo*)>;

struct ServerState {
  ServerOptions options;
  TurnHandler on_turn;
  // Empty until content is loaded: /healthz answers 503 meanwhile.
  std::string content_version;
  WebAdapter web;
  Metrics metrics;
  SessionRegistry registry;
  // Null when options.direct_line.secret is empty (its routes are then 404).
  std::shared_ptr<DirectLineService> direct_line;
  std::shared_ptr<spdlog::logger>
      net_log;  // one line per connection open/close
  std::shared_ptr<spdlog::logger>
      turn_log;  // one line per turn, never message text
  // Set by Stop(): HTTP responses then close their connection instead of
  // keeping it.
  std::atomic<bool> stopping{false};
  // Numbers connections in the logs (instead of client IPs, which are personal
  // data).
  std::atomic<uint64_t> next_connection_id{1};
};

}  // namespace kneebot

#endif  // KNEEBOT_BOT_SERVER_SERVER_STATE_H_
