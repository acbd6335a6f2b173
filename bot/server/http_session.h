// HttpSession: one plain HTTP connection. Routes requests, or hands the socket
// to a WebSocketSession when the request is an upgrade to /ws (Beast's
// advanced_server).
//
//   GET /            <web_root>/index.html
//   GET /widget.js   <web_root>/widget.js      GET /widget.css
//   <web_root>/widget.css GET /healthz     200
//   {"status":"ok","content_version":...} (503 before content) GET /metrics
//   Prometheus text GET /ws          WebSocket upgrade (protocol.md)
//   /v3/directline/...  Direct Line 3.0 (direct_line_service.h) when a secret
//   is configured, else 404; its stream upgrades go to DirectLineStream
//   anything else    404 (405 for a known path with another method)
//
// Requests are read one at a time with a body limit and a timeout, so a slow or
// huge request costs one bounded buffer. Handlers run on the connection's
// strand.
#ifndef KNEEBOT_BOT_SERVER_HTTP_SESSION_H_
#define KNEEBOT_BOT_SERVER_HTTP_SESSION_H_

#include <memory>
#include <optional>

#include "bot/server/beast.h"
#include "bot/server/server_state.h"

namespace kneebot {

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket&& socket, std::shared_ptr<ServerState> state);
  HttpSession(const HttpSession&) = delete;
  HttpSession& operator=(const HttpSession&) = delete;

  // Starts reading requests. Call once.
  void Run();

 private:
  void DoRead();
  void OnRead(beast::error_code ec, std::size_t bytes);
  void OnWrite(bool keep_alive, beast::error_code ec, std::size_t bytes);
  void DoClose();
  // Upgrade of a Direct Line streamUrl: authorize, then hand the socket over.
  void UpgradeDirectLine();
  // Answers the request being read with 503 and returns true when shutting down or at the connection cap, so
  // no new WebSocket (native or Direct Line stream) is opened.
  bool RefusedAsBusy();
  http::message_generator Handle(
      const http::request<http::string_body>& req) const;

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  // A fresh parser per request: body_limit applies per request.
  std::optional<http::request_parser<http::string_body>> parser_;
  const std::shared_ptr<ServerState> state_;
};

}  // namespace kneebot

#endif  // KNEEBOT_BOT_SERVER_HTTP_SESSION_H_
