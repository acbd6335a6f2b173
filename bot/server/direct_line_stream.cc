#include "bot/server/direct_line_stream.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <utility>

#include "bot/server/direct_line_service.h"
#include "bot/server/websocket_options.h"

namespace kneebot {

DirectLineStream::DirectLineStream(
    tcp::socket&& socket, std::shared_ptr<ServerState> state,
    std::shared_ptr<DirectLineConversation> conversation, uint64_t watermark)
    : ws_(std::move(socket)),
      state_(std::move(state)),
      conversation_(std::move(conversation)),
      watermark_(watermark),
      connection_id_(state_->next_connection_id.fetch_add(1)),
      expiry_(ws_.get_executor()) {}

DirectLineStream::~DirectLineStream() {
  if (subscription_ != 0) conversation_->Unsubscribe(subscription_);
  if (!joined_) return;
  state_->registry.Leave(this);
  state_->metrics.ConnectionClosed();
  state_->net_log->info("dl stream close conn={} pushed={} end={}",
                        connection_id_, pushed_, end_reason_);
}

void DirectLineStream::Run(http::request<http::string_body> req) {
  upgrade_ = std::move(req);
  net::dispatch(
      ws_.get_executor(),
      beast::bind_front_handler(&DirectLineStream::OnRun, shared_from_this()));
}

void DirectLineStream::OnRun() {
  const ServerOptions& o = state_->options;
  ApplyServerWebSocketOptions(ws_, o);
  // Clients only send keep-alives here; Beast closes with 1009 beyond this.
  ws_.read_message_max(o.max_ws_message_bytes);
  ws_.text(true);
  ws_.async_accept(upgrade_,
                   beast::bind_front_handler(&DirectLineStream::OnAccept,
                                             shared_from_this()));
}

void DirectLineStream::OnAccept(beast::error_code ec) {
  upgrade_ = {};
  if (ec) return Fail(ec);
  if (!state_->registry.Join(this, weak_from_this())) {
    CloseAfterWrites(websocket::close_code::going_away, "server_going_away");
    return;
  }
  joined_ = true;
  state_->metrics.ConnectionOpened();
  state_->net_log->info("dl stream open conn={} conv={}", connection_id_,
                        conversation_->id().substr(0, 8));
  // Pushes arrive on whatever thread appended; hop onto this strand. A weak
  // pointer: the subscription must not keep a dead connection alive.
  std::weak_ptr<DirectLineStream> weak = weak_from_this();
  auto executor = ws_.get_executor();
  subscription_ = conversation_->Subscribe(
      watermark_, [weak, executor](std::shared_ptr<const std::string> set) {
        net::post(executor, [weak, set = std::move(set)]() mutable {
          if (auto self = weak.lock()) self->Push(std::move(set));
        });
      });
  ArmExpiry();
  DoRead();
}

void DirectLineStream::DoRead() {
  ws_.async_read(buffer_, beast::bind_front_handler(&DirectLineStream::OnRead,
                                                    shared_from_this()));
}

void DirectLineStream::OnRead(beast::error_code ec, std::size_t) {
  if (ec) return Fail(ec);
  // Keep-alives (empty) and anything else: activities are posted over HTTP.
  buffer_.consume(buffer_.size());
  if (!closing_) DoRead();
}

void DirectLineStream::Push(std::shared_ptr<const std::string> set) {
  if (closing_) return;
  if (set == nullptr) {
    return CloseAfterWrites(websocket::close_code::normal,
                            "conversation_ended");
  }
  if (queue_.size() >= state_->options.write_queue_limit) {
    // Not reading: drop what waits (the one being written must finish) and
    // let the client resume from its watermark.
    queue_.resize(1);
    return CloseAfterWrites(websocket::close_code::try_again_later,
                            "slow_client");
  }
  queue_.push_back(std::move(set));
  if (queue_.size() == 1) DoWrite();
}

void DirectLineStream::DoWrite() {
  ws_.async_write(net::buffer(*queue_.front()),
                  beast::bind_front_handler(&DirectLineStream::OnWrite,
                                            shared_from_this()));
}

void DirectLineStream::OnWrite(beast::error_code ec, std::size_t) {
  if (ec) return Fail(ec);
  ++pushed_;
  queue_.pop_front();
  if (!queue_.empty()) return DoWrite();
  MaybeClose();
}

void DirectLineStream::ArmExpiry() {
  // The conversation's clock may be a test's fake one: re-check at least
  // every minute rather than trusting one long timer.
  const Clock& clock = state_->direct_line->clock();
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      conversation_->expires() - clock.Now());
  left = std::clamp(left, std::chrono::milliseconds(100),
                    std::chrono::milliseconds(60000));
  expiry_.expires_after(left);
  expiry_.async_wait(beast::bind_front_handler(&DirectLineStream::OnExpiry,
                                               shared_from_this()));
}

void DirectLineStream::OnExpiry(beast::error_code ec) {
  if (ec || closing_) return;
  if (state_->direct_line->clock().Now() >= conversation_->expires()) {
    return CloseAfterWrites(websocket::close_code::normal, "expired");
  }
  ArmExpiry();
}

void DirectLineStream::Shutdown() {
  net::post(ws_.get_executor(), [self = shared_from_this()] {
    self->CloseAfterWrites(websocket::close_code::going_away,
                           "server_going_away");
  });
}

void DirectLineStream::CloseAfterWrites(websocket::close_code code,
                                        const char* reason) {
  if (closing_) return;
  closing_ = true;
  close_code_ = code;
  end_reason_ = reason;
  expiry_.cancel();
  MaybeClose();
}

void DirectLineStream::MaybeClose() {
  if (!closing_ || close_sent_ || !queue_.empty()) return;
  close_sent_ = true;
  ws_.async_close(close_code_,
                  beast::bind_front_handler(&DirectLineStream::OnClose,
                                            shared_from_this()));
}

void DirectLineStream::OnClose(beast::error_code ec) {
  if (ec) Fail(ec);
}

void DirectLineStream::Fail(beast::error_code ec) {
  expiry_.cancel();
  if (close_sent_) return;
  closing_ = true;
  if (ec == websocket::error::closed) {
    end_reason_ = "client_close";
  } else if (ec == beast::error::timeout) {
    end_reason_ = "timeout";
  } else if (ec == net::error::operation_aborted) {
    end_reason_ = "aborted";
  } else {
    end_reason_ = "client_gone";
    state_->net_log->debug("dl stream conn={}: {}", connection_id_,
                           ec.message());
  }
}

}  // namespace kneebot
