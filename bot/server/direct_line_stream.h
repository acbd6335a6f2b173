// DirectLineStream: one Direct Line streamUrl WebSocket. Pushes the
// conversation's ActivitySets ({"activities":[...],"watermark":"N"}) as they
// are appended, starting with what follows the URL's watermark; reads and
// ignores what the client sends (DirectLineJS sends empty keep-alive frames).
//
//   std::make_shared<DirectLineStream>(stream.release_socket(), state,
//                                      conversation, watermark)
//       ->Run(std::move(upgrade_request));
//
// Closes (1000) when the conversation expires or is forgotten; the client then
// reconnects through GET .../conversations/{id}, which needs a valid token. A
// client that stops reading is closed once write_queue_limit frames are
// waiting: it resumes from its watermark on reconnect, so nothing is lost and
// memory stays bounded. Lifetime and strand as WebSocketSession.
#ifndef KNEEBOT_BOT_SERVER_DIRECT_LINE_STREAM_H_
#define KNEEBOT_BOT_SERVER_DIRECT_LINE_STREAM_H_

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>

#include "bot/server/beast.h"
#include "bot/server/direct_line_conversations.h"
#include "bot/server/server_state.h"

namespace kneebot {

class DirectLineStream : public std::enable_shared_from_this<DirectLineStream>,
                         public LiveConnection {
 public:
  DirectLineStream(tcp::socket&& socket, std::shared_ptr<ServerState> state,
                   std::shared_ptr<DirectLineConversation> conversation,
                   uint64_t watermark);
  ~DirectLineStream() override;
  DirectLineStream(const DirectLineStream&) = delete;
  DirectLineStream& operator=(const DirectLineStream&) = delete;

  // Accepts the upgrade `req` and starts pushing. Call once.
  void Run(http::request<http::string_body> req);

  void Shutdown() override;

 private:
  void OnRun();
  void OnAccept(beast::error_code ec);
  void DoRead();
  void OnRead(beast::error_code ec, std::size_t bytes);
  // On the strand: queue one ActivitySet, or close when `set` is null.
  void Push(std::shared_ptr<const std::string> set);
  void DoWrite();
  void OnWrite(beast::error_code ec, std::size_t bytes);
  void ArmExpiry();
  void OnExpiry(beast::error_code ec);
  void CloseAfterWrites(websocket::close_code code, const char* reason);
  void MaybeClose();
  void OnClose(beast::error_code ec);
  void Fail(beast::error_code ec);

  websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> upgrade_;
  const std::shared_ptr<ServerState> state_;
  const std::shared_ptr<DirectLineConversation> conversation_;
  const uint64_t watermark_;
  const uint64_t connection_id_;
  net::steady_timer expiry_;

  std::deque<std::shared_ptr<const std::string>> queue_;
  uint64_t subscription_ = 0;
  bool joined_ = false;
  bool closing_ = false;
  bool close_sent_ = false;
  websocket::close_code close_code_ = websocket::close_code::normal;
  const char* end_reason_ = "unknown";
  uint64_t pushed_ = 0;
};

}  // namespace kneebot

#endif  // KNEEBOT_BOT_SERVER_DIRECT_LINE_STREAM_H_
