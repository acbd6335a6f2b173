#include "bot/server/websocket_session.h"
#include "bot/server/websocket_options.h"

#include <spdlog/spdlog.h>

#include <exception>
#include <utility>

namespace kneebot {
namespace {

using SteadyClock = std::chrono::steady_clock;

std::string_view ActivityTypeName(ActivityType type) {
  switch (type) {
    case ActivityType::kHello:
      return "hello";
    case ActivityType::kRestart:
      return "restart";
    case ActivityType::kMessage:
      break;
  }
  return "message";
}

// Session ids are bearer tokens (anyone holding one can resume the
// conversation), so logs carry only a prefix: enough to correlate lines,
// useless for resuming.
std::string_view SessionTag(std::string_view id) { return id.substr(0, 8); }

}  // namespace

WebSocketSession::WebSocketSession(tcp::socket&& socket,
                                   std::shared_ptr<ServerState> state)
    : ws_(std::move(socket)),
      state_(std::move(state)),
      connection_id_(state_->next_connection_id.fetch_add(1)),
      opened_(SteadyClock::now()),
      bucket_(state_->options.rate_per_second, state_->options.rate_burst,
              opened_) {}

WebSocketSession::~WebSocketSession() {
  if (!joined_) return;
  state_->registry.Leave(this);
  state_->metrics.ConnectionClosed();
  auto secs =
      std::chrono::duration<double>(SteadyClock::now() - opened_).count();
  state_->net_log->info("ws close conn={} frames={} secs={:.1f} end={}",
                        connection_id_, frames_, secs, end_reason_);
}

void WebSocketSession::Run(http::request<http::string_body> req) {
  upgrade_ = std::move(req);
  // The socket's executor is this connection's strand (the listener made it);
  // every handler below runs there.
  net::dispatch(
      ws_.get_executor(),
      beast::bind_front_handler(&WebSocketSession::OnRun, shared_from_this()));
}

void WebSocketSession::OnRun() {
  const ServerOptions& o = state_->options;
  ApplyServerWebSocketOptions(ws_, o);
  // No limit in Beast itself: Beast fails an oversized frame from its header
  // and closes with 1009 on its own, before the protocol's `too_large` error
  // frame could be sent. DoRead enforces max_ws_message_bytes instead, never
  // buffering more than that.
  ws_.read_message_max(0);
  ws_.text(true);
  ws_.async_accept(upgrade_,
                   beast::bind_front_handler(&WebSocketSession::OnAccept,
                                             shared_from_this()));
}

void WebSocketSession::OnAccept(beast::error_code ec) {
  upgrade_ = {};
  if (ec) return Fail(ec, "accept");
  if (!state_->registry.Join(this, weak_from_this())) {
    // Stop() already began: this connection was too late to be told, so tell it
    // now.
    CloseAfterWrites(websocket::close_code::going_away);
    return;
  }
  joined_ = true;
  state_->metrics.ConnectionOpened();
  state_->net_log->info("ws open conn={}", connection_id_);
  DoRead();
}

void WebSocketSession::DoRead() {
  // Read at most one byte past the limit: enough to know a message is too large
  // without ever holding more of it.
  size_t limit = state_->options.max_ws_message_bytes + 1 - buffer_.size();
  ws_.async_read_some(
      buffer_, limit,
      beast::bind_front_handler(&WebSocketSession::OnRead, shared_from_this()));
}

void WebSocketSession::OnRead(beast::error_code ec, std::size_t) {
  if (ec) return Fail(ec, "read");
  if (close_sent_) return;  // too late to answer anything

  if (buffer_.size() > state_->options.max_ws_message_bytes) {
    ++frames_;
    state_->metrics.MessageReceived();
    buffer_.clear();
    SendError(ProtocolErrorCode::kTooLarge,
              "message larger than " +
                  std::to_string(state_->options.max_ws_message_bytes) +
                  " bytes",
              std::nullopt);
    // Beast's close handshake reads and discards the rest of the oversized
    // message.
    CloseAfterWrites(websocket::close_code::too_big);
    return;
  }
  if (!ws_.is_message_done()) return DoRead();

  ++frames_;
  state_->metrics.MessageReceived();
  std::string frame = beast::buffers_to_string(buffer_.data());
  buffer_.clear();
  HandleFrame(frame, ws_.got_binary());

  if (closing_) return;
  if (queue_.size() >= state_->options.write_queue_limit) {
    // The client is not reading its replies: stop reading its frames until it
    // does.
    read_paused_ = true;
    return;
  }
  DoRead();
}

void WebSocketSession::HandleFrame(std::string_view frame, bool binary) {
  Activity activity;
  ProtocolError error;
  bool ok = state_->web.ParseFrame(frame, &activity, &error);
  std::optional<std::string> reply_to = error.reply_to;
  if (ok && !activity.id.empty()) reply_to = activity.id;

  // Every frame costs a token, valid or not: parsing garbage is work too.
  if (!bucket_.TryTake(SteadyClock::now())) {
    return SendError(ProtocolErrorCode::kRateLimited,
                     "too many messages; wait a moment and try again",
                     reply_to);
  }
  if (ok && binary) {
    return SendError(ProtocolErrorCode::kBadFrame, "frames must be text frames",
                     reply_to);
  }
  if (!ok)
    return SendError(error.code, std::move(error.message), error.reply_to);
  RunTurn(std::move(activity));
}

void WebSocketSession::RunTurn(Activity activity) {
  // hello names the session to resume itself; other frames speak for the
  // session this connection already has (a client cannot name someone else's
  // session in them).
  if (activity.type != ActivityType::kHello) activity.session_id = session_id_;

  Reply reply;
  TurnInfo info;
  Status s;
  auto start = SteadyClock::now();
  try {
    s = state_->on_turn(activity, &reply, &info);
  } catch (const std::exception& e) {
    // A failed turn must never take the connection (or the server) down with
    // it.
    s = Status::Internal(e.what());
  }
  auto latency = SteadyClock::now() - start;

  if (!s.ok()) {
    state_->turn_log->error("turn conn={} sid={} type={} failed: {}",
                            connection_id_, SessionTag(session_id_),
                            ActivityTypeName(activity.type), s.ToString());
    return SendError(ProtocolErrorCode::kInternal,
                     "something went wrong on our side; please try again",
                     activity.id.empty()
                         ? std::nullopt
                         : std::optional<std::string>(activity.id));
  }
  session_id_ = reply.session_id;
  state_->metrics.TurnDone(info.triage, latency);

  // Message text is health data: it never appears here, only what the bot made
  // of it.
  auto us =
      std::chrono::duration_cast<std::chrono::microseconds>(latency).count();
  auto level = info.triage >= TriageLevel::kUrgent ? spdlog::level::warn
                                                   : spdlog::level::info;
  state_->turn_log->log(
      level,
      "turn conn={} sid={} type={} intent={} slots={} expecting={} triage={} "
      "rules={} scope={} new={} resumed={} content={} us={}",
      connection_id_, SessionTag(info.session_id),
      ActivityTypeName(activity.type), info.intent.empty() ? "-" : info.intent,
      info.slots_filled, info.expecting.empty() ? "-" : info.expecting,
      TriageName(info.triage), info.rules,
      info.scope == Scope::kUnset ? "-" : ScopeName(info.scope), info.new_session,
      info.resumed, state_->content_version, us);

  Send(WebAdapter::RenderReply(reply, activity.id));
}

void WebSocketSession::SendError(ProtocolErrorCode code, std::string message,
                                 std::optional<std::string> reply_to) {
  state_->metrics.ErrorSent(code);
  state_->net_log->debug("ws error conn={} code={}", connection_id_,
                         ProtocolErrorName(code));
  Send(
      WebAdapter::RenderError({code, std::move(message), std::move(reply_to)}));
}

void WebSocketSession::Send(std::string frame) {
  if (close_sent_) return;
  queue_.push_back(std::move(frame));
  if (queue_.size() == 1) DoWrite();
}

void WebSocketSession::DoWrite() {
  ws_.async_write(net::buffer(queue_.front()),
                  beast::bind_front_handler(&WebSocketSession::OnWrite,
                                            shared_from_this()));
}

void WebSocketSession::OnWrite(beast::error_code ec, std::size_t) {
  if (ec) return Fail(ec, "write");
  queue_.pop_front();
  if (!queue_.empty()) {
    DoWrite();
  } else {
    MaybeClose();
  }
  if (read_paused_ && !closing_ &&
      queue_.size() < state_->options.write_queue_limit) {
    read_paused_ = false;
    DoRead();
  }
}

void WebSocketSession::Shutdown() {
  net::post(ws_.get_executor(), [self = shared_from_this()] {
    self->CloseAfterWrites(websocket::close_code::going_away);
  });
}

void WebSocketSession::CloseAfterWrites(websocket::close_code code) {
  if (closing_) return;
  closing_ = true;
  close_code_ = code;
  MaybeClose();
}

void WebSocketSession::MaybeClose() {
  if (!closing_ || close_sent_ || !queue_.empty()) return;
  close_sent_ = true;
  end_reason_ =
      close_code_ == websocket::close_code::going_away ? "server_going_away"
      : close_code_ == websocket::close_code::too_big  ? "server_too_large"
                                                       : "server_close";
  // A pending read, if any, completes with an error once the close is done.
  ws_.async_close(close_code_,
                  beast::bind_front_handler(&WebSocketSession::OnClose,
                                            shared_from_this()));
}

void WebSocketSession::OnClose(beast::error_code ec) {
  if (ec) Fail(ec, "close");
}

void WebSocketSession::Fail(beast::error_code ec, const char* what) {
  if (close_sent_) return;  // the reason is already recorded
  if (ec == websocket::error::closed) {
    end_reason_ = "client_close";
    return;
  }
  if (ec == beast::error::timeout) {
    end_reason_ = "timeout";
  } else if (ec == net::error::eof || ec == net::error::connection_reset ||
             ec == net::error::broken_pipe) {
    end_reason_ = "client_gone";  // closed the socket without a close handshake
  } else if (ec == net::error::operation_aborted) {
    end_reason_ = "aborted";
    return;
  } else {
    end_reason_ = "error";
  }
  state_->net_log->debug("ws conn={} {}: {}", connection_id_, what,
                         ec.message());
}

}  // namespace kneebot
