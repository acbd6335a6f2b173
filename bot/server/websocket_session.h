// WebSocketSession: one chat connection on /ws, speaking shared/protocol.md.
//
//   std::make_shared<WebSocketSession>(stream.release_socket(), state)
//       ->Run(std::move(upgrade_request));
//
// Every client frame gets exactly one `reply` or `error` frame, in order. Turns
// run inline on the connection's strand (they are microseconds of CPU), so one
// connection's turns never overlap and their replies stay in order without
// locks.
//
// Lifetime follows Beast's examples: the object lives while an operation is
// pending (handlers hold shared_from_this()); the registry holds only a weak
// pointer. All private methods run on the strand; Run and Shutdown may be
// called from anywhere.
#ifndef KNEEBOT_BOT_SERVER_WEBSOCKET_SESSION_H_
#define KNEEBOT_BOT_SERVER_WEBSOCKET_SESSION_H_

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>

#include "bot/server/beast.h"
#include "bot/server/server_state.h"
#include "bot/server/token_bucket.h"

namespace kneebot {

class WebSocketSession : public std::enable_shared_from_this<WebSocketSession>,
                         public LiveConnection {
 public:
  WebSocketSession(tcp::socket&& socket, std::shared_ptr<ServerState> state);
  ~WebSocketSession();
  WebSocketSession(const WebSocketSession&) = delete;
  WebSocketSession& operator=(const WebSocketSession&) = delete;

  // Accepts the upgrade `req` and starts serving. Call once.
  void Run(http::request<http::string_body> req);

  // Graceful close: replies already queued are sent, then close code 1001
  // (going_away). Safe to call from any thread, any number of times.
  void Shutdown() override;

 private:
  void OnRun();
  void OnAccept(beast::error_code ec);
  void DoRead();
  void OnRead(beast::error_code ec, std::size_t bytes);
  void HandleFrame(std::string_view frame, bool binary);
  void RunTurn(Activity activity);
  void SendError(ProtocolErrorCode code, std::string message,
                 std::optional<std::string> reply_to);
  void Send(std::string frame);
  void DoWrite();
  void OnWrite(beast::error_code ec, std::size_t bytes);
  // Close with `code` once the write queue is empty. The first reason wins.
  void CloseAfterWrites(websocket::close_code code);
  void MaybeClose();
  void OnClose(beast::error_code ec);
  void Fail(beast::error_code ec, const char* what);

  websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer buffer_;
  http::request<http::string_body>
      upgrade_;  // kept alive until the handshake is done
  const std::shared_ptr<ServerState> state_;
  const uint64_t connection_id_;
  const std::chrono::steady_clock::time_point opened_;
  TokenBucket bucket_;

  // Frames waiting to be written; the front one is being written. At most one
  // async_write is outstanding. Bounded by reading no more while it is full.
  std::deque<std::string> queue_;
  bool read_paused_ = false;

  // The conversation this connection speaks for: server-issued, learned from
  // replies.
  std::string session_id_;

  bool joined_ = false;      // in the registry; counted in the metrics
  bool closing_ = false;     // a close is decided; no more reads
  bool close_sent_ = false;  // async_close started; nothing more can be written
  websocket::close_code close_code_ = websocket::close_code::normal;
  const char* end_reason_ = "unknown";  // for the close log line
  uint64_t frames_ = 0;
};

}  // namespace kneebot

#endif  // KNEEBOT_BOT_SERVER_WEBSOCKET_SESSION_H_
