// ServerOptions: every limit and timeout of the HTTP/WebSocket server, with
// defaults in place. Plain data with no Boost dependency, so config and tests
// include it cheaply.
#ifndef KNEEBOT_BOT_SERVER_SERVER_OPTIONS_H_
#define KNEEBOT_BOT_SERVER_SERVER_OPTIONS_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace kneebot {

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
};

}  // namespace kneebot

#endif  // KNEEBOT_BOT_SERVER_SERVER_OPTIONS_H_
