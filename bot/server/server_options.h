// ServerOptions: every limit and timeout of the HTTP/WebSocket server, with
// defaults in place. Plain data with no Boost dependency, so config and tests
// include it cheaply.
#ifndef KNEEBOT_BOT_SERVER_SERVER_OPTIONS_H_
#define KNEEBOT_BOT_SERVER_SERVER_OPTIONS_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "bot/clock.h"

namespace kneebot {

// The Direct Line 3.0 endpoints under /v3/directline (direct_line_service.h).
struct DirectLineOptions {
  // The master key clients (or the site's backend) present to get tokens.
  // Empty: Direct Line is off and its routes are 404. Comes from the
  // environment (KNEEBOT_DIRECTLINE_SECRET), never from flags; never logged.
  std::string secret;
  // Lifetime of a token; a conversation lives as long as its latest token.
  std::chrono::seconds token_ttl{1800};
  // Conversations held in memory; starting one more is 503 until some expire.
  size_t max_conversations = 2000;
  // Activities and serialized bytes kept per conversation (oldest dropped).
  size_t max_activities_per_conversation = 200;
  size_t max_conversation_bytes = 256 * 1024;
  // Largest posted activity; bigger is 413.
  size_t max_activity_bytes = 16 * 1024;
  // Where "now" comes from for token expiry and timestamps; null: the system
  // clock. Tests inject a fake one. Must outlive the server.
  const Clock* clock = nullptr;
};

struct ServerOptions {
  // Address to listen on. Loopback by default: exposing the bot is a deliberate
  // choice.
  std::string bind = "127.0.0.1";
  // 0 picks a free port; Server::port() reports the one bound.
  uint16_t port = 8080;
  // Threads running the one io_context. Each connection has its own strand, so
  // any number is safe; on small machines 1 is often fastest (measure).
  int threads = 1;
  // Folder holding index.html, widget.js and widget.css
  // (<content-root>/adapters/web).
  std::string web_root;

  // Largest HTTP request body. Webhook payloads (Twilio, Slack, Telegram) are
  // small.
  size_t max_http_body_bytes = 64 * 1024;
  // Time allowed to read one HTTP request, and to write its response.
  std::chrono::seconds http_timeout{30};

  // Largest inbound WebSocket message. Beast's default is 16 MiB; a chat
  // message is well under 1 KiB. Bigger frames get a `too_large` error and
  // close code 1009.
  size_t max_ws_message_bytes = 64 * 1024;
  // WebSocket opening and closing handshake timeout.
  std::chrono::seconds ws_handshake_timeout{30};
  // A connection with no traffic for this long is dropped. Beast pings at half
  // this interval, so a live browser tab always answers in time: this detects
  // dead peers.
  std::chrono::seconds ws_idle_timeout{60};
  // Outbound frames queued per connection. When full the server stops reading
  // that connection until the client catches up (back-pressure, not unbounded
  // memory).
  size_t write_queue_limit = 16;

  // Per-connection token bucket: sustained frames per second and burst size. A
  // person tapping quick replies stays far below; a script flooding the bot
  // does not.
  double rate_per_second = 5.0;
  double rate_burst = 20.0;

  // WebSocket connections beyond this get 503 on upgrade.
  size_t max_connections = 20000;

  // Stop() waits this long for in-flight replies and close handshakes, then
  // stops.
  std::chrono::milliseconds shutdown_drain{5000};

  // Direct Line for Microsoft's Web Chat; off unless a secret is set. Its
  // per-conversation posting rate is rate_per_second / rate_burst above.
  DirectLineOptions direct_line;
};

}  // namespace kneebot

#endif  // KNEEBOT_BOT_SERVER_SERVER_OPTIONS_H_
