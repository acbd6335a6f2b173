#include "tests/server/test_clients.h"

#include <utility>

namespace kneebot::test {

HttpResult HttpRequest(uint16_t port, http::verb method,
                       const std::string& target, const HeaderList& headers,
                       const std::string& body) {
  HttpResult result;
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.expires_after(kIoTimeout);
  beast::flat_buffer buffer;
  http::request<http::string_body> req{method, target, 11};
  req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
  req.keep_alive(false);
  for (const auto& [name, value] : headers) req.set(name, value);
  req.body() = body;
  if (!body.empty() || method == http::verb::post) req.prepare_payload();
  http::response<http::string_body> res;
  beast::error_code failure;

  stream.async_connect(
      tcp::endpoint(net::ip::make_address("127.0.0.1"), port),
      [&](beast::error_code ec) {
        if (ec) {
          failure = ec;
          return;
        }
        stream.expires_after(kIoTimeout);
        http::async_write(stream, req, [&](beast::error_code ec, std::size_t) {
          if (ec) {
            failure = ec;
            return;
          }
          stream.expires_after(kIoTimeout);
          http::async_read(
              stream, buffer, res,
              [&](beast::error_code ec, std::size_t) { failure = ec; });
        });
      });
  ioc.run();
  if (failure) {
    result.error = failure.message();
    return result;
  }
  result.status = static_cast<int>(res.result_int());
  result.content_type = std::string(res[http::field::content_type]);
  for (const auto& field : res) {
    std::string name(field.name_string());
    for (char& c : name) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    result.headers[name] = std::string(field.value());
  }
  result.body = std::move(res.body());
  return result;
}

bool WsClient::RunUntil(const bool& done, std::chrono::milliseconds timeout) {
  ioc_.restart();
  ioc_.run_for(timeout);
  if (done) return true;
  // Timed out: cancel the operation and let its handler run before returning.
  beast::get_lowest_layer(*ws_).socket().cancel();
  ioc_.restart();
  ioc_.run_for(std::chrono::seconds(1));
  error_ = beast::error::timeout;
  return false;
}

bool WsClient::Connect(uint16_t port, const std::string& target) {
  ws_.emplace(ioc_);
  bool done = false;
  beast::get_lowest_layer(*ws_).async_connect(
      tcp::endpoint(net::ip::make_address("127.0.0.1"), port),
      [&](beast::error_code ec) {
        if (ec) {
          error_ = ec;
          done = true;
          return;
        }
        ws_->async_handshake("127.0.0.1:" + std::to_string(port), target,
                             [&](beast::error_code ec) {
                               error_ = ec;
                               done = true;
                             });
      });
  if (!RunUntil(done, kIoTimeout)) return false;
  return !error_;
}

bool WsClient::Send(const std::string& frame, bool binary) {
  bool done = false;
  ws_->binary(binary);
  ws_->async_write(net::buffer(frame), [&](beast::error_code ec, std::size_t) {
    error_ = ec;
    done = true;
  });
  if (!RunUntil(done, kIoTimeout)) return false;
  return !error_;
}

void WsClient::StartRead() {
  if (read_pending_) return;
  read_pending_ = true;
  read_done_ = false;
  buffer_.clear();
  ws_->async_read(buffer_, [this](beast::error_code ec, std::size_t) {
    error_ = ec;
    read_done_ = true;
  });
}

std::optional<nlohmann::json> WsClient::Read(
    std::chrono::milliseconds timeout) {
  StartRead();
  bool ok = RunUntil(read_done_, timeout);
  read_pending_ = false;
  if (!ok || error_) return std::nullopt;
  auto j = nlohmann::json::parse(beast::buffers_to_string(buffer_.data()),
                                 nullptr, false);
  if (j.is_discarded()) return std::nullopt;
  return j;
}

bool WsClient::Idle(std::chrono::milliseconds duration) {
  StartRead();
  ioc_.restart();
  ioc_.run_for(duration);
  return !read_done_;
}

bool WsClient::WaitClosed(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (!Read(left) && error_ != beast::error::timeout) {
      return error_ == websocket::error::closed;
    }
  }
  return false;
}

void WsClient::Close() {
  if (!ws_ || !ws_->is_open()) return;
  bool done = false;
  ws_->async_close(websocket::close_code::normal,
                   [&](beast::error_code) { done = true; });
  RunUntil(done, std::chrono::seconds(2));
}

}  // namespace kneebot::test
